import { levelGrid, type Resolution, type SurfaceLike, type Trajectory2D } from "./contour";
import { colorFor } from "./palette";
import type { Datum, Figure } from "./plotly-types";
import { baseLayout, finiteOrNull } from "./style";

export interface Surface3dOptions {
  surface: SurfaceLike;
  trajectories?: Trajectory2D[];
  logScale?: boolean;
  resolution?: Resolution;
  title?: string;
}

/** The surface as a 3-D mesh with trajectories lifted onto it (z on the same, possibly log, scale). */
export function surface3dFigure(options: Surface3dOptions): Figure {
  const { surface } = options;
  const logScale = options.logScale ?? false;
  const grid = levelGrid(surface, logScale, options.resolution ?? 60);
  const height = (x: number, y: number): Datum => {
    const v = surface.f(x, y);
    return finiteOrNull(logScale ? Math.log1p(Math.max(0, v - grid.fmin)) : v);
  };
  const data: Figure["data"] = [{ type: "surface", name: surface.title ?? "f", x: grid.x, y: grid.y, z: grid.z, colorscale: "Viridis", showscale: false, opacity: 0.9 }];
  for (const t of options.trajectories ?? []) {
    const x: Datum[] = [];
    const y: Datum[] = [];
    const z: Datum[] = [];
    for (let k = 0; k < t.points.length; k++) {
      const p = t.points[k];
      x.push(finiteOrNull(p[0]));
      y.push(finiteOrNull(p[1]));
      z.push(Number.isFinite(p[0]) && Number.isFinite(p[1]) ? height(p[0], p[1]) : null);
    }
    const color = t.color ?? colorFor(t.name);
    data.push({ type: "scatter3d", mode: "lines+markers", name: t.name, x, y, z, line: { color, width: 4 }, marker: { color, size: 2 } });
  }
  return {
    data,
    layout: {
      ...baseLayout(options.title ?? surface.title),
      scene: { xaxis: { title: { text: "x" } }, yaxis: { title: { text: "y" } }, zaxis: { title: { text: logScale ? "log(1 + f - f*)" : "f" } }, aspectmode: "cube" },
    },
  };
}
