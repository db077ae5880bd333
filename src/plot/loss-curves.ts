import { DescentInputError } from "../core/errors";
import { colorFor } from "./palette";
import type { Datum, Figure, ScatterTrace } from "./plotly-types";
import { AXIS_LINE_COLOR, GRID_COLOR, baseLayout, finiteOrNull, titled } from "./style";

/**
 * One tick per power of ten when the positive data span at least two decades; otherwise Plotly's
 * own ticks. Plotly's default log ticks also label 2 and 5 in every decade, which in the browser
 * read as a column of stray digits between 10^-3 and 10^2.
 */
export function decadeTicks(values: readonly Datum[]): number | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v !== null && v > 0) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi / lo >= 100)) return undefined;
  // One tick per decade reads well up to about eight decades; beyond that (losses falling to
  // 1e-80) the labels piled into one another, so every k-th decade is labelled instead.
  const decades = Math.log10(hi) - Math.log10(lo);
  return Math.max(1, Math.ceil(decades / MAX_DECADE_TICKS));
}

/** How many decade ticks a log axis shows at most before `decadeTicks` thins them out. */
export const MAX_DECADE_TICKS = 8;

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
  const dtick = logY ? decadeTicks(data.flatMap((t) => t.y)) : undefined;
  // automargin: Plotly otherwise keeps a fixed 60 px left margin, and long tick labels (1e-12)
  // ran into the axis title on a 420 px screen.
  const axis = { zeroline: false, gridcolor: GRID_COLOR, showline: true, linecolor: AXIS_LINE_COLOR, ticks: "outside" as const, automargin: true };
  return {
    data,
    layout: titled({
      ...baseLayout(),
      xaxis: { ...axis, title: { text: options.xTitle ?? "step" } },
      yaxis: { ...axis, title: { text: options.yTitle ?? "loss" }, type: logY ? "log" : "linear", exponentformat: "power", ...(dtick === undefined ? {} : { dtick }) },
      hovermode: "x unified",
    }, data, options.title),
  };
}
