import { DescentInputError, show } from "../core/errors";
import { integerAtLeast } from "../core/validate";
import { colorFor } from "./palette";
import type { ContourTrace, Datum, Figure, Layout, ScatterTrace } from "./plotly-types";
import { baseLayout, finiteOrNull } from "./style";

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
 * The contour levels to draw. With `logScale`, log(1 + f - f_min) (f_min the lowest of the grid
 * and of the known minima), which spreads the levels of a steep valley such as Rosenbrock's
 * and is 0, not -Infinity, where f = f_min.
 */
export function levelGrid(surface: SurfaceLike, logScale: boolean, resolution: Resolution): Grid & { fmin: number } {
  const grid = contourGrid((x, y) => surface.f(x, y), surface.domain, resolution);
  let fmin = Infinity;
  for (const row of grid.z) for (const v of row) if (v !== null && v < fmin) fmin = v;
  for (const m of surface.minima ?? []) {
    const v = surface.f(m.x, m.y);
    if (Number.isFinite(v) && v < fmin) fmin = v;
  }
  if (logScale && Number.isFinite(fmin)) {
    grid.z = grid.z.map((row) => row.map((v) => (v === null ? null : finiteOrNull(Math.log1p(Math.max(0, v - fmin))))));
  }
  return { ...grid, fmin };
}

/** The filled-contour background trace. */
export function contourTrace(grid: Grid, logScale: boolean): ContourTrace {
  return {
    type: "contour",
    name: logScale ? "log(1 + f - f_min)" : "f",
    x: grid.x,
    y: grid.y,
    z: grid.z,
    colorscale: "Viridis",
    reversescale: false,
    ncontours: 30,
    contours: { coloring: "fill", showlines: true },
    line: { width: 0.5, color: "rgba(255,255,255,0.4)" },
    showscale: false,
    opacity: 0.85,
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
      marker: { symbol: "star", size: 16, color: "#FFD700", line: { color: "#000000", width: 1 } },
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
      marker: { symbol: "x", size: 12, color: "#ffffff", line: { color: "#000000", width: 1 } },
      hovertemplate: "saddle (%{x}, %{y})<extra></extra>",
    });
  }
  return out;
}

/** Axes fixed to the domain with one unit of x as long as one unit of y, so geometry is not distorted. */
export function equalAspectLayout(surface: SurfaceLike, title: string | undefined): Layout {
  return {
    ...baseLayout(title),
    xaxis: { title: { text: "x" }, range: [surface.domain.x[0], surface.domain.x[1]], constrain: "domain", zeroline: false, showgrid: false },
    yaxis: { title: { text: "y" }, range: [surface.domain.y[0], surface.domain.y[1]], scaleanchor: "x", scaleratio: 1, constrain: "domain", zeroline: false, showgrid: false },
  };
}

export interface SurfaceContourOptions {
  surface: SurfaceLike;
  trajectories?: Trajectory2D[];
  logScale?: boolean;
  resolution?: Resolution;
  /** Draw the known minima and saddles (default true). */
  showMinima?: boolean;
  title?: string;
}

/**
 * Contours of a 2-D surface with optimizer paths on top: the contour trace, then per trajectory
 * a lines+markers trace and a trace with its start (open circle) and end (diamond) markers, then
 * the minima (stars) and saddles (crosses).
 */
export function surfaceContourFigure(options: SurfaceContourOptions): Figure {
  const { surface } = options;
  const logScale = options.logScale ?? false;
  const grid = levelGrid(surface, logScale, options.resolution ?? 100);
  const data: Figure["data"] = [contourTrace(grid, logScale)];
  for (const t of options.trajectories ?? []) {
    const color = t.color ?? colorFor(t.name);
    const { x, y } = trajectoryXY(t.points);
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: t.name,
      legendgroup: t.name,
      x,
      y,
      line: { color, width: 2 },
      marker: { color, size: 4 },
      hovertemplate: `${t.name}<br>step %{pointNumber}: (%{x:.4f}, %{y:.4f})<extra></extra>`,
    });
    const last = x.length - 1;
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${t.name} start/end`,
      legendgroup: t.name,
      showlegend: false,
      x: last >= 0 ? [x[0], x[last]] : [],
      y: last >= 0 ? [y[0], y[last]] : [],
      marker: { color, size: [10, 12], symbol: ["circle-open", "diamond"], line: { color: "#000000", width: 1 } },
    });
  }
  if (options.showMinima ?? true) data.push(...landmarkTraces(surface));
  return { data, layout: equalAspectLayout(surface, options.title ?? surface.title) };
}
