import type { SparseDataset } from "../data/dataset";
import { addScaledSparseRow, sparseResidual } from "../models/sparse-linear-regression";

/**
 * The per-example work of sparse least squares, shared by every parallel SGD variant.
 *
 * Loss (mean squared residual, halved so the gradient has no factor 2):
 * $$ J(w) = \frac{1}{2n} \sum_{i=1}^{n} \left( x_i^\top w - y_i \right)^2, \qquad
 *    \nabla J_i(w) = \left( x_i^\top w - y_i \right) x_i $$
 *
 * The per-example gradient is nonzero only on the columns example i uses, so one SGD step
 * $$ w_j \leftarrow w_j - \eta\, r_i\, x_{ij}, \quad j \in \operatorname{supp}(x_i) $$
 * touches `nnzPerRow` coordinates of w. That sparsity is what lets Hogwild! skip locks:
 * two workers collide only when their rows share a column.
 *
 * The per-row arithmetic (residual, gradient, loss) lives once, in
 * src/models/sparse-linear-regression.ts; this file adds what only the parallel runners need.
 * The Hogwild! worker thread runs the same arithmetic, written out in plain JavaScript in
 * hogwild-worker-source.ts (a worker cannot import TypeScript); keep the two in the same order
 * of operations so a 1-worker run matches `runSparseSgd` bit for bit (test/parallel/hogwild.test.ts).
 */
export type SparseRows = Pick<SparseDataset, "n" | "d" | "indptr" | "indices" | "values" | "y">;

/**
 * One SGD step on example i, in place: w_j -= lr * r_i * x_ij. Returns r_i (before the step).
 * Built from the model's row kernels; the worker thread's inline copy computes
 * step = lr * r and w_j -= step * x_ij, which rounds identically (negation is exact).
 */
export function sparseSgdUpdate(data: SparseRows, i: number, w: Float64Array, lr: number): number {
  const r = sparseResidual(data, w, i);
  addScaledSparseRow(data, i, -lr * r, w);
  return r;
}

/**
 * The rows worker k of W owns: k, k + W, k + 2W, ... (a strided shard, so every worker gets a
 * mix of the data set and shards differ in size by at most one row).
 */
export function shardRows(n: number, workers: number, k: number): Int32Array {
  const count = Math.max(0, Math.ceil((n - k) / workers));
  const rows = new Int32Array(count);
  for (let c = 0; c < count; c++) rows[c] = k + c * workers;
  return rows;
}

/**
 * The seed of worker k's random order: worker 0 uses the run's seed itself, so a 1-worker run
 * visits examples in the same order as sequential SGD with that seed.
 */
export function workerSeed(seed: number, k: number): number {
  return seed + 7919 * k;
}
