import { DescentInputError } from "../core/errors";
import { colorFor } from "./palette";
import type { Datum, Figure, ScatterTrace } from "./plotly-types";
import { baseLayout, finiteOrNull } from "./style";

export interface LossSeries {
  name: string;
  values: ArrayLike<number>;
  /** x of each value (default 0, 1, 2, ...). */
  x?: ArrayLike<number>;
  color?: string;
  dash?: "solid" | "dot" | "dash" | "dashdot";
}

export interface LossCurvesOptions {
  /** Logarithmic loss axis (values <= 0 cannot be drawn on it and become gaps). */
  logY?: boolean;
  title?: string;
  xTitle?: string;
  yTitle?: string;
}

/** Loss (or any metric) against step, one line per series, coloured by optimizer name. */
export function lossCurvesFigure(series: readonly LossSeries[], options: LossCurvesOptions = {}): Figure {
  const logY = options.logY ?? false;
  const data: ScatterTrace[] = series.map((s) => {
    if (s.x !== undefined && s.x.length !== s.values.length) {
      throw new DescentInputError(`series "${s.name}" has ${s.values.length} values but ${s.x.length} x positions`);
    }
    const y: Datum[] = Array.from(s.values, (v) => (logY && !(v > 0) ? null : finiteOrNull(v)));
    const x: Datum[] = s.x === undefined ? y.map((_, i) => i) : Array.from(s.x, finiteOrNull);
    const color = s.color ?? colorFor(s.name);
    return { type: "scatter", mode: "lines", name: s.name, x, y, line: { color, width: 2, dash: s.dash ?? "solid" } };
  });
  return {
    data,
    layout: {
      ...baseLayout(options.title),
      xaxis: { title: { text: options.xTitle ?? "step" }, zeroline: false },
      yaxis: { title: { text: options.yTitle ?? "loss" }, type: logY ? "log" : "linear", exponentformat: "power", zeroline: false },
      hovermode: "x unified",
    },
  };
}
