import { DescentInputError } from "../core/errors";
import { colorFor } from "./palette";
import type { Datum, Figure, ScatterTrace } from "./plotly-types";
import { AXIS_LINE_COLOR, GRID_COLOR, baseLayout, finiteOrNull, fitLegendHeight, titled } from "./style";

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

/** A tick label as a reader writes it: 0.05, 0.2, 300, and 2e-5 or 5e+6 outside [0.001, 10000). */
function tickLabel(v: number): string {
  return v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(1))) : v.toExponential(0).replace("e+", "e");
}

/**
 * Ticks at 1, 2 and 5 times each power of ten, labelled in full, for a log axis whose positive
 * data span less than two decades (where `decadeTicks` leaves the ticks to Plotly); undefined
 * when fewer than three such ticks fall in the data's range. Plotly's own ticks there label
 * every digit 2..9 of a decade in a small font beside one big 10^-1: on a 420 px phone, a
 * column of eight digits squeezed into 100 px.
 */
export function oneTwoFiveTicks(values: readonly Datum[]): { tickvals: number[]; ticktext: string[] } | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v !== null && v > 0 && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo) || hi / lo >= 100) return undefined;
  const tickvals: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(1));
      if (v >= lo && v <= hi) tickvals.push(v);
    }
  }
  return tickvals.length >= 3 ? { tickvals, ticktext: tickvals.map(tickLabel) } : undefined;
}

export interface LossSeries {
  name: string;
  values: ArrayLike<number>;
  /** x of each value (default 0, 1, 2, ...). */
  x?: ArrayLike<number>;
  color?: string;
  dash?: "solid" | "dot" | "dash" | "dashdot";
  /** Draw points without a line (a measurement set against a predicted line). */
  markers?: boolean;
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
    if (s.markers) return { type: "scatter", mode: "markers", name: s.name, x, y, marker: { color, size: 8 } };
    return { type: "scatter", mode: "lines", name: s.name, x, y, line: { color, width: 2, dash: s.dash ?? "solid" } };
  });
  const ys = logY ? data.flatMap((t) => t.y) : [];
  const dtick = logY ? decadeTicks(ys) : undefined;
  const fine = logY && dtick === undefined ? oneTwoFiveTicks(ys) : undefined;
  // automargin: Plotly otherwise keeps a fixed 60 px left margin, and long tick labels (1e-12)
  // ran into the axis title on a 420 px screen.
  const axis = { zeroline: false, gridcolor: GRID_COLOR, showline: true, linecolor: AXIS_LINE_COLOR, ticks: "outside" as const, automargin: true };
  return {
    data,
    layout: fitLegendHeight(titled({
      ...baseLayout(),
      xaxis: { ...axis, title: { text: options.xTitle ?? "step" } },
      // standoff: without it Plotly placed the title by a default that ignored the superscripts of
      // 10^-15-style labels, and the title overprinted them, at 1280 px as at 420 px.
      yaxis: { ...axis, title: { text: options.yTitle ?? "loss", standoff: 8 }, type: logY ? "log" : "linear", exponentformat: "power", ...(dtick === undefined ? {} : { dtick }), ...(fine ?? {}) },
      hovermode: "x unified",
    }, data, options.title), data),
  };
}
