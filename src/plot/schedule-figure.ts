import { integerAtLeast } from "../core/validate";
import { colorFor, ownColor, SCHEDULE_COLORS } from "./palette";
import type { Figure, ScatterTrace } from "./plotly-types";
import { AXIS_LINE_COLOR, GRID_COLOR, baseLayout, finiteOrNull, fitLegendHeight, titled } from "./style";

/**
 * Up to this many steps the rate is drawn as a staircase (it is constant within a step); beyond
 * it the stairs are thinner than a pixel and rendered as a ragged fringe, so the line is linear.
 */
export const MAX_STAIRCASE_STEPS = 100;

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

/**
 * eta_t against t = 0 .. steps-1 for each schedule. Colours come from SCHEDULE_COLORS by the
 * schedule's name (so "cosine" looks the same in every lesson), else from the label.
 */
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
      line: { color: ownColor(SCHEDULE_COLORS, s.name) ?? colorFor(name), width: 2, shape: n <= MAX_STAIRCASE_STEPS ? "hv" : "linear" },
    };
  });
  return {
    data,
    layout: fitLegendHeight(titled({
      ...baseLayout(),
      xaxis: { title: { text: "step t" }, zeroline: false, gridcolor: GRID_COLOR, showline: true, linecolor: AXIS_LINE_COLOR, ticks: "outside" },
      // Plotly draws "η_t" literally; <sub> is its markup for a subscript.
      yaxis: { title: { text: "learning rate η<sub>t</sub>", standoff: 8 }, type: options.logY ? "log" : "linear", exponentformat: "power", gridcolor: GRID_COLOR, showline: true, linecolor: AXIS_LINE_COLOR, ticks: "outside", automargin: true, rangemode: "tozero" },
    }, data, options.title ?? "Learning-rate schedules"), data),
  };
}
