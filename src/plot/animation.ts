import { integerAtLeast, positive } from "../core/validate";
import { contourTrace, equalAspectLayout, fitContourHeight, landmarkTraces, levelGrid, trajectoryXY, type LevelScale, type Resolution, type SurfaceLike, type Trajectory2D } from "./contour";
import { colorFor } from "./palette";
import { titled } from "./style";
import type { Figure, Frame, ScatterTrace, SliderStep } from "./plotly-types";

export interface TrajectoryAnimationOptions {
  surface: SurfaceLike;
  trajectories: Trajectory2D[];
  /** One frame every this many optimizer steps (default 1). The last step always gets a frame. */
  stepsPerFrame?: number;
  /** Milliseconds per frame when playing (default 50). */
  frameDurationMs?: number;
  /** Log-spaced levels: true, false or "auto" (default; see prefersLogLevels). */
  logScale?: LevelScale;
  resolution?: Resolution;
  title?: string;
}

/** Opacity of the dotted whole-path guides under the animated paths: visible, clearly not the race itself. */
export const GUIDE_OPACITY = 0.45;

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
 * trajectory a faint dotted guide of its whole path (1 .. n), then per trajectory a path trace
 * and a head trace (the animated ones), then the landmarks. Frame "s" shows every path up to
 * step s (a shorter path stays at its end). Play/Pause buttons and a slider drive the frames.
 * The guides are there because a figure at rest shows frame 0: in a lesson page, an HTML export
 * or a printout, where nobody presses play, the animation alone showed only the start points.
 */
export function trajectoryAnimationFigure(options: TrajectoryAnimationOptions): Figure {
  const { surface, trajectories } = options;
  const k = integerAtLeast("stepsPerFrame", options.stepsPerFrame ?? 1, 1);
  const duration = positive("frameDurationMs", options.frameDurationMs ?? 50);
  const grid = levelGrid(surface, options.logScale ?? "auto", options.resolution ?? 80);
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
  const data: Figure["data"] = [contourTrace(grid, grid.logScale)];
  trajectories.forEach((t, i) => {
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${t.name} (whole path)`,
      legendgroup: t.name,
      showlegend: false,
      x: columns[i].x,
      y: columns[i].y,
      line: { color: t.color ?? colorFor(t.name), width: 1.5, dash: "dot" },
      opacity: GUIDE_OPACITY,
      hoverinfo: "skip",
    });
  });
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
      marker: { color, size: 11, line: { color: "#222222", width: 1.5 } },
    });
  });
  data.push(...landmarkTraces(surface));

  const first = 1 + trajectories.length; // the animated traces come after the contour and the guides
  const traces = trajectories.flatMap((_, i) => [first + 2 * i, first + 1 + 2 * i]);
  const frames: Frame[] = steps.map((s) => ({ name: String(s), data: stateAt(s), traces }));
  // redraw: true because with false (the fast path) Plotly wiped the contour background on the
  // first animated frame, seen in Chromium with plotly.js 3: the paths raced on a blank plot.
  const play = { mode: "immediate" as const, frame: { duration, redraw: true }, transition: { duration: 0 }, fromcurrent: true };
  const jump = { mode: "immediate" as const, frame: { duration: 0, redraw: true }, transition: { duration: 0 } };
  const sliderSteps: SliderStep[] = steps.map((s) => ({ label: String(s), method: "animate", args: [[String(s)], jump] }));

  // The controls sit in one row under the x axis title: buttons left, slider right. The buttons
  // are icons only, since "▶ Play" and "❚❚ Pause" ran over the slider on a 420 px phone. The
  // slider's own tick labels (one per frame, hundreds of them) are made transparent: they
  // overprinted each other into a black bar, and the current step is shown above the slider.
  const titledLayout = titled(equalAspectLayout(surface), data, options.title ?? surface.title);
  const layout = fitContourHeight({ ...titledLayout, margin: { ...titledLayout.margin, b: 130 } }, surface, data);
  layout.updatemenus = [
    {
      type: "buttons",
      showactive: false,
      direction: "left",
      x: 0,
      y: 0,
      xanchor: "left",
      yanchor: "top",
      pad: { t: 78, r: 10 },
      font: { size: 13 },
      buttons: [
        { label: "▶", method: "animate", args: [null, play] },
        { label: "❚❚", method: "animate", args: [[null], jump] },
      ],
    },
  ];
  layout.sliders = [
    {
      active: 0,
      steps: sliderSteps,
      x: 0.26,
      len: 0.74,
      y: 0,
      yanchor: "top",
      pad: { t: 58 },
      ticklen: 3,
      minorticklen: 0,
      font: { color: "rgba(0,0,0,0)" },
      currentvalue: { prefix: "step ", visible: true, xanchor: "right", font: { size: 13, color: "#222222" } },
    },
  ];
  return { data, layout, frames };
}
