import type { SparseDataset } from "../data/dataset";

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
 * The Hogwild! worker thread runs the same arithmetic, written out in plain JavaScript in
 * hogwild-worker-source.ts; keep the two in the same order of operations so a 1-worker run
 * matches `runSparseSgd` bit for bit.
 */
export type SparseRows = Pick<SparseDataset, "n" | "d" | "indptr" | "indices" | "values" | "y">;

/** r_i = x_i . w - y_i. */
export function sparseResidual(data: SparseRows, i: number, w: Float64Array): number {
  const { indptr, indices, values, y } = data;
  let dot = 0;
  for (let p = indptr[i]; p < indptr[i + 1]; p++) dot += values[p] * w[indices[p]];
  return dot - y[i];
}

/** One SGD step on example i, in place: w_j -= lr * r_i * x_ij. Returns r_i (before the step). */
export function sparseSgdUpdate(data: SparseRows, i: number, w: Float64Array, lr: number): number {
  const r = sparseResidual(data, i, w);
  const step = lr * r;
  const { indptr, indices, values } = data;
  for (let p = indptr[i]; p < indptr[i + 1]; p++) w[indices[p]] -= step * values[p];
  return r;
}

/** out += scale * r_i * x_i (accumulates a scaled per-example gradient into a dense buffer). */
export function addSparseGradient(
  data: SparseRows,
  i: number,
  w: Float64Array,
  out: Float64Array,
  scale: number,
): void {
  const step = scale * sparseResidual(data, i, w);
  const { indptr, indices, values } = data;
  for (let p = indptr[i]; p < indptr[i + 1]; p++) out[indices[p]] += step * values[p];
}

/** J(w) = (1 / 2n) sum_i r_i^2 over the whole data set. */
export function sparseLoss(data: SparseRows, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.n; i++) {
    const r = sparseResidual(data, i, w);
    s += r * r;
  }
  return s / (2 * data.n);
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
