import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { createRng } from "../core/rng";
import { checkSparseRows } from "../data/check";
import { decayFactor, integerAtLeast, positive, assertOptionsObject } from "../core/validate";
import { sparseLeastSquaresLoss } from "../models/sparse-linear-regression";
import { sparseSgdUpdate, type SparseRows } from "./sparse-sgd-kernel";

export interface SparseSgdOptions {
  data: SparseRows;
  epochs: number;
  /** Learning rate eta. */
  lr: number;
  /** Seed of the per-epoch shuffles. */
  seed?: number;
  /** Multiply lr by this after every epoch (Hogwild!'s step-size decay), in (0, 1]; 1 keeps it constant. */
  lrDecay?: number;
}

export interface SparseSgdResult {
  w: Float64Array;
  /** J(w) before the first epoch. */
  initialLoss: number;
  /** J(w) after each epoch. */
  lossPerEpoch: number[];
  updates: number;
  /** Why the run stopped early (divergence after epoch `step`, shared check), else null. */
  stopped: Stopped | null;
}

/**
 * Single-thread SGD on sparse least squares, the baseline every parallel variant is compared to:
 * each epoch visits all examples in a fresh seeded random order and applies
 * $$ w \leftarrow w - \eta_e \left( x_i^\top w - y_i \right) x_i , \qquad \eta_{e+1} = \beta \eta_e . $$
 */
export function runSparseSgd(options: SparseSgdOptions): SparseSgdResult {
  assertOptionsObject("runSparseSgd", options, "data, epochs and lr");
  const { data } = options;
  checkSparseRows(data);
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  let lr = positive("lr", options.lr);
  const lrDecay = decayFactor("lrDecay", options.lrDecay ?? 1);
  const rng = createRng(options.seed ?? 0);
  const w = new Float64Array(data.d);
  const order = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) order[i] = i;
  const initialLoss = sparseLeastSquaresLoss(data, w);
  const lossPerEpoch: number[] = [];
  const lastGood = new Float64Array(data.d);
  let stopped: Stopped | null = null;
  let updates = 0;
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let c = 0; c < order.length; c++) sparseSgdUpdate(data, order[c], w, lr);
    updates += order.length;
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
  return { w, initialLoss, lossPerEpoch, updates, stopped };
}
