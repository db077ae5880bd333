import { integerAtLeast } from "../core/validate";
import { colorFor } from "./palette";
import type { Figure, ScatterTrace } from "./plotly-types";
import { baseLayout, finiteOrNull } from "./style";

/** Anything with a learning rate per step: every `Schedule` from src/schedules fits. */
export interface ScheduleLike {
  readonly name: string;
  at(t: number): number;
}

export interface ScheduleFigureOptions {
  title?: string;
  logY?: boolean;
  /** Legend labels (default: each schedule's name). */
  labels?: readonly string[];
}

/** eta_t against t = 0 .. steps-1 for each schedule, drawn as steps (the rate is constant within a step). */
export function scheduleFigure(schedules: readonly ScheduleLike[], steps: number, options: ScheduleFigureOptions = {}): Figure {
  const n = integerAtLeast("steps", steps, 1);
  const x = Array.from({ length: n }, (_, t) => t);
  const data: ScatterTrace[] = schedules.map((s, i) => {
    const name = options.labels?.[i] ?? s.name;
    return {
      type: "scatter",
      mode: "lines",
      name,
      x,
      y: x.map((t) => finiteOrNull(s.at(t))),
      line: { color: colorFor(name), width: 2, shape: "hv" },
    };
  });
  return {
    data,
    layout: {
      ...baseLayout(options.title ?? "Learning-rate schedules"),
      xaxis: { title: { text: "step t" }, zeroline: false },
      yaxis: { title: { text: "learning rate η_t" }, type: options.logY ? "log" : "linear", exponentformat: "power" },
    },
  };
}
