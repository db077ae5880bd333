import { pathLift, levelGrid, SURFACE_COLORSCALE_3D, type Domain2D, type Grid, type LevelScale, type Resolution, type SurfaceLike, type Trajectory2D } from "./contour";
import { colorFor } from "./palette";
import type { Datum, Figure, Scatter3dTrace, SurfaceTrace } from "./plotly-types";
import { baseLayout, finiteOrNull, titled } from "./style";

export interface Surface3dOptions {
  surface: SurfaceLike;
  trajectories?: Trajectory2D[];
  /** Log heights: true, false or "auto" (default; see prefersLogLevels). */
  logScale?: LevelScale;
  resolution?: Resolution;
  title?: string;
}

/** Contour lines drawn on the mesh (20 even steps of the height): the pale mesh alone hid its shape. */
function levelLines(zmin: number, zmax: number): Pick<SurfaceTrace, "contours"> {
  if (!Number.isFinite(zmin) || !(zmax > zmin)) return {};
  return { contours: { z: { show: true, usecolormap: false, color: "rgba(60,72,90,0.45)", width: 1, start: zmin, end: zmax, size: (zmax - zmin) / 20 } } };
}

/** The bilinear interpolation of the grid at (x, y) (inside the domain), null next to a gap. */
export function meshHeight(grid: Grid, x: number, y: number): number | null {
  const locate = (axis: number[], v: number): [number, number] => {
    const n = axis.length - 1;
    const u = ((v - axis[0]) / (axis[n] - axis[0])) * n;
    const i = Math.min(n - 1, Math.max(0, Math.floor(u)));
    return [i, Math.min(1, Math.max(0, u - i))];
  };
  const [i, tx] = locate(grid.x, x);
  const [j, ty] = locate(grid.y, y);
  const z00 = grid.z[j][i];
  const z10 = grid.z[j][i + 1];
  const z01 = grid.z[j + 1][i];
  const z11 = grid.z[j + 1][i + 1];
  if (z00 === null || z10 === null || z01 === null || z11 === null) return null;
  return (1 - ty) * ((1 - tx) * z00 + tx * z10) + ty * ((1 - tx) * z01 + tx * z11);
}

function inside(domain: Domain2D, x: number, y: number): boolean {
  return x >= domain.x[0] && x <= domain.x[1] && y >= domain.y[0] && y <= domain.y[1];
}

/**
 * The surface as a 3-D mesh with trajectories lifted onto it (z on the same, possibly log,
 * scale). Paths end where they first leave the domain (or stop being finite): in 3-D an escaping
 * path stretched every axis around itself (the saddle's y axis ran to 8 and f to -70, shrinking
 * the surface to a sliver), and a scene, unlike a 2-D plot, does not clip what lies outside.
 * Points are raised by a hair (pathLift) so the mesh does not swallow the line.
 */
export function surface3dFigure(options: Surface3dOptions): Figure {
  const { surface } = options;
  const grid = levelGrid(surface, options.logScale ?? "auto", options.resolution ?? 100);
  const logScale = grid.logScale;
  let zmin = Infinity;
  let zmax = -Infinity;
  for (const row of grid.z) for (const v of row) if (v !== null) { zmin = Math.min(zmin, v); zmax = Math.max(zmax, v); }
  const lift = pathLift(zmin, zmax);
  // A path point sits at the larger of its true height and the mesh's own (bilinear) height
  // there: in a narrow valley the mesh between grid points floats far above the true floor
  // (Rosenbrock on a log scale), and paths drawn at the true height vanished under it.
  const height = (x: number, y: number): Datum => {
    const v = surface.f(x, y);
    const h = logScale ? Math.log1p(Math.max(0, v - grid.fmin)) : v;
    const m = meshHeight(grid, x, y);
    return finiteOrNull((m !== null && m > h ? m : h) + lift);
  };
  const data: Figure["data"] = [
    { type: "surface", name: surface.title ?? "f", x: grid.x, y: grid.y, z: grid.z, colorscale: SURFACE_COLORSCALE_3D, showscale: false, opacity: 0.9, hovertemplate: "x=%{x:.3f}<br>y=%{y:.3f}<br>z=%{z:.4g}<extra></extra>", ...levelLines(zmin, zmax) },
  ];
  const ends: Scatter3dTrace[] = [];
  for (const t of options.trajectories ?? []) {
    const x: number[] = [];
    const y: number[] = [];
    const z: Datum[] = [];
    for (let k = 0; k < t.points.length; k++) {
      const p = t.points[k];
      if (!Number.isFinite(p[0]) || !Number.isFinite(p[1]) || !inside(surface.domain, p[0], p[1])) break;
      x.push(p[0] + 0);
      y.push(p[1] + 0);
      z.push(height(p[0], p[1]));
    }
    const color = t.color ?? colorFor(t.name);
    data.push({ type: "scatter3d", mode: "lines", name: t.name, legendgroup: t.name, x, y, z, line: { color, width: 6 } });
    const last = x.length - 1;
    if (last >= 0) {
      ends.push({
        type: "scatter3d",
        mode: "markers",
        name: `${t.name} start/end`,
        legendgroup: t.name,
        showlegend: false,
        x: [x[0], x[last]],
        y: [y[0], y[last]],
        z: [z[0], z[last]],
        marker: { color: ["#ffffff", color], size: [5, 6], symbol: ["circle", "diamond"], line: { color: [color, "#222222"], width: 2 } },
      });
    }
  }
  data.push(...ends);
  const dx = surface.domain.x[1] - surface.domain.x[0];
  const dy = surface.domain.y[1] - surface.domain.y[0];
  const zRange: [number, number] | undefined = Number.isFinite(zmin) && zmax > zmin ? [zmin, zmax + lift] : undefined;
  return {
    data,
    layout: titled({
      ...baseLayout(),
      margin: { l: 10, r: 10, t: 30, b: 0 },
      scene: {
        xaxis: { title: { text: "x" }, range: [surface.domain.x[0], surface.domain.x[1]] },
        yaxis: { title: { text: "y" }, range: [surface.domain.y[0], surface.domain.y[1]] },
        zaxis: { title: { text: logScale ? "log(1+f−f*)" : "f" }, nticks: 4, ...(zRange ? { range: zRange } : {}) },
        // x and y keep their true proportions (as in the contour plots); height is 45 % of the longer side, low enough that the walls do not hide the valley floors.
        aspectmode: "manual",
        aspectratio: { x: dx / Math.max(dx, dy), y: dy / Math.max(dx, dy), z: 0.45 },
        // From high up: at a grazing angle the walls hid the paths lying in the valleys.
        // Far enough back that a 420 px phone still shows the tick labels.
        camera: { eye: { x: -1.35, y: -1.55, z: 1.05 }, center: { x: 0, y: 0, z: -0.1 } },
      },
    }, data, options.title ?? surface.title),
  };
}
