import { integerAtLeast, positive } from "../core/validate";
import { contourTrace, equalAspectLayout, landmarkTraces, levelGrid, trajectoryXY, type Resolution, type SurfaceLike, type Trajectory2D } from "./contour";
import { colorFor } from "./palette";
import type { Figure, Frame, ScatterTrace, SliderStep } from "./plotly-types";

export interface TrajectoryAnimationOptions {
  surface: SurfaceLike;
  trajectories: Trajectory2D[];
  /** One frame every this many optimizer steps (default 1). The last step always gets a frame. */
  stepsPerFrame?: number;
  /** Milliseconds per frame when playing (default 50). */
  frameDurationMs?: number;
  logScale?: boolean;
  resolution?: Resolution;
  title?: string;
}

/** The optimizer steps that get a frame: 0, k, 2k, ..., and the last step. */
export function frameSteps(longest: number, stepsPerFrame: number): number[] {
  const last = Math.max(0, longest - 1);
  const steps: number[] = [];
  for (let s = 0; s < last; s += stepsPerFrame) steps.push(s);
  steps.push(last);
  return steps;
}

/**
 * Optimizers racing on a contour plot, in the manner of Alec Radford's animations: each
 * trajectory is a growing line with a marker at its head. Traces: 0 = contour, then per
 * trajectory a path trace and a head trace, then the landmarks. Frame "s" shows every path up to
 * step s (a shorter path stays at its end). Play/Pause buttons and a slider drive the frames.
 */
export function trajectoryAnimationFigure(options: TrajectoryAnimationOptions): Figure {
  const { surface, trajectories } = options;
  const k = integerAtLeast("stepsPerFrame", options.stepsPerFrame ?? 1, 1);
  const duration = positive("frameDurationMs", options.frameDurationMs ?? 50);
  const logScale = options.logScale ?? false;
  const grid = levelGrid(surface, logScale, options.resolution ?? 80);
  const columns = trajectories.map((t) => trajectoryXY(t.points));
  const longest = columns.reduce((m, c) => Math.max(m, c.x.length), 0);
  const steps = frameSteps(longest, k);

  const stateAt = (s: number): Partial<ScatterTrace>[] =>
    columns.flatMap((c) => {
      const end = Math.min(s, c.x.length - 1);
      return [
        { x: c.x.slice(0, end + 1), y: c.y.slice(0, end + 1) },
        { x: end >= 0 ? [c.x[end]] : [], y: end >= 0 ? [c.y[end]] : [] },
      ];
    });

  const initial = stateAt(0);
  const data: Figure["data"] = [contourTrace(grid, logScale)];
  trajectories.forEach((t, i) => {
    const color = t.color ?? colorFor(t.name);
    data.push({ type: "scatter", mode: "lines", name: t.name, legendgroup: t.name, x: initial[2 * i].x ?? [], y: initial[2 * i].y ?? [], line: { color, width: 2.5 } });
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${t.name} (current)`,
      legendgroup: t.name,
      showlegend: false,
      x: initial[2 * i + 1].x ?? [],
      y: initial[2 * i + 1].y ?? [],
      marker: { color, size: 11, line: { color: "#000000", width: 1 } },
    });
  });
  data.push(...landmarkTraces(surface));

  const traces = trajectories.flatMap((_, i) => [1 + 2 * i, 2 + 2 * i]);
  const frames: Frame[] = steps.map((s) => ({ name: String(s), data: stateAt(s), traces }));
  const play = { mode: "immediate" as const, frame: { duration, redraw: false }, transition: { duration: 0 }, fromcurrent: true };
  const jump = { mode: "immediate" as const, frame: { duration: 0, redraw: false }, transition: { duration: 0 } };
  const sliderSteps: SliderStep[] = steps.map((s) => ({ label: String(s), method: "animate", args: [[String(s)], jump] }));

  const layout = equalAspectLayout(surface, options.title ?? surface.title);
  layout.margin = { ...layout.margin, b: 90 };
  layout.updatemenus = [
    {
      type: "buttons",
      showactive: false,
      direction: "left",
      x: 0,
      y: -0.12,
      xanchor: "left",
      yanchor: "top",
      pad: { t: 10, r: 10 },
      buttons: [
        { label: "▶ Play", method: "animate", args: [null, play] },
        { label: "❚❚ Pause", method: "animate", args: [[null], jump] },
      ],
    },
  ];
  layout.sliders = [{ active: 0, steps: sliderSteps, x: 0.15, len: 0.85, pad: { t: 30 }, currentvalue: { prefix: "step ", visible: true } }];
  return { data, layout, frames };
}
