import { createRng } from "../core/rng";
import { integerAtLeast, nonNegative, assertOptionsObject } from "../core/validate";
import type { SparseDataset } from "./dataset";
import { createDistinctDrawer } from "./distinct-draws";

export interface SparseRegressionOptions {
  /** Examples. */
  n: number;
  /** Features. */
  d: number;
  /** Nonzero features per example (distinct columns). */
  nnzPerRow: number;
  /** Standard deviation of the Gaussian noise added to y. */
  noise?: number;
  /**
   * Feature frequencies follow a Zipf-like law when > 0: column j is drawn with weight
   * 1 / (j + 1)^skew, so a few features are common and most are rare, the case where
   * per-coordinate learning rates (Adagrad) help. 0 draws columns uniformly.
   */
  skew?: number;
  seed?: number;
}

/**
 * Synthetic sparse linear regression: y_i = x_i . w_true + noise, each x_i with `nnzPerRow`
 * nonzero N(0, 1) entries. Columns are drawn by createDistinctDrawer (distinct-draws.ts), which
 * ends in bounded time for any skew (a skew that puts nearly all mass on a few columns used to
 * loop for ever looking for distinct ones).
 */
export function makeSparseRegression(options: SparseRegressionOptions): SparseDataset {
  assertOptionsObject("makeSparseRegression", options, "n, d and nnzPerRow");
  const n = integerAtLeast("n", options.n, 1);
  const d = integerAtLeast("d", options.d, 1);
  const k = integerAtLeast("nnzPerRow", options.nnzPerRow, 1);
  if (k > d) throw new RangeError(`nnzPerRow must be <= d (${d}), got ${k}`);
  const noise = nonNegative("noise", options.noise ?? 0.01);
  const skew = nonNegative("skew", options.skew ?? 0);
  const rng = createRng(options.seed ?? 0);

  const wTrue = new Float64Array(d);
  for (let j = 0; j < d; j++) wTrue[j] = rng.normal();

  // Column weights (uniform when skew = 0).
  const weights = new Float64Array(d);
  for (let j = 0; j < d; j++) weights[j] = 1 / Math.pow(j + 1, skew);
  const drawer = createDistinctDrawer(weights, rng);

  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * k);
  const values = new Float64Array(n * k);
  const y = new Float64Array(n);
  const cols = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    drawer.draw(k, cols);
    let dot = 0;
    for (let c = 0; c < k; c++) {
      const v = rng.normal();
      indices[i * k + c] = cols[c];
      values[i * k + c] = v;
      dot += v * wTrue[cols[c]];
    }
    indptr[i + 1] = (i + 1) * k;
    y[i] = dot + noise * rng.normal();
  }
  return { name: "sparse-regression", n, d, indptr, indices, values, y, wTrue };
}
