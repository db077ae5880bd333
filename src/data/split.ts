import { DescentInputError, show } from "../core/errors";
import { createRng } from "../core/rng";
import { integerAtLeast } from "../core/validate";
import { checkDataset } from "./check";
import { saltedSeed } from "./salt";
import type { Dataset } from "./dataset";

/**
 * Splitting and preprocessing. Statistics (means, stds) are computed on the training split only
 * and then applied to the validation split, so no information leaks from held-out data.
 */

/** The examples idx[0..k) of `data`, copied into a new data set (targets, labels, difficulty kept). */
export function subset(data: Dataset, idx: ArrayLike<number>, name: string = data.name): Dataset {
  checkDataset(data);
  // An empty subset would be a data set with n = 0, which every model and `train` refuse.
  if (idx.length === 0) throw new DescentInputError(`subset needs at least one index, got none (data "${data.name}")`);
  const { d } = data;
  const m = idx.length;
  const X = new Float64Array(m * d);
  const y = data.y ? new Float64Array(m) : undefined;
  const labels = data.labels ? new Int32Array(m) : undefined;
  const difficulty = data.difficulty ? new Float64Array(m) : undefined;
  for (let r = 0; r < m; r++) {
    const i = idx[r];
    if (!Number.isInteger(i) || i < 0 || i >= data.n) {
      throw new DescentInputError(`subset index must be an integer in [0, ${data.n}), got ${show(i)}`);
    }
    X.set(data.X.subarray(i * d, i * d + d), r * d);
    if (y && data.y) y[r] = data.y[i];
    if (labels && data.labels) labels[r] = data.labels[i];
    if (difficulty && data.difficulty) difficulty[r] = data.difficulty[i];
  }
  return {
    ...data,
    name,
    n: m,
    X,
    y,
    labels,
    difficulty,
  };
}

/**
 * Randomly splits `data` into a training part and a validation part holding
 * round(fraction * n) examples (at least 1 each). The permutation is seeded, so the same seed
 * gives the same split.
 */
export function trainValidationSplit(
  data: Dataset,
  fraction: number,
  seed: number = 0,
): { train: Dataset; validation: Dataset } {
  if (typeof fraction !== "number" || !(fraction > 0 && fraction < 1)) {
    throw new RangeError(`fraction must be a number in (0, 1), got ${show(fraction)}`);
  }
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${show(seed)}`);
  checkDataset(data);
  if (data.n < 2) throw new DescentInputError(`trainValidationSplit needs at least 2 examples, data "${data.name}" has ${data.n}`);
  const nVal = Math.min(data.n - 1, Math.max(1, Math.round(fraction * data.n)));
  const perm = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) perm[i] = i;
  createRng(saltedSeed(seed, "split")).shuffle(perm);
  return {
    validation: subset(data, perm.subarray(0, nVal), `${data.name}/validation`),
    train: subset(data, perm.subarray(nVal), `${data.name}/train`),
  };
}

export interface Standardization {
  readonly means: Float64Array;
  /** Per-feature standard deviations; a constant feature gets 1 so it is centred but not blown up. */
  readonly stds: Float64Array;
}

/** Per-feature mean and (population) standard deviation of data.X. */
export function featureStats(data: Dataset): Standardization {
  checkDataset(data);
  const { n, d, X } = data;
  const means = new Float64Array(d);
  const stds = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j] += X[i * d + j];
  for (let j = 0; j < d; j++) means[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const c = X[i * d + j] - means[j];
      stds[j] += c * c;
    }
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(stds[j] / n);
    stds[j] = s > 1e-12 ? s : 1;
  }
  return { means, stds };
}

/**
 * Returns a copy of `data` with features x_j -> (x_j - mean_j) / std_j, and the statistics used.
 * Pass `stats` (from the training split) to standardise a validation or test split the same way.
 */
export function standardize(
  data: Dataset,
  stats: Standardization = featureStats(data),
): { data: Dataset; means: Float64Array; stds: Float64Array } {
  checkDataset(data);
  const { n, d } = data;
  if (stats.means.length !== d || stats.stds.length !== d) {
    throw new DescentInputError(`standardize: stats have ${stats.means.length} features, data has ${d}`);
  }
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = (data.X[i * d + j] - stats.means[j]) / stats.stds[j];
  }
  return { data: { ...data, X }, means: stats.means, stds: stats.stds };
}

/** One-hot encoding: row i of the (n x classes) result has a 1 in column labels[i]. */
export function oneHot(labels: Int32Array, classes: number): Float64Array {
  integerAtLeast("classes", classes, 1);
  const out = new Float64Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c < 0 || c >= classes) {
      throw new DescentInputError(`label at ${i} must be in [0, ${classes}), got ${show(c)}`);
    }
    out[i * classes + c] = 1;
  }
  return out;
}
