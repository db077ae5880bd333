import { requireFiniteData } from "../core/divergence";
import { DescentInputError, show } from "../core/errors";
import type { Dataset, SparseDataset } from "./dataset";

/**
 * Shape and label checks for data sets, run ONCE per data set object and remembered.
 *
 * WHY once: a model's lossAndGradient is called for every mini-batch, and scanning n labels there
 * would cost O(n) per update. The first time a data set is seen (by a model, `train`, or a
 * preprocessing function) its shapes and labels are checked and the result is cached in a
 * WeakMap keyed by the object, so later calls are one lookup and allocate nothing. A data set is
 * treated as immutable after it is built (every function here returns a new one); writing a bad
 * label into an already-checked array is not caught.
 *
 * Without these checks a label >= classes reads the NEXT example's logit (or `undefined`) and the
 * loss silently becomes NaN; an X shorter than n * d reads `undefined` the same way. Every value
 * must also be finite: NaN or Infinity in X or y would otherwise surface as "diverged ... try a
 * smaller lr", blaming the learning rate for bad data (the message names the field and index).
 */

/** What the one-time scan found, kept per data set. */
interface DenseSummary {
  /** Largest class label (-1 without labels). */
  readonly maxLabel: number;
}

const denseSeen = new WeakMap<Dataset, DenseSummary>();
const sparseSeen = new WeakSet<object>();

function lengthOf(a: unknown): number {
  return a !== null && typeof a === "object" && "length" in a ? Number((a as { length: unknown }).length) : NaN;
}

function wholeCount(what: string, field: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new DescentInputError(`${what}: ${field} must be an integer >= ${min}, got ${show(value)}`);
  }
  return value;
}

function requireLength(what: string, field: string, array: unknown, expected: string, length: number): void {
  const got = lengthOf(array);
  if (got !== length) {
    throw new DescentInputError(`${what}: ${field} must hold ${expected} = ${length} numbers, got ${Number.isNaN(got) ? show(array) : `length ${got}`}`);
  }
}

/**
 * Checks a dense data set: n >= 1 and d >= 1 whole numbers, X of length n * d, y / labels /
 * difficulty (when present) of length n, classes (when present) an integer >= 1, and every label
 * a whole number in [0, classes) (in [0, infinity) when classes is absent), every entry of X, y
 * and difficulty finite. Throws a
 * DescentInputError naming the data set, the field and what was expected. Cached: O(1) after the
 * first call on the same object.
 */
export function checkDataset(data: Dataset, role: string = "data"): void {
  summarize(data, role);
}

/** Largest label of a checked data set, -1 without labels (checks the data set first if needed). */
export function maxLabel(data: Dataset, role: string = "data"): number {
  return summarize(data, role).maxLabel;
}

function summarize(data: Dataset, role: string): DenseSummary {
  const hit = denseSeen.get(data);
  if (hit !== undefined) return hit;
  if (data === null || typeof data !== "object") throw new DescentInputError(`${role} must be a data set object, got ${show(data)}`);
  const what = `${role} ${show(data.name)}`;
  const n = wholeCount(what, "n", data.n, 1);
  const d = wholeCount(what, "d", data.d, 1);
  requireLength(what, "X", data.X, `n * d = ${n} * ${d}`, n * d);
  if (data.y !== undefined) requireLength(what, "y", data.y, "n", n);
  if (data.difficulty !== undefined) requireLength(what, "difficulty", data.difficulty, "n", n);
  requireFiniteData(what, "X", data.X, d);
  if (data.y !== undefined) requireFiniteData(what, "y", data.y);
  if (data.difficulty !== undefined) requireFiniteData(what, "difficulty", data.difficulty);
  let top = -1;
  if (data.labels !== undefined) {
    requireLength(what, "labels", data.labels, "n", n);
    const classes = data.classes === undefined ? Infinity : wholeCount(what, "classes", data.classes, 1);
    const labels = data.labels;
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      if (!(Number.isInteger(c) && c >= 0 && c < classes)) {
        const range = classes === Infinity ? "a whole number >= 0" : `a whole number in [0, ${classes})`;
        throw new DescentInputError(`${what}: label of example ${i} must be ${range}, got ${show(c)}`);
      }
      if (c > top) top = c;
    }
  } else if (data.classes !== undefined) {
    throw new DescentInputError(`${what}: has classes = ${show(data.classes)} but no labels`);
  }
  const summary: DenseSummary = { maxLabel: top };
  denseSeen.set(data, summary);
  return summary;
}

/** The CSR fields the sparse checks read (a whole SparseDataset, or the arrays alone). */
export type SparseRowsShape = Pick<SparseDataset, "n" | "d" | "indptr" | "indices" | "values" | "y">;

/**
 * Checks a sparse (CSR) data set: n, d >= 1, indptr of length n + 1 starting at 0 and
 * non-decreasing, indices and values of length indptr[n], every column index in [0, d), y of
 * length n, every value and target finite. Cached like `checkDataset`.
 */
export function checkSparseRows(data: SparseRowsShape, role: string = "data"): void {
  if (sparseSeen.has(data)) return;
  if (data === null || typeof data !== "object") throw new DescentInputError(`${role} must be a sparse data set, got ${show(data)}`);
  const what = "name" in data ? `${role} ${show((data as { name: unknown }).name)}` : role;
  const n = wholeCount(what, "n", data.n, 1);
  const d = wholeCount(what, "d", data.d, 1);
  requireLength(what, "indptr", data.indptr, "n + 1", n + 1);
  requireLength(what, "y", data.y, "n", n);
  const { indptr, indices } = data;
  if (indptr[0] !== 0) throw new DescentInputError(`${what}: indptr[0] must be 0, got ${show(indptr[0])}`);
  for (let i = 0; i < n; i++) {
    if (!(indptr[i + 1] >= indptr[i])) {
      throw new DescentInputError(`${what}: indptr must be non-decreasing, got indptr[${i}] = ${indptr[i]} > indptr[${i + 1}] = ${indptr[i + 1]}`);
    }
  }
  const nnz = indptr[n];
  requireLength(what, "indices", indices, "indptr[n]", nnz);
  requireLength(what, "values", data.values, "indptr[n]", nnz);
  for (let k = 0; k < nnz; k++) {
    const j = indices[k];
    if (!(Number.isInteger(j) && j >= 0 && j < d)) {
      throw new DescentInputError(`${what}: column index indices[${k}] must be a whole number in [0, ${d}), got ${show(j)}`);
    }
  }
  requireFiniteData(what, "values", data.values);
  requireFiniteData(what, "y", data.y);
  sparseSeen.add(data);
}
