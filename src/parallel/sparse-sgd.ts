import { createRng } from "../core/rng";
import { checkSparseRows } from "../data/check";
import { integerAtLeast, positive } from "../core/validate";
import { sparseLeastSquaresLoss } from "../models/sparse-linear-regression";
import { sparseSgdUpdate, type SparseRows } from "./sparse-sgd-kernel";

export interface SparseSgdOptions {
  data: SparseRows;
  epochs: number;
  /** Learning rate eta. */
  lr: number;
  /** Seed of the per-epoch shuffles. */
  seed?: number;
  /** Multiply lr by this after every epoch (Hogwild!'s step-size decay); 1 keeps it constant. */
  lrDecay?: number;
}

export interface SparseSgdResult {
  w: Float64Array;
  /** J(w) before the first epoch. */
  initialLoss: number;
  /** J(w) after each epoch. */
  lossPerEpoch: number[];
  updates: number;
}

/**
 * Single-thread SGD on sparse least squares, the baseline every parallel variant is compared to:
 * each epoch visits all examples in a fresh seeded random order and applies
 * $$ w \leftarrow w - \eta_e \left( x_i^\top w - y_i \right) x_i , \qquad \eta_{e+1} = \beta \eta_e . $$
 */
export function runSparseSgd(options: SparseSgdOptions): SparseSgdResult {
  const { data } = options;
  checkSparseRows(data);
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  let lr = positive("lr", options.lr);
  const lrDecay = positive("lrDecay", options.lrDecay ?? 1);
  const rng = createRng(options.seed ?? 0);
  const w = new Float64Array(data.d);
  const order = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) order[i] = i;
  const initialLoss = sparseLeastSquaresLoss(data, w);
  const lossPerEpoch: number[] = [];
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (let c = 0; c < order.length; c++) sparseSgdUpdate(data, order[c], w, lr);
    lr *= lrDecay;
    lossPerEpoch.push(sparseLeastSquaresLoss(data, w));
  }
  return { w, initialLoss, lossPerEpoch, updates: epochs * data.n };
}
