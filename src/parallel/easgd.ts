import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { createRng, type Rng } from "../core/rng";
import { integerAtLeast, nonNegative, positive, oneOf, assertOptionsObject } from "../core/validate";
import type { SparseDataset } from "../data/dataset";
import { toStochasticProblem, type StochasticProblem } from "./stochastic-problem";
import { TrajectoryRecorder } from "./trajectory-recorder";
import { workerSeed } from "./sparse-sgd-kernel";
import { startPoint } from "./start-point";
import { checkBufferBudget } from "./budget";

/**
 * Elastic Averaging SGD (Zhang, Choromanska, LeCun 2015): p workers x^i explore on their own,
 * held to a center variable x~ by an elastic force of strength rho (alpha = eta rho).
 *
 * Synchronous form (the paper's eqs. for EASGD), all from the values at round t:
 * $$ x^i_{t+1} = x^i_t - \eta\left( g^i_t(x^i_t) + \rho\,(x^i_t - \tilde x_t) \right) $$
 * $$ \tilde x_{t+1} = \tilde x_t + \eta \rho \sum_{i=1}^{p} (x^i_t - \tilde x_t) $$
 *
 * Asynchronous form (the paper's Algorithm 1): at every tick a seeded scheduler picks a worker
 * i. It reads x = x^i; if its local clock t^i is a multiple of the communication period tau it
 * exchanges with the master,
 * $$ e = \alpha\,(x - \tilde x), \quad x^i \leftarrow x^i - e, \quad \tilde x \leftarrow \tilde x + e, $$
 * then it takes a local SGD step with the gradient AT THE READ POINT x (before the elastic pull),
 * $$ x^i \leftarrow x^i - \eta\, g^i(x), \qquad t^i \leftarrow t^i + 1 . $$
 * Evaluating g at x, as the paper does, makes one tick with tau = 1 the synchronous worker update
 * x^i - eta (g(x^i) + rho (x^i - x~)); evaluating it after the pull would not.
 *
 * With rho = 0 the workers are independent SGD runs and the center never moves.
 *
 * Divergence: checked on the center and every worker at each evaluation point with the shared
 * check (src/core/divergence.ts); the run then stops, `stopped` says why, and the records end at
 * the last finite evaluation (center and workers restored to it).
 */
export type EasgdMode = "sync" | "async";

export interface EasgdOptions {
  problem: StochasticProblem | SparseDataset;
  batchSize?: number;
  workers: number;
  lr: number;
  /** Elastic strength rho >= 0. */
  rho: number;
  mode?: EasgdMode;
  /** "sync": rounds (every worker steps once per round). "async": total worker ticks. */
  steps: number;
  /** Communication period tau of the asynchronous form (default 1). */
  tau?: number;
  seed?: number;
  /** Start of the center and of every worker (default zeros). */
  theta0?: ArrayLike<number>;
  evalEvery?: number;
  recordTrajectories?: boolean;
}

export interface EasgdResult {
  center: Float64Array;
  workers: Float64Array[];
  steps: number[];
  /** J(center) at those steps. */
  loss: number[];
  /** Mean over workers of J(x^i). */
  workerLoss: number[];
  centerTrajectory: Float64Array[];
  workerTrajectories: Float64Array[][];
  /** Why the run stopped early (divergence; `step` in rounds for "sync", ticks for "async"), else null. */
  stopped: Stopped | null;
}

export function runEasgd(options: EasgdOptions): EasgdResult {
  assertOptionsObject("runEasgd", options, "problem, workers, lr, rho and steps");
  const problem = toStochasticProblem(options.problem, options.batchSize ?? 1);
  const p = integerAtLeast("workers", options.workers, 1);
  const eta = positive("lr", options.lr);
  const rho = nonNegative("rho", options.rho);
  const mode = oneOf("mode", options.mode ?? "sync", ["sync", "async"] as const);
  const steps = integerAtLeast("steps", options.steps, 1);
  const tau = integerAtLeast("tau", options.tau ?? 1, 1);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const evalEvery = integerAtLeast("evalEvery", options.evalEvery ?? Math.max(1, Math.ceil(steps / 100)), 1);
  const alpha = eta * rho;
  if (mode === "sync" && p * alpha >= 1) {
    // The center update x~ <- (1 - p alpha) x~ + alpha sum x^i stops being an average and oscillates.
    throw new RangeError(`workers * lr * rho must be < 1 for synchronous EASGD to be stable, got ${p * alpha}`);
  }
  const d = problem.dim;
  checkBufferBudget("runEasgd", `${p} workers of dim ${d}`, 4 * p * d);
  const center = startPoint(options.theta0, d);
  const xs = Array.from({ length: p }, () => Float64Array.from(center));
  const grads = Array.from({ length: p }, () => new Float64Array(d));
  const rngs: Rng[] = Array.from({ length: p }, (_, k) => createRng(workerSeed(seed, k)));
  const record = options.recordTrajectories ?? d === 2;
  const centerTrack = new TrajectoryRecorder(record);
  const workerTracks = xs.map(() => new TrajectoryRecorder(record));
  const result: EasgdResult = {
    center,
    workers: xs,
    steps: [],
    loss: [],
    workerLoss: [],
    centerTrajectory: centerTrack.points,
    workerTrajectories: workerTracks.map((t) => t.points),
    stopped: null,
  };
  const unit = mode === "sync" ? "round" : "tick";
  const goodCenter = Float64Array.from(center);
  const goodWorkers = xs.map((x) => Float64Array.from(x));
  /** Records `step`; true (and `stopped` set, values restored) when any value or loss is not finite. */
  const observe = (step: number): boolean => {
    const centerLoss = problem.loss(center);
    let s = 0;
    let bad = nonFiniteProblem(center, centerLoss, undefined, "center coordinate");
    for (let k = 0; k < p && bad === null; k++) {
      const lk = problem.loss(xs[k]);
      s += lk;
      bad = nonFiniteProblem(xs[k], lk, undefined, `worker ${k} coordinate`);
    }
    if (bad !== null) {
      result.stopped = diverged(step, `at ${unit} ${step}`, bad, step);
      center.set(goodCenter);
      xs.forEach((x, k) => x.set(goodWorkers[k]));
      return true;
    }
    goodCenter.set(center);
    xs.forEach((x, k) => goodWorkers[k].set(x));
    result.steps.push(step);
    result.loss.push(centerLoss);
    result.workerLoss.push(s / p);
    centerTrack.record(center);
    xs.forEach((x, k) => workerTracks[k].record(x));
    return false;
  };

  observe(0);
  if (mode === "sync") {
    const pull = new Float64Array(d); // sum_i (x^i - x~), from the values before the round
    for (let t = 0; t < steps; t++) {
      pull.fill(0);
      for (let k = 0; k < p; k++) {
        const x = xs[k];
        const g = grads[k];
        problem.stochasticGradient(x, g, rngs[k]);
        for (let j = 0; j < d; j++) {
          const diff = x[j] - center[j];
          pull[j] += diff;
          x[j] -= eta * (g[j] + rho * diff);
        }
      }
      if (alpha > 0) for (let j = 0; j < d; j++) center[j] += alpha * pull[j];
      if (((t + 1) % evalEvery === 0 || t + 1 === steps) && observe(t + 1)) break;
    }
  } else {
    const scheduler = createRng(seed + 104729);
    const clock = new Int32Array(p);
    for (let t = 0; t < steps; t++) {
      const k = p === 1 ? 0 : scheduler.int(p);
      const x = xs[k];
      // Gradient first, at the read point x, then the elastic exchange, then the step (Algorithm 1).
      const g = grads[k];
      problem.stochasticGradient(x, g, rngs[k]);
      if (clock[k] % tau === 0 && alpha > 0) {
        for (let j = 0; j < d; j++) {
          const e = alpha * (x[j] - center[j]);
          x[j] -= e;
          center[j] += e;
        }
      }
      for (let j = 0; j < d; j++) x[j] -= eta * g[j];
      clock[k]++;
      if (((t + 1) % evalEvery === 0 || t + 1 === steps) && observe(t + 1)) break;
    }
  }
  return result;
}
