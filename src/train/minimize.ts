import { DescentInputError, show } from "../core/errors";
import { integerAtLeast, oneOf, positive } from "../core/validate";
import { norm2 } from "../core/vector";
import type { Optimizer } from "../optimizers/optimizer";
import type { Objective } from "../problems/objective";
import type { Schedule } from "../schedules/schedule";
import { clipByGlobalNorm } from "./clip";
import { createGradientNoise, type GradientNoiseOptions } from "./noise";

/**
 * Runs an optimizer on an Objective (a 2-D surface, least squares, a model's full-batch loss) and
 * records what the lessons plot: theta_0 .. theta_T, J(theta_k), |grad J(theta_k)| and the
 * learning rates. Update k (0-based) is
 *
 * $$g_k = \nabla_\theta J(\theta_k) \;(\text{clipped, then noised}), \qquad
 *   \theta_{k+1} = \mathrm{step}(\theta_k, g_k, \eta_k)$$
 *
 * with eta_k = schedule.at(k) when a schedule is given. Clipping (clip.ts) bounds the true
 * gradient and the annealed noise (noise.ts) is added afterwards, so its variance is exactly
 * the schedule's.
 *
 * Divergence: if J(theta_k), the gradient or theta_k is NaN or infinite, the run stops,
 * `stopped` says where and why ("diverged at step 37: loss is Infinity (try a smaller lr)"), and
 * the records END AT THE LAST FINITE POINT theta_{k-1}: trajectory, loss and gradNorm then have k
 * rows (not steps + 1), and `final` is theta_{k-1}, a point the CLI and plots can still use.
 */
export interface MinimizeOptions {
  /** Number of updates (integer >= 0). */
  steps: number;
  schedule?: Schedule;
  /** Clip the gradient to this global norm before the update. */
  clipNorm?: number;
  gradientNoise?: GradientNoiseOptions;
  /** "all" keeps every iterate (default when dim <= 10); "none" keeps none (trajectory = []). */
  record?: "all" | "none";
}

export interface MinimizeResult {
  /** theta_0 .. theta_T (T = steps, or fewer when stopped); [] when record is "none". */
  readonly trajectory: Float64Array[];
  /** loss[k] = J(trajectory[k]), one per point reached (steps + 1 when not stopped). */
  readonly loss: number[];
  /** gradNorm[k] = |grad J(theta_k)|, before clipping and noise. */
  readonly gradNorm: number[];
  /** lr[k] = learning rate of update k (one entry per update made). */
  readonly lr: number[];
  /** The last finite iterate. */
  readonly final: Float64Array;
  readonly stopped: null | { readonly step: number; readonly reason: string };
}

const RECORD_KINDS: readonly ("all" | "none")[] = ["all", "none"];

function firstNonFinite(v: Float64Array): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

export function minimize(
  objective: Objective,
  x0: ArrayLike<number>,
  optimizer: Optimizer,
  options: MinimizeOptions,
): MinimizeResult {
  const steps = integerAtLeast("steps", options.steps, 0);
  const dim = objective.dim;
  if (x0.length !== dim) {
    throw new DescentInputError(`x0 must have ${dim} entries for ${objective.name}, got ${x0.length}: ${show(Array.from(x0))}`);
  }
  const clipNorm = options.clipNorm === undefined ? undefined : positive("clipNorm", options.clipNorm);
  const record = oneOf("record", options.record ?? (dim <= 10 ? "all" : "none"), RECORD_KINDS);
  const noise = options.gradientNoise ? createGradientNoise(options.gradientNoise) : null;
  const schedule = options.schedule;

  const theta = Float64Array.from(x0);
  const previous = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const state = optimizer.init(theta);
  const trajectory: Float64Array[] = [];
  const loss: number[] = [];
  const gradNorm: number[] = [];
  const lr: number[] = [];
  let stopped: MinimizeResult["stopped"] = null;

  for (let k = 0; k <= steps; k++) {
    const value = objective.valueAndGradient(theta, grad);
    // The norm before clipping is what the history records; clipping (if any) happens in the same pass.
    const norm = clipNorm !== undefined ? clipByGlobalNorm(grad, clipNorm) : norm2(grad);
    const badParam = firstNonFinite(theta);
    const problem =
      badParam >= 0
        ? `parameter ${badParam} is ${theta[badParam]}`
        : !Number.isFinite(value)
          ? `loss is ${value}`
          : !Number.isFinite(norm)
            ? `gradient norm is ${norm}`
            : null;
    if (problem !== null) {
      const hint = k === 0 ? "check the start point" : "try a smaller lr";
      stopped = { step: k, reason: `diverged at step ${k}: ${problem} (${hint})` };
      if (k > 0) theta.set(previous);
      break;
    }
    if (record === "all") trajectory.push(Float64Array.from(theta));
    loss.push(value);
    gradNorm.push(norm);
    if (k === steps) break;

    if (noise) noise.add(grad, k);
    const eta = schedule ? schedule.at(k) : undefined;
    lr.push(eta ?? optimizer.lr);
    previous.set(theta);
    optimizer.step(theta, grad, state, eta);
  }
  return { trajectory, loss, gradNorm, lr, final: Float64Array.from(theta), stopped };
}
