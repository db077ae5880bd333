import { DescentInputError } from "../core/errors";
import type { Vec } from "../core/vector";
import { checkSparseRows } from "../data/check";
import type { SparseDataset } from "../data/dataset";
import type { Objective } from "../problems/objective";

/**
 * Least squares on a sparse (CSR) data set, without a bias, for the Adagrad and Hogwild! lessons:
 *
 * $$J(w) = \frac{1}{2n} \sum_{i=1}^n \left(x_i^\top w - y_i\right)^2, \qquad
 *   \nabla J(w) = \frac{1}{n} \sum_{i=1}^n r_i\, x_i, \quad r_i = x_i^\top w - y_i$$
 *
 * Example i's gradient r_i x_i is nonzero only on x_i's nonzero columns, which is what makes
 * rare features get rare (and, for plain SGD, small) updates, and what lets Hogwild! threads
 * update w without locks: two examples rarely touch the same coordinates.
 *
 * These row kernels are the ONLY TypeScript copy of the per-example arithmetic; src/parallel
 * uses them too. (The Hogwild! worker thread repeats it in plain JavaScript, see
 * src/parallel/hogwild-worker-source.ts; test/parallel/hogwild.test.ts checks that a 1-thread
 * run equals sequential SGD built on these kernels bit for bit.)
 */

/**
 * The CSR arrays the row kernels read. Structural on purpose: views over SharedArrayBuffers
 * (the Hogwild! lesson) fit as well as a whole `SparseDataset`.
 */
export type SparseRowsView = Pick<SparseDataset, "indptr" | "indices" | "values" | "y">;

/** r_i = x_i . w - y_i, reading only row i's nonzeros. */
export function sparseResidual(data: SparseRowsView, w: Vec, i: number): number {
  const { indptr, indices, values } = data;
  let dot = 0;
  for (let k = indptr[i]; k < indptr[i + 1]; k++) dot += values[k] * w[indices[k]];
  return dot - data.y[i];
}

/** out += scale * x_i at row i's nonzero columns only (the rest of out is untouched). */
export function addScaledSparseRow(data: SparseRowsView, i: number, scale: number, out: Vec): void {
  const { indptr, indices, values } = data;
  for (let k = indptr[i]; k < indptr[i + 1]; k++) out[indices[k]] += scale * values[k];
}

/**
 * Adds scale * r_i * x_i into out at row i's nonzero columns only (out is otherwise untouched) and
 * returns example i's loss r_i^2 / 2. With scale = -lr and out = w this is one in-place SGD step
 * on w: the residual is read in full before any coordinate is written.
 */
export function addSparseExampleGradient(data: SparseRowsView, w: Vec, i: number, scale: number, out: Vec): number {
  const r = sparseResidual(data, w, i);
  addScaledSparseRow(data, i, scale * r, out);
  return 0.5 * r * r;
}

/** J(w) = (1 / 2n) sum_i r_i^2 over all n = indptr.length - 1 rows. */
export function sparseLeastSquaresLoss(data: SparseRowsView, w: Vec): number {
  const n = data.indptr.length - 1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = sparseResidual(data, w, i);
    total += r * r;
  }
  return total / (2 * n);
}

/** The full-batch least-squares objective J(w) above, as an Objective of dimension d. */
export function sparseLeastSquaresObjective(data: SparseDataset): Objective {
  checkSparseRows(data);
  const { n, d } = data;
  const check = (w: Vec): void => {
    if (w.length !== d) throw new DescentInputError(`sparse least squares has ${d} parameters, got a vector of length ${w.length}`);
  };
  return {
    name: `least-squares on ${data.name}`,
    dim: d,
    value(w: Vec): number {
      check(w);
      return sparseLeastSquaresLoss(data, w);
    },
    valueAndGradient(w: Vec, out: Vec): number {
      check(w);
      out.fill(0);
      let total = 0;
      for (let i = 0; i < n; i++) total += addSparseExampleGradient(data, w, i, 1 / n, out);
      return total / n;
    },
  };
}
