import { DescentInputError, show } from "../core/errors";
import { integerAtLeast } from "../core/validate";
import { colorFor } from "./palette";
import type { ContourTrace, Datum, Figure, Layout, ScatterTrace, Trace } from "./plotly-types";
import { AXIS_LINE_COLOR, baseLayout, finiteOrNull, legendEntries, titled, titleLines } from "./style";

/** A plotting window: x in [x0, x1], y in [y0, y1]. */
export interface Domain2D {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** What a contour figure needs from a surface; every `Surface2D` from src/problems fits. */
export interface SurfaceLike {
  f(x: number, y: number): number;
  readonly domain: Domain2D;
  readonly minima?: readonly { readonly x: number; readonly y: number }[];
  readonly saddles?: readonly { readonly x: number; readonly y: number }[];
  readonly title?: string;
}

/** A path of 2-D points, e.g. the parameters an optimizer visited: points[k] = [x_k, y_k]. */
export interface Trajectory2D {
  name: string;
  points: ArrayLike<ArrayLike<number>>;
  /** Overrides the palette colour. */
  color?: string;
}

export interface Grid {
  x: number[];
  y: number[];
  /** z[row][col] = f(x[col], y[row]); null where f is not finite. */
  z: Datum[][];
}

/** `resolution`: points per axis (>= 2), or [nx, ny]. */
export type Resolution = number | readonly [number, number];

function checkDomain(domain: Domain2D): void {
  for (const axis of ["x", "y"] as const) {
    const [a, b] = domain[axis];
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
      throw new DescentInputError(`domain.${axis} must be [min, max] with finite min < max, got ${show([a, b])}`);
    }
  }
}

function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

/** f sampled on an evenly spaced grid over `domain`, laid out as Plotly's contour and surface traces expect. */
export function contourGrid(f: (x: number, y: number) => number, domain: Domain2D, resolution: Resolution = 100): Grid {
  checkDomain(domain);
  const [nx, ny] = typeof resolution === "number" ? [resolution, resolution] : resolution;
  integerAtLeast("resolution (x)", nx, 2);
  integerAtLeast("resolution (y)", ny, 2);
  const x = linspace(domain.x[0], domain.x[1], nx);
  const y = linspace(domain.y[0], domain.y[1], ny);
  const z = y.map((yv) => x.map((xv) => finiteOrNull(f(xv, yv))));
  return { x, y, z };
}

/**
 * `true`/`false` force the level scale; "auto" (the default of every figure) picks log levels for
 * surfaces whose walls grow much faster than a quadratic bowl (Rosenbrock, Beale).
 */
export type LevelScale = boolean | "auto";

/**
 * Whether log-spaced levels show a surface better than even ones: true when the median of
 * f - f_min over the grid is below `LOG_LEVEL_THRESHOLD` of its maximum. A quadratic bowl over
 * a square gives a ratio of about 0.25 to 0.5 and keeps even levels; Rosenbrock (0.06) and Beale
 * (0.002), whose even levels were all crammed against the edges with the whole valley one flat
 * colour, get log levels.
 */
export const LOG_LEVEL_THRESHOLD = 0.15;

export function prefersLogLevels(z: readonly (readonly Datum[])[], fmin: number): boolean {
  const d: number[] = [];
  for (const row of z) for (const v of row) if (v !== null) d.push(v - fmin);
  if (d.length === 0 || !Number.isFinite(fmin)) return false;
  d.sort((a, b) => a - b);
  const max = d[d.length - 1];
  return max > 0 && d[Math.floor(d.length / 2)] < LOG_LEVEL_THRESHOLD * max;
}

/**
 * The values the contour levels are drawn on. With log levels, log(1 + f - f_min) (f_min the
 * lowest of the grid and of the known minima), which spreads the levels of a steep valley such
 * as Rosenbrock's and is 0, not -Infinity, where f = f_min. `logScale` tells which was chosen.
 */
export function levelGrid(surface: SurfaceLike, logScale: LevelScale, resolution: Resolution): Grid & { fmin: number; logScale: boolean } {
  const grid = contourGrid((x, y) => surface.f(x, y), surface.domain, resolution);
  let fmin = Infinity;
  for (const row of grid.z) for (const v of row) if (v !== null && v < fmin) fmin = v;
  for (const m of surface.minima ?? []) {
    const v = surface.f(m.x, m.y);
    if (Number.isFinite(v) && v < fmin) fmin = v;
  }
  const useLog = (logScale === "auto" ? prefersLogLevels(grid.z, fmin) : logScale) && Number.isFinite(fmin);
  if (useLog) {
    grid.z = grid.z.map((row) => row.map((v) => (v === null ? null : finiteOrNull(Math.log1p(Math.max(0, v - fmin))))));
  }
  return { ...grid, fmin, logScale: useLog };
}

/**
 * A pale, single-hue sequential scale (white at the minimum, slate blue on the high walls): the
 * optimizer colours must stand out on it, which they did not on Viridis, whose dark purple valley
 * swallowed the black, blue and brown paths exactly where they end.
 */
export const SURFACE_COLORSCALE: [number, string][] = [
  [0, "#ffffff"],
  [0.25, "#eef2f7"],
  [0.5, "#d9e2ec"],
  [0.75, "#bccbdb"],
  [1, "#9aafc5"],
];

/** The same hue for the 3-D mesh, a step darker so Plotly's shading still shows its shape. */
export const SURFACE_COLORSCALE_3D: [number, string][] = [
  [0, "#f4f7fa"],
  [0.5, "#c3d1e0"],
  [1, "#7f97b2"],
];

/** How far a 3-D path floats above the mesh (1 % of the height range) so the mesh does not hide it. */
export function pathLift(zmin: number, zmax: number): number {
  return Number.isFinite(zmin) && Number.isFinite(zmax) && zmax > zmin ? 0.01 * (zmax - zmin) : 0;
}

/** The filled-contour background trace. */
export function contourTrace(grid: Grid, logScale: boolean): ContourTrace {
  return {
    type: "contour",
    name: logScale ? "log(1 + f - f_min)" : "f",
    x: grid.x,
    y: grid.y,
    z: grid.z,
    colorscale: SURFACE_COLORSCALE,
    ncontours: 25,
    contours: { coloring: "fill", showlines: true },
    line: { width: 0.6, color: "rgba(60,72,90,0.35)" },
    showscale: false,
    hovertemplate: "x=%{x:.3f}<br>y=%{y:.3f}<br>" + (logScale ? "log(1+f-f*)" : "f") + "=%{z:.4g}<extra></extra>",
  };
}

/** x and y columns of a trajectory, with non-finite coordinates as null. */
export function trajectoryXY(points: ArrayLike<ArrayLike<number>>, upTo: number = points.length): { x: Datum[]; y: Datum[] } {
  const n = Math.min(upTo, points.length);
  const x: Datum[] = new Array<Datum>(n);
  const y: Datum[] = new Array<Datum>(n);
  for (let k = 0; k < n; k++) {
    const p = points[k];
    if (p.length < 2) throw new DescentInputError(`trajectory point ${k} must have 2 coordinates, got ${p.length}`);
    x[k] = finiteOrNull(p[0]);
    y[k] = finiteOrNull(p[1]);
  }
  return { x, y };
}

/** Known minima as stars and saddles as crosses (no traces when there are none). */
export function landmarkTraces(surface: SurfaceLike): ScatterTrace[] {
  const out: ScatterTrace[] = [];
  const minima = surface.minima ?? [];
  const saddles = surface.saddles ?? [];
  if (minima.length > 0) {
    out.push({
      type: "scatter",
      mode: "markers",
      name: minima.length === 1 ? "minimum" : "minima",
      x: minima.map((m) => finiteOrNull(m.x)),
      y: minima.map((m) => finiteOrNull(m.y)),
      marker: { symbol: "star", size: 15, color: "#FFD700", line: { color: "#222222", width: 1 } },
      hovertemplate: "minimum (%{x}, %{y})<extra></extra>",
    });
  }
  if (saddles.length > 0) {
    out.push({
      type: "scatter",
      mode: "markers",
      name: saddles.length === 1 ? "saddle point" : "saddle points",
      x: saddles.map((m) => finiteOrNull(m.x)),
      y: saddles.map((m) => finiteOrNull(m.y)),
      marker: { symbol: "x-thin", size: 11, color: "#222222", line: { color: "#222222", width: 2 } },
      hovertemplate: "saddle (%{x}, %{y})<extra></extra>",
    });
  }
  return out;
}

/**
 * Axes fixed to the domain (so a diverging path leaves the frame instead of stretching it to
 * 1e30) with one unit of x as long as one unit of y, so geometry is not distorted. The plot
 * hugs the legend above it: on a phone the square shrinks toward the top, not into the middle
 * of an empty page. The figure is taller than a loss curve's: the square plot shares the height
 * with the legend, the title and (animated) the slider, and at 450 px a phone was left with a
 * square of about 150 px once four legend entries wrapped to a row each.
 */
export const CONTOUR_FIGURE_HEIGHT = 580;

/** Figure widths a contour figure must fit: the widest a notebook or lesson draws it, and a phone's. */
export const WIDE_FIGURE_WIDTH = 900;
export const NARROW_FIGURE_WIDTH = 280;
/** Measured in Chromium: a legend row (with the star marker) and a 17 px title line. */
const LEGEND_ROW_PX = 29;
const TITLE_LINE_PX = 28;
/** Legend entries per row at WIDE_FIGURE_WIDTH ("momentum, η = 0.003" is about 150 px). */
const WIDE_LEGEND_COLUMNS = 5;

/**
 * The height of an equal-aspect contour figure: enough for the legend, the title, the plot and
 * the bottom margin at both a wide (900 px) and a phone-sized (280 px) width, and at most
 * CONTOUR_FIGURE_HEIGHT. The plot's height is its width divided by the domain's aspect ratio
 * (x extent over y extent), so a long valley four times wider than tall gets about 340 px, not
 * 580 px of which 300 were blank under a thin strip of plot on a phone; a square domain keeps
 * the full height. At the narrow width every legend entry is counted as a row of its own.
 */
export function contourFigureHeight(domain: Domain2D, legendRows: number, titleLineCount: number, margin: { t: number; b: number; l: number; r: number }): number {
  const aspect = (domain.x[1] - domain.x[0]) / (domain.y[1] - domain.y[0]);
  const fixed = margin.t + margin.b + titleLineCount * TITLE_LINE_PX;
  const plotAt = (width: number) => Math.max(0, width - margin.l - margin.r) / aspect;
  const wide = fixed + Math.ceil(legendRows / WIDE_LEGEND_COLUMNS) * LEGEND_ROW_PX + plotAt(WIDE_FIGURE_WIDTH);
  const narrow = fixed + legendRows * LEGEND_ROW_PX + plotAt(NARROW_FIGURE_WIDTH);
  return Math.min(CONTOUR_FIGURE_HEIGHT, Math.ceil(Math.max(wide, narrow)));
}

/** Sets `layout.height` by contourFigureHeight from what the figure holds (after `titled`). */
export function fitContourHeight(layout: Layout, surface: SurfaceLike, data: readonly Trace[]): Layout {
  const m = layout.margin ?? {};
  const margin = { t: m.t ?? 30, b: m.b ?? 50, l: m.l ?? 60, r: m.r ?? 20 };
  // A title on the layout (no legend) already has its lines in the top margin (see `titled`).
  const lines = layout.legend?.title !== undefined ? titleLines(layout) : 0;
  return { ...layout, height: contourFigureHeight(surface.domain, legendEntries(data), lines, margin) };
}

export function equalAspectLayout(surface: SurfaceLike): Layout {
  const axis = { zeroline: false, showgrid: false, showline: true, linecolor: AXIS_LINE_COLOR, mirror: true, ticks: "outside" as const, constrain: "domain" as const };
  return {
    ...baseLayout(),
    height: CONTOUR_FIGURE_HEIGHT,
    xaxis: { ...axis, title: { text: "x" }, range: [surface.domain.x[0], surface.domain.x[1]], constraintoward: "center" },
    yaxis: { ...axis, title: { text: "y" }, range: [surface.domain.y[0], surface.domain.y[1]], scaleanchor: "x", scaleratio: 1, constraintoward: "top" },
  };
}

/** Paths longer than this are drawn as plain lines: a dot per step turned long runs into a smudge. */
export const MAX_MARKED_STEPS = 60;

export interface SurfaceContourOptions {
  surface: SurfaceLike;
  trajectories?: Trajectory2D[];
  /** Log-spaced levels: true, false or "auto" (default; see prefersLogLevels). */
  logScale?: LevelScale;
  resolution?: Resolution;
  /** Draw the known minima and saddles (default true). */
  showMinima?: boolean;
  title?: string;
}

/** The start (ring in the path's colour) and end (diamond with a dark outline) of each path. */
export function endpointTrace(t: Trajectory2D, x: Datum[], y: Datum[]): ScatterTrace {
  const color = t.color ?? colorFor(t.name);
  const last = x.length - 1;
  return {
    type: "scatter",
    mode: "markers",
    name: `${t.name} start/end`,
    legendgroup: t.name,
    showlegend: false,
    x: last >= 0 ? [x[0], x[last]] : [],
    y: last >= 0 ? [y[0], y[last]] : [],
    marker: { color: ["#ffffff", color], size: [10, 11], symbol: ["circle", "diamond"], line: { color: [color, "#222222"], width: 2 } },
    hovertemplate: `${t.name}: %{text}<extra></extra>`,
    text: last >= 0 ? ["start", `end (step ${last})`] : [],
  };
}

/**
 * Contours of a 2-D surface with optimizer paths on top. Traces: the contour, one path per
 * trajectory (lines, with a dot per step when there are at most MAX_MARKED_STEPS), the minima
 * (stars) and saddles (crosses), then one start/end marker trace per trajectory. The markers come
 * last so that no path hides another's end and a run that converged shows its diamond on the star
 * (the bigger star still shows around it).
 */
export function surfaceContourFigure(options: SurfaceContourOptions): Figure {
  const { surface } = options;
  const grid = levelGrid(surface, options.logScale ?? "auto", options.resolution ?? 100);
  const data: Figure["data"] = [contourTrace(grid, grid.logScale)];
  const trajectories = options.trajectories ?? [];
  const columns = trajectories.map((t) => trajectoryXY(t.points));
  trajectories.forEach((t, i) => {
    const color = t.color ?? colorFor(t.name);
    const { x, y } = columns[i];
    data.push({
      type: "scatter",
      mode: x.length <= MAX_MARKED_STEPS + 1 ? "lines+markers" : "lines",
      name: t.name,
      legendgroup: t.name,
      x,
      y,
      line: { color, width: 2.5 },
      marker: { color, size: 5 },
      hovertemplate: `${t.name}<br>step %{pointNumber}: (%{x:.4f}, %{y:.4f})<extra></extra>`,
    });
  });
  if (options.showMinima ?? true) data.push(...landmarkTraces(surface));
  trajectories.forEach((t, i) => data.push(endpointTrace(t, columns[i].x, columns[i].y)));
  return { data, layout: fitContourHeight(titled(equalAspectLayout(surface), data, options.title ?? surface.title), surface, data) };
}
