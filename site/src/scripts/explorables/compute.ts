// The explorables' computation, run by the library (src/): in a Web Worker on the page
// (worker.ts), at build time for the static figure, and in the tests for the expected values.
import { createOptimizer, createSchedule, getSurface, inverseTime, minimize, type OptimizerOptions, type Schedule } from "../../../../src/index";
import type { ExplorableSpec } from "./spec";
import { resolve } from "./params";

export interface RunResult {
  label: string;
  xs: number[];
  ys: number[];
  loss: number[];
  lr: number[];
  /** Why the run stopped early (it diverged), or null. */
  stopped: string | null;
  /** First step with J < tol, or null. */
  reached: number | null;
}

export interface ExplorableResult {
  runs: RunResult[];
  /** The values the sliders had, in order. */
  values: number[];
}

const label = (text: string | undefined, fallback: string, o: Record<string, unknown>): string =>
  (text ?? fallback).replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = k === "beta1" ? (o.betas as number[] | undefined)?.[0] : k === "beta2" ? (o.betas as number[] | undefined)?.[1] : o[k];
    return typeof v === "number" ? String(Number(v.toPrecision(4))) : String(v ?? "");
  });

function firstBelow(loss: number[], tol: number | undefined): number | null {
  if (tol === undefined) return null;
  const k = loss.findIndex((v) => v < tol);
  return k < 0 ? null : k;
}

/** Reddi et al.'s online problem exactly as notebook 10 runs it (x projected onto [-1, 1], rate lr / sqrt(t)). */
function reddiRuns(spec: ExplorableSpec, options: (OptimizerOptions & Record<string, unknown>)[]): RunResult[] {
  const { C, lr } = spec.reddi ?? { C: 3, lr: 0.5 };
  const rates = inverseTime({ lr, decay: 1, power: 0.5 });
  return spec.runs.map((r, i) => {
    const opt = createOptimizer(r.optimizer, { lr, ...options[i] });
    const x = new Float64Array([0]);
    const g = new Float64Array(1);
    const state = opt.init(x);
    const xs = [0];
    const loss: number[] = [];
    let regret = 0;
    for (let t = 1; t <= spec.steps; t++) {
      g[0] = t % 3 === 1 ? C : -1;
      regret += g[0] * x[0] + g[0];
      opt.step(x, g, state, rates.at(t - 1));
      x[0] = Math.min(1, Math.max(-1, x[0]));
      xs.push(x[0]);
      loss.push(regret / t);
    }
    return { label: label(r.label, r.optimizer, options[i]), xs, ys: [], loss, lr: [], stopped: null, reached: null };
  });
}

export function computeExplorable(spec: ExplorableSpec, values: number[]): ExplorableResult {
  const { options, schedule, noise, startScale } = resolve(spec, values);
  if (spec.kind === "reddi") return { runs: reddiRuns(spec, options), values };
  const surface = getSurface(spec.surface!, spec.surfaceOptions ?? {});
  const start = (spec.start ?? [surface.start[0], surface.start[1]]).map((v) => v * startScale);
  const scheduled = new Set(spec.scheduleRuns ?? [0]);
  const runs = spec.runs.map((r, i): RunResult => {
    let sched: Schedule | undefined;
    if (schedule && scheduled.has(i)) sched = createSchedule(schedule.name, schedule.options);
    const noisy = noise && (spec.noiseRuns ?? spec.runs.map((_, k) => k)).includes(i) ? noise : undefined;
    const res = minimize(surface, start, createOptimizer(r.optimizer, options[i]), { steps: spec.steps, schedule: sched, gradientNoise: noisy });
    return {
      label: label(r.label, r.optimizer, { ...options[i], ...(schedule?.options ?? {}), ...(noise ?? {}) }),
      xs: res.trajectory.map((p) => p[0]),
      ys: res.trajectory.map((p) => p[1]),
      loss: res.loss,
      lr: res.lr,
      stopped: res.stopped ? res.stopped.reason : null,
      reached: firstBelow(res.loss, spec.tol === undefined ? undefined : spec.tolRelative ? spec.tol * res.loss[0] : spec.tol),
    };
  });
  return { runs, values };
}

/** The sliders' seeded values. */
export const seededValues = (spec: ExplorableSpec): number[] => spec.sliders.map((s) => s.value);
