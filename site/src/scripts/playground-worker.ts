// The playground's computing half, in a module Web Worker: it builds the surface (a typed
// formula is parsed and differentiated by mathjs here), samples the contour grid, runs the
// optimizers and builds both figures with src/plot, posting progress as it goes. The page keeps
// one worker while it is idle and terminates it when the state changes mid-computation (that is
// the only way to interrupt a synchronous loop), so the page itself never evaluates f.
//
// A slow formula (mathjs falls back to complex numbers for e.g. (1-x)^(5/3) at x > 1, about 4 ms
// per point) is measured before it is used: the contour grid is made coarser to fit its budget,
// and the runs are cut to the steps that fit theirs, each with a sentence saying so.
import { figureSvg } from "../../lib/figure-svg.mjs";
import {
  createOptimizer,
  getSurface,
  lossCurvesFigure,
  minimize,
  surfaceContourFigure,
  type Objective,
  type Surface2D,
  type SurfaceLike,
  type Vec,
} from "../../../src/index";
import type { ComputeRequest, ResultMessage, RunOutcome, WorkerReply } from "./playground-protocol";

/** Time for the contour grid: the resolution is lowered until the grid fits. */
export const CONTOUR_BUDGET_MS = 2500;
/** Time for all runs together: fewer steps are run when they would not fit. */
export const RUNS_BUDGET_MS = 5000;
const MAX_RESOLUTION = 80;
const MIN_RESOLUTION = 12;
const MIN_STEPS = 5;
const PROGRESS_EVERY_MS = 100;

const reply = (m: WorkerReply) => postMessage(m);
type StaticFigure = Parameters<typeof figureSvg>[0];
/** The loss plot's height on the page (playground.ts draws it at this height). */
const LOSS_HEIGHT = 300;
const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);

/** Median time of `n` calls of `fn`, in ms (the first call warms up and is not counted). */
function timeEach(n: number, fn: (i: number) => void): number {
  fn(0);
  const times: number[] = [];
  for (let i = 1; i <= n; i++) {
    const t = performance.now();
    fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.max(times[Math.floor(n / 2)], 1e-4);
}

/** Mean time of fn over an n x n grid of calls, in ms. */
function meanTime(n: number, fn: (i: number, j: number) => void): number {
  fn(0, 0); // warm-up
  const t = performance.now();
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) fn(i, j);
  return Math.max((performance.now() - t) / (n * n), 1e-4);
}

async function buildSurface(req: ComputeRequest): Promise<Surface2D> {
  if (req.surface !== "formula") return getSurface(req.surface);
  const { surfaceFromExpression } = await import("../../../src/problems/expression");
  return surfaceFromExpression(req.formula);
}

function clampStart(surface: Surface2D, asked: [number, number] | null): { start: [number, number]; note: string | null } {
  const start: [number, number] = asked ? [asked[0], asked[1]] : [surface.start[0], surface.start[1]];
  const { x, y } = surface.domain;
  const inside: [number, number] = [Math.min(x[1], Math.max(x[0], start[0])), Math.min(y[1], Math.max(y[0], start[1]))];
  if (inside[0] === start[0] && inside[1] === start[1]) return { start, note: null };
  return {
    start: inside,
    note: `The start (${start.join(", ")}) is outside the plotted window x in [${x.join(", ")}], y in [${y.join(", ")}]; it was moved to its edge, (${inside.map((v) => Number(v.toPrecision(4))).join(", ")}).`,
  };
}

async function compute(req: ComputeRequest): Promise<void> {
  const t0 = performance.now();
  const { id } = req;
  let lastPost = 0;
  const progress = (phase: "contour" | "runs", fraction: number, text: string) => {
    const now = performance.now();
    if (now - lastPost < PROGRESS_EVERY_MS && fraction < 1) return;
    lastPost = now;
    reply({ id, type: "progress", phase, fraction, text });
  };
  reply({ id, type: "progress", phase: "surface", fraction: 0, text: req.surface === "formula" ? "Reading the formula" : "Loading the surface" });

  let surface: Surface2D;
  try {
    surface = await buildSurface(req);
  } catch (e) {
    reply({ id, type: "formula-error", message: e instanceof Error ? e.message : String(e) });
    return;
  }
  const { start, note: startNote } = clampStart(surface, req.start);
  const { x: dx, y: dy } = surface.domain;

  // The cost of one point of f: the mean over an 8 x 8 grid spread over the window (a formula
  // can be cheap in one part and slow in another, e.g. complex numbers only where x > 1).
  const perPoint = meanTime(8, (i, j) => surface.f(dx[0] + ((dx[1] - dx[0]) * (i + 0.5)) / 8, dy[0] + ((dy[1] - dy[0]) * (j + 0.5)) / 8));
  const resolution = Math.min(MAX_RESOLUTION, Math.floor(Math.sqrt(CONTOUR_BUDGET_MS / perPoint)));
  if (resolution < MIN_RESOLUTION) {
    reply({
      id,
      type: "formula-error",
      message: `This formula is too slow to plot: one point takes about ${fmtMs(perPoint)}, and even a coarse ${MIN_RESOLUTION} x ${MIN_RESOLUTION} contour would take ${fmtMs(perPoint * MIN_RESOLUTION ** 2)}. Simplify it (a fractional power of a negative number, for instance, is computed with complex numbers).`,
    });
    return;
  }

  // The contour first (the page draws it at once): f on the grid, counted for the progress bar
  // and kept, so that the final figure (the same grid with the paths on top) costs nothing more.
  let points = 0;
  const gridPoints = resolution * resolution;
  const cache = new Map<string, number>();
  const like: SurfaceLike = {
    f: (x, y) => {
      const key = `${x},${y}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      points++;
      if ((points & 31) === 0 || perPoint > 1) progress("contour", points / gridPoints, `Computing the contour: ${Math.min(points, gridPoints)} of ${gridPoints} points`);
      const v = surface.f(x, y);
      cache.set(key, v);
      return v;
    },
    domain: surface.domain,
    minima: surface.minima,
    saddles: surface.saddles,
    title: surface.title,
  };
  reply({ id, type: "contour", contour: surfaceContourFigure({ surface: like, trajectories: [], resolution }), resolution, ms: performance.now() - t0 });

  // The runs, cut to the steps that fit the budget.
  let gradCost = 0;
  const g = new Float64Array(2);
  if (req.runs.length > 0) gradCost = timeEach(3, () => surface.valueAndGradient(Float64Array.from(start), g));
  const affordable = Math.floor(RUNS_BUDGET_MS / Math.max(1e-4, gradCost * req.runs.length));
  const steps = Math.min(req.steps, affordable);
  let slowNote: string | null = null;
  if (steps < req.steps) {
    slowNote = steps < MIN_STEPS
      ? `This formula is too slow to run: one gradient takes about ${fmtMs(gradCost)}, so ${req.steps} steps of ${req.runs.length} optimizer${req.runs.length === 1 ? "" : "s"} would take about ${fmtMs(gradCost * req.steps * req.runs.length)}. The contour is drawn; simplify the formula to race optimizers on it.`
      : `This formula is slow (about ${fmtMs(gradCost)} per gradient): the runs stop after ${steps} of ${req.steps} steps so that they take about ${fmtMs(RUNS_BUDGET_MS)}. Tick fewer optimizers or simplify the formula for more.`;
  }

  const runs: RunOutcome[] = [];
  if (steps >= MIN_STEPS || req.steps < MIN_STEPS) {
    const total = req.runs.length * steps;
    let done = 0;
    for (const r of req.runs) {
      let calls = 0;
      // Counts gradient calls for the progress line; the surface itself is used unchanged.
      const counted: Objective = {
        name: surface.name,
        dim: 2,
        value: (theta: Vec) => surface.value(theta),
        valueAndGradient: (theta: Vec, out: Vec) => {
          calls++;
          if ((calls & 15) === 0 || gradCost > 1) progress("runs", (done + calls) / Math.max(1, total), `Running ${r.name}: step ${Math.min(calls, steps)} of ${steps}`);
          return surface.valueAndGradient(theta, out);
        },
      };
      try {
        const res = minimize(counted, start, createOptimizer(r.name, r.options), { steps });
        runs.push({
          name: r.name,
          error: null,
          stopped: res.stopped ? res.stopped.reason : null,
          xs: res.trajectory.map((p) => p[0]),
          ys: res.trajectory.map((p) => p[1]),
          loss: res.loss,
          final: [res.final[0], res.final[1]],
        });
      } catch (e) {
        runs.push({ name: r.name, error: e instanceof Error ? e.message : String(e), stopped: null, xs: [], ys: [], loss: [], final: null });
      }
      done += steps;
    }
  }

  const ok = runs.filter((r) => r.xs.length > 0);
  // A run that diverged ends on points or losses that are not finite, or so large that their
  // pixel positions overflow SVG's single-precision numbers (about 3.4e38: Chromium rejects
  // "translate(-1.35e+58, ...)"): the figures draw the path up to them, and the status line says
  // the run diverged.
  const drawable = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e15;
  const contour = surfaceContourFigure({
    surface: like,
    trajectories: ok.map((r) => ({ name: r.name, points: r.xs.map((x, i): [number, number] => [x, r.ys[i]]).filter(([x, y]) => drawable(x) && drawable(y)) })),
    resolution,
  });
  const lossValues = ok.map((r) => r.loss.filter(drawable));
  const positive = lossValues.every((values) => values.every((v) => v > 0));
  const loss = lossCurvesFigure(ok.map((r, k) => ({ name: r.name, values: lossValues[k] })), { logY: positive && ok.length > 0, title: "Loss against step" });
  const result: ResultMessage = {
    id,
    type: "result",
    title: surface.title,
    domain: { x: [dx[0], dx[1]], y: [dy[0], dy[1]] },
    start,
    startNote,
    contour,
    loss,
    runs,
    resolution,
    slowNote,
    // Drawn here, not on the page: the contour's level lines cost the main thread ~150 ms.
    ...(req.staticSvg ? { svg: { contour: figureSvg(contour as unknown as StaticFigure), loss: figureSvg({ ...loss, layout: { ...loss.layout, height: LOSS_HEIGHT } } as unknown as StaticFigure) } } : {}),
    ms: performance.now() - t0,
  };
  reply(result);
}

self.onmessage = (e: MessageEvent<ComputeRequest>) => {
  compute(e.data).catch((err: unknown) => reply({ id: e.data.id, type: "failure", message: err instanceof Error ? err.message : String(err) }));
};
