import { createRng } from "../core/rng";
import { integerAtLeast, nonNegative } from "../core/validate";
import type { SparseDataset } from "./dataset";

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
 * nonzero N(0, 1) entries.
 */
export function makeSparseRegression(options: SparseRegressionOptions): SparseDataset {
  const n = integerAtLeast("n", options.n, 1);
  const d = integerAtLeast("d", options.d, 1);
  const k = integerAtLeast("nnzPerRow", options.nnzPerRow, 1);
  if (k > d) throw new RangeError(`nnzPerRow must be <= d (${d}), got ${k}`);
  const noise = nonNegative("noise", options.noise ?? 0.01);
  const skew = nonNegative("skew", options.skew ?? 0);
  const rng = createRng(options.seed ?? 0);

  const wTrue = new Float64Array(d);
  for (let j = 0; j < d; j++) wTrue[j] = rng.normal();

  // Cumulative weights for drawing columns (uniform when skew = 0).
  const cdf = new Float64Array(d);
  let acc = 0;
  for (let j = 0; j < d; j++) {
    acc += 1 / Math.pow(j + 1, skew);
    cdf[j] = acc;
  }
  const draw = (): number => {
    const u = rng.uniform() * acc;
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n * k);
  const values = new Float64Array(n * k);
  const y = new Float64Array(n);
  const chosen = new Set<number>();
  for (let i = 0; i < n; i++) {
    chosen.clear();
    while (chosen.size < k) chosen.add(draw());
    const cols = Int32Array.from(chosen).sort();
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
