import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { createRng } from "../core/rng";
import { adagrad } from "../optimizers/adagrad";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";
import { sgd } from "../optimizers/sgd";
import { integerAtLeast, oneOf, positive, nonNegative, assertOptionsObject } from "../core/validate";
import type { SparseDataset } from "../data/dataset";
import { toStochasticProblem, type StochasticProblem } from "./stochastic-problem";
import { startPoint } from "./start-point";
import { checkBufferBudget } from "./budget";

/**
 * Learning with delayed gradients, and the delay-tolerant fix of McMahan & Streeter (2014),
 * "Delay-Tolerant Algorithms for Asynchronous Distributed Online Learning", NIPS 27.
 *
 * Model: at step t a worker READS x (the server's current point) and computes g_t = grad J_xi(x_read);
 * the server UPDATES with g_t tau_t steps later (tau_t fixed, or uniform in 0..maxDelay). At each
 * step the read happens first, then every update whose delay has run out is applied, in read
 * order; so tau = 0 is ordinary sequential SGD.
 *
 * `method: "sgd"` (delayed SGD):  x <- x - eta g_t  (with g_t computed at a stale x), the
 * library's `sgd`.
 *
 * `method: "adagrad"` (the naive baseline: AdaGrad fed stale gradients), per coordinate, the
 * library's `adagrad` (pytorch convention: initial accumulator z_0, eps 0):
 * $$ z \leftarrow z + g^2, \qquad x \leftarrow x - \frac{\alpha}{\sqrt{z}}\, g $$
 *
 * `method: "adaptive-revision"` (AdaptiveRevision, the paper's efficiently implementable
 * per-coordinate algorithm, unconstrained case). The server keeps, per coordinate, the running
 * sum of applied gradients gbar, the accumulators z and z', and the rate eta = alpha / sqrt(z').
 * A Read stores only gbar_old = gbar (one number per coordinate per outstanding read); the
 * Update with the gradient g of that read does
 * $$ \bar g^{bck} = \bar g - \bar g^{old} \quad \text{(gradients applied since the read: the backlog)}, \qquad \eta^{old} = \eta $$
 * $$ \bar g \leftarrow \bar g + g, \qquad z \leftarrow z + g^2 + 2\, g\, \bar g^{bck}, \qquad z' \leftarrow \max(z', z) $$
 * $$ \eta \leftarrow \alpha / \sqrt{z'}, \qquad x \leftarrow x - \eta\, g + (\eta^{old} - \eta)\, \bar g^{bck} $$
 * g arrived late, so it is treated as if it had been applied together with the backlog: z grows
 * by (g + backlog)^2 - backlog^2, and the backlog's step is revised from the old rate down to the
 * new one. With no delay the backlog is 0 and this is exactly AdaGrad with z_0 =
 * `initialAccumulator`. When every gradient was read at the same point (all reads before any
 * update, x_0 = 0), the revisions add up to x = -eta * gbar with z = z_0 + gbar^2: exactly
 * the step AdaGrad would take on the summed gradient, however late each piece arrived.
 *
 * Provenance, plainly: implemented from the paper's description of AdaptiveRevision as
 * recalled; NOT verified against the original text (the paper's text could not be retrieved
 * when this was checked, so no section or algorithm number is cited). The update above does
 * match, term for term, an independent implementation by other authors: `DTAdaGradHandle2` in
 * dmlc/wormhole, learn/linear/sgd/delay_tol_handle.h (backlog = gbar - gbar_old, z += g^2 +
 * 2 g backlog, z' = max(z', z); its "eta" is the inverse rate 1/eta here, and its step
 * x <- x - g/eta + backlog (1/eta_old - 1/eta) is the step above). Differences: it uses the rate
 * alpha / (beta + sqrt(z')) and an optional L1 proximal step; here z and z' start at
 * `initialAccumulator` instead of beta, so the first rate is finite.
 *
 * Memory: the reads in flight are kept in min(delay, steps) + 1 slots (a read whose delay
 * outlasts the run is applied at the end), so delay = 1e9 for 10 steps costs 11 slots, and the
 * slot buffers (slots * dim numbers) are capped by checkBufferBudget with a message.
 * Divergence: checked at every evaluation point with the shared check (src/core/divergence.ts);
 * the run then stops, `stopped` says why, and theta and the records end at the last finite point.
 */
export type DelayedMethod = "sgd" | "adagrad" | "adaptive-revision";
export const DELAYED_METHODS: readonly DelayedMethod[] = ["sgd", "adagrad", "adaptive-revision"];

export interface DelayedSgdOptions {
  problem: StochasticProblem | SparseDataset;
  batchSize?: number;
  method?: DelayedMethod;
  /** eta for "sgd", alpha for the adaptive methods. */
  lr: number;
  steps: number;
  /** Fixed delay tau (default 0), or with `randomDelay` the largest delay. */
  delay?: number;
  /** Draw each delay uniformly from 0..delay instead of using delay itself. */
  randomDelay?: boolean;
  /** z_0 (and z'_0) of the adaptive methods (default 0.1): keeps the first rate alpha / sqrt(z_0) finite. */
  initialAccumulator?: number;
  seed?: number;
  theta0?: ArrayLike<number>;
  evalEvery?: number;
}

export interface DelayedSgdResult {
  theta: Float64Array;
  steps: number[];
  loss: number[];
  method: DelayedMethod;
  /** Mean delay actually used. */
  meanDelay: number;
  /** Why the run stopped early (divergence at an evaluation point, `step` = steps made), else null. */
  stopped: Stopped | null;
}

export function runDelayedSgd(options: DelayedSgdOptions): DelayedSgdResult {
  assertOptionsObject("runDelayedSgd", options, "problem, lr and steps");
  const problem = toStochasticProblem(options.problem, options.batchSize ?? 1);
  const method = oneOf("method", options.method ?? "sgd", DELAYED_METHODS);
  const lr = positive("lr", options.lr);
  const steps = integerAtLeast("steps", options.steps, 1);
  const maxDelay = integerAtLeast("delay", options.delay ?? 0, 0);
  const randomDelay = options.randomDelay ?? false;
  const z0 = nonNegative("initialAccumulator", options.initialAccumulator ?? 0.1);
  if (method !== "sgd" && z0 === 0) positive("initialAccumulator", z0);
  const evalEvery = integerAtLeast("evalEvery", options.evalEvery ?? Math.max(1, Math.ceil(steps / 100)), 1);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const rng = createRng(seed);
  const delayRng = createRng(seed + 130363);
  const d = problem.dim;

  const x = startPoint(options.theta0, d);
  // Server state of the adaptive methods.
  const gbar = new Float64Array(d);
  const z = new Float64Array(d).fill(z0);
  const zMax = new Float64Array(d).fill(z0);
  const eta = new Float64Array(d).fill(lr / Math.sqrt(z0));
  // In-flight reads: a ring of span + 1 slots, span = min(maxDelay, steps) (read t lives in slot
  // t mod (span + 1)). If maxDelay <= steps, read t is due by t + maxDelay, so its slot is free
  // again when read t + maxDelay + 1 comes; if maxDelay > steps, every read has its own slot.
  const span = Math.min(maxDelay, steps);
  const slots = span + 1;
  checkBufferBudget("runDelayedSgd", `min(delay, steps) + 1 = ${slots} in-flight gradients of dim ${d}`, slots * d * (method === "adaptive-revision" ? 2 : 1));
  const grad = Array.from({ length: slots }, () => new Float64Array(d));
  const gbarOld = Array.from({ length: method === "adaptive-revision" ? slots : 0 }, () => new Float64Array(d));
  const due = new Float64Array(slots).fill(-1);

  // The two baselines are the library's optimizers, fed stale gradients; only AdaptiveRevision,
  // which needs the backlog of each read, has its own update below.
  const server: Optimizer | null =
    method === "sgd"
      ? sgd({ lr })
      : method === "adagrad"
        ? adagrad({ convention: "pytorch", lr, initialAccumulatorValue: z0, eps: 0 })
        : null;
  const serverState: OptimizerState | null = server ? server.init(x) : null;

  const update = (s: number): void => {
    const g = grad[s];
    if (server && serverState) {
      server.step(x, g, serverState);
    } else {
      const go = gbarOld[s];
      for (let j = 0; j < d; j++) {
        const gj = g[j];
        const bck = gbar[j] - go[j];
        gbar[j] += gj;
        z[j] += gj * gj + 2 * gj * bck;
        if (z[j] > zMax[j]) zMax[j] = z[j];
        const e = lr / Math.sqrt(zMax[j]);
        x[j] += -e * gj + (eta[j] - e) * bck;
        eta[j] = e;
      }
    }
    due[s] = -1;
  };

  const result: DelayedSgdResult = { theta: x, steps: [0], loss: [problem.loss(x)], method, meanDelay: 0, stopped: null };
  const lastGood = Float64Array.from(x); // x at the last finite evaluation, restored on divergence
  // Records the loss at `t`, or stops the run: true when x (or its loss) is no longer finite.
  const observe = (t: number): boolean => {
    const loss = problem.loss(x);
    const bad = nonFiniteProblem(x, loss);
    if (bad !== null) {
      result.stopped = diverged(t, `at step ${t}`, bad, t);
      x.set(lastGood);
      return true;
    }
    lastGood.set(x);
    result.steps.push(t);
    result.loss.push(loss);
    return false;
  };
  let delaySum = 0;
  let taken = 0;
  for (let t = 0; t < steps; t++) {
    // Read: compute the gradient at the current x and remember gbar at this read.
    const s = t % slots;
    problem.stochasticGradient(x, grad[s], rng);
    if (method === "adaptive-revision") gbarOld[s].set(gbar);
    const tau = randomDelay ? delayRng.int(maxDelay + 1) : maxDelay;
    delaySum += tau;
    due[s] = t + tau;
    // Apply every update due now, oldest read first.
    // (Only reads within `span` steps can be in flight: older ones were applied or have no slot.)
    for (let back = span; back >= 0; back--) {
      const r = t - back;
      if (r < 0) continue;
      const rs = r % slots;
      if (due[rs] >= 0 && due[rs] <= t) update(rs);
    }
    taken = t + 1;
    if ((t + 1) % evalEvery === 0 && t + 1 < steps && observe(t + 1)) break;
  }
  if (result.stopped === null) {
    // Updates still in flight at the end are applied in read order.
    for (let back = span; back >= 0; back--) {
      const r = steps - 1 - back;
      if (r >= 0 && due[r % slots] >= 0) update(r % slots);
    }
    observe(steps);
  }
  result.meanDelay = delaySum / taken;
  return result;
}
