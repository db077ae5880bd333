import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { DescentInputError, show } from "../core/errors";
import { integerAtLeast, oneOf, optionsObject, positive } from "../core/validate";
import { norm2 } from "../core/vector";
import type { Optimizer } from "../optimizers/optimizer";
import type { Objective } from "../problems/objective";
import { scheduledLr } from "../schedules/options";
import type { Schedule } from "../schedules/schedule";
import { checkLoopArguments } from "./arguments";
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
 * The check and the reason's wording are shared with train and the parallel runners
 * (src/core/divergence.ts); at step 0 the hint is the start point, not the learning rate.
 *
 * A schedule's rate is checked at every update (scheduledLr: finite, >= 0), and `options` is
 * required (`{ steps }`): a missing one is a DescentInputError, not a TypeError.
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
  readonly stopped: null | Stopped;
}

const RECORD_KINDS: readonly ("all" | "none")[] = ["all", "none"];

export function minimize(
  objective: Objective,
  x0: ArrayLike<number>,
  optimizer: Optimizer,
  options: MinimizeOptions,
): MinimizeResult {
  checkLoopArguments("minimize", { objective, optimizer });
  const o = optionsObject("minimize", options, "steps (the number of updates)") as Partial<MinimizeOptions>;
  const steps = integerAtLeast("steps", o.steps, 0);
  if (x0 === null || typeof x0 !== "object" || typeof x0.length !== "number") {
    throw new DescentInputError(`x0 must be an array of ${objective.dim} numbers, got ${show(x0)}`);
  }
  const dim = objective.dim;
  if (x0.length !== dim) {
    throw new DescentInputError(`x0 must have ${dim} entries for ${objective.name}, got ${x0.length}: ${show(Array.from(x0))}`);
  }
  const clipNorm = o.clipNorm === undefined ? undefined : positive("clipNorm", o.clipNorm);
  const record = oneOf("record", o.record ?? (dim <= 10 ? "all" : "none"), RECORD_KINDS);
  const noise = o.gradientNoise ? createGradientNoise(o.gradientNoise) : null;
  const schedule = o.schedule;

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
    const problem = nonFiniteProblem(theta, value, norm);
    if (problem !== null) {
      stopped = diverged(k, `at step ${k}`, problem, k);
      if (k > 0) theta.set(previous);
      break;
    }
    if (record === "all") trajectory.push(Float64Array.from(theta));
    loss.push(value);
    gradNorm.push(norm);
    if (k === steps) break;

    if (noise) noise.add(grad, k);
    const eta = schedule ? scheduledLr(schedule, k) : undefined;
    lr.push(eta ?? optimizer.lr);
    previous.set(theta);
    optimizer.step(theta, grad, state, eta);
  }
  return { trajectory, loss, gradNorm, lr, final: Float64Array.from(theta), stopped };
}
