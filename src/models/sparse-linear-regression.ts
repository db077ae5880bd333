import { DescentInputError } from "../core/errors";
import type { Vec } from "../core/vector";
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
 */

/** r_i = x_i . w - y_i, reading only row i's nonzeros. */
export function sparseResidual(data: SparseDataset, w: Vec, i: number): number {
  let dot = 0;
  for (let k = data.indptr[i]; k < data.indptr[i + 1]; k++) dot += data.values[k] * w[data.indices[k]];
  return dot - data.y[i];
}

/**
 * Adds scale * r_i * x_i into out at row i's nonzero columns only (out is otherwise untouched) and
 * returns example i's loss r_i^2 / 2. With scale = -lr this is one in-place SGD step on w = out.
 */
export function addSparseExampleGradient(data: SparseDataset, w: Vec, i: number, scale: number, out: Vec): number {
  const r = sparseResidual(data, w, i);
  const s = scale * r;
  for (let k = data.indptr[i]; k < data.indptr[i + 1]; k++) out[data.indices[k]] += s * data.values[k];
  return 0.5 * r * r;
}

/** The full-batch least-squares objective J(w) above, as an Objective of dimension d. */
export function sparseLeastSquaresObjective(data: SparseDataset): Objective {
  const { n, d } = data;
  const check = (w: Vec): void => {
    if (w.length !== d) throw new DescentInputError(`sparse least squares has ${d} parameters, got a vector of length ${w.length}`);
  };
  return {
    name: `least-squares on ${data.name}`,
    dim: d,
    value(w: Vec): number {
      check(w);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = sparseResidual(data, w, i);
        total += 0.5 * r * r;
      }
      return total / n;
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
