import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { createRng } from "../core/rng";
import { checkSparseRows } from "../data/check";
import { decayFactor, integerAtLeast, positive, assertOptionsObject } from "../core/validate";
import { checkBufferBudget } from "./budget";
import { addScaledSparseRow, sparseLeastSquaresLoss, sparseResidual } from "../models/sparse-linear-regression";
import { shardRows, workerSeed, type SparseRows } from "./sparse-sgd-kernel";

/**
 * Hogwild! simulated deterministically: P workers interleaved by a seeded scheduler, each
 * computing its gradient from a view of w that is exactly tau updates stale.
 *
 * At global step t the scheduler picks a worker k (uniformly among workers with examples left
 * in this epoch); k takes its next example i and reads the CURRENT w, which does not yet contain
 * the tau updates still in flight. Its update lands tau steps later:
 * $$ r_t = x_{i_t}^\top w_t - y_{i_t}, \qquad
 *    w_{t+\tau+1} = w_{t+\tau} - \eta\, r_t\, x_{i_t} $$
 * (a pipeline of depth tau between read and write, the "bounded staleness" model of Hogwild!'s
 * analysis). tau = 0 is sequential SGD over the interleaved example order. In-flight updates are
 * flushed at the end of each epoch, like the real threads' barrier.
 *
 * Divergence: checked after every epoch with the shared check (src/core/divergence.ts); the run
 * then stops, `stopped` says why, and w and lossPerEpoch end at the last finite epoch.
 */
export interface SimulatedHogwildOptions {
  data: SparseRows;
  /** P >= 1 simulated workers. */
  workers: number;
  epochs: number;
  lr: number;
  /** tau >= 0: how many updates each read is behind. */
  staleness: number;
  seed?: number;
  lrDecay?: number;
  /** Also record J(w) every this many updates (0 = only per epoch). */
  evalEvery?: number;
}

export interface SimulatedHogwildResult {
  w: Float64Array;
  initialLoss: number;
  lossPerEpoch: number[];
  /** [updates so far, J(w)] every `evalEvery` updates, when asked. */
  lossTrace: { step: number; loss: number }[];
  updates: number;
  workers: number;
  staleness: number;
  /** Why the run stopped early (divergence after epoch `step`), else null. */
  stopped: Stopped | null;
}

export function runSimulatedHogwild(options: SimulatedHogwildOptions): SimulatedHogwildResult {
  assertOptionsObject("runSimulatedHogwild", options, "data, workers, epochs, lr and staleness");
  const { data } = options;
  checkSparseRows(data);
  const P = integerAtLeast("workers", options.workers, 1);
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  let lr = positive("lr", options.lr);
  const tau = integerAtLeast("staleness", options.staleness, 0);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const lrDecay = decayFactor("lrDecay", options.lrDecay ?? 1);
  const evalEvery = integerAtLeast("evalEvery", options.evalEvery ?? 0, 0);
  checkBufferBudget("runSimulatedHogwild", `staleness ${tau} (a ring of tau + 1 updates)`, 2 * (tau + 1));

  const w = new Float64Array(data.d);
  const shards = Array.from({ length: P }, (_, k) => shardRows(data.n, P, k));
  const rngs = Array.from({ length: P }, (_, k) => createRng(workerSeed(seed, k)));
  // The scheduler has its own stream so changing P or tau does not change the shuffles.
  const scheduler = createRng(seed + 104729);
  const cursor = new Int32Array(P);
  const active = new Int32Array(P);
  // Ring buffer of in-flight updates: example index and its step eta * r.
  const pendingRow = new Int32Array(tau + 1);
  const pendingStep = new Float64Array(tau + 1);
  let head = 0;
  let inFlight = 0;

  const apply = (slot: number): void => {
    addScaledSparseRow(data, pendingRow[slot], -pendingStep[slot], w);
  };

  const initialLoss = sparseLeastSquaresLoss(data, w);
  const lossPerEpoch: number[] = [];
  const lossTrace: { step: number; loss: number }[] = [];
  let stopped: Stopped | null = null;
  const lastGood = new Float64Array(data.d);
  let updates = 0;
  for (let e = 0; e < epochs; e++) {
    let nActive = 0;
    for (let k = 0; k < P; k++) {
      rngs[k].shuffle(shards[k]);
      cursor[k] = 0;
      if (shards[k].length > 0) active[nActive++] = k;
    }
    while (nActive > 0) {
      const a = P === 1 ? 0 : scheduler.int(nActive);
      const k = active[a];
      const i = shards[k][cursor[k]++];
      if (cursor[k] === shards[k].length) active[a] = active[--nActive];
      // Read (stale by the `inFlight` updates not yet written), then enqueue the write.
      const slot = (head + inFlight) % (tau + 1);
      pendingRow[slot] = i;
      pendingStep[slot] = lr * sparseResidual(data, w, i);
      inFlight++;
      if (inFlight > tau) {
        apply(head);
        head = (head + 1) % (tau + 1);
        inFlight--;
      }
      updates++;
      if (evalEvery > 0 && updates % evalEvery === 0) lossTrace.push({ step: updates, loss: sparseLeastSquaresLoss(data, w) });
    }
    while (inFlight > 0) {
      apply(head);
      head = (head + 1) % (tau + 1);
      inFlight--;
    }
    lr *= lrDecay;
    const loss = sparseLeastSquaresLoss(data, w);
    const bad = nonFiniteProblem(w, loss);
    if (bad !== null) {
      stopped = diverged(e + 1, `after epoch ${e + 1}`, bad, updates);
      w.set(lastGood);
      break;
    }
    lastGood.set(w);
    lossPerEpoch.push(loss);
  }
  return { w, initialLoss, lossPerEpoch, lossTrace, updates, workers: P, staleness: tau, stopped };
}
