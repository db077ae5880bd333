import { DescentInputError } from "../core/errors";
import { nonNegative } from "../core/validate";
import type { SparseRows } from "./sparse-sgd-kernel";

/**
 * The exact least-squares solution, to measure how close the parallel runs get:
 * $$ w^\star = \left( X^\top X + \lambda I \right)^{-1} X^\top y $$
 * by a dense Cholesky factorisation of the d x d normal matrix. O(d^3): meant for the lesson's
 * small problems (d up to a few hundred), not for the SGD hot path.
 */
export function solveSparseLeastSquares(data: SparseRows, ridge = 0): Float64Array {
  const lambda = nonNegative("ridge", ridge);
  const d = data.d;
  const A = new Float64Array(d * d);
  const b = new Float64Array(d);
  const { indptr, indices, values, y } = data;
  for (let i = 0; i < data.n; i++) {
    for (let p = indptr[i]; p < indptr[i + 1]; p++) {
      const jp = indices[p];
      b[jp] += values[p] * y[i];
      for (let q = indptr[i]; q < indptr[i + 1]; q++) A[jp * d + indices[q]] += values[p] * values[q];
    }
  }
  for (let j = 0; j < d; j++) A[j * d + j] += lambda;
  // In-place Cholesky A = L L^T (lower triangle).
  for (let j = 0; j < d; j++) {
    let diag = A[j * d + j];
    for (let k = 0; k < j; k++) diag -= A[j * d + k] * A[j * d + k];
    if (!(diag > 1e-12)) {
      throw new DescentInputError(
        `X^T X is singular (column ${j} is unused or dependent); pass ridge > 0, got ridge = ${lambda}`,
      );
    }
    const ljj = Math.sqrt(diag);
    A[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = A[i * d + j];
      for (let k = 0; k < j; k++) s -= A[i * d + k] * A[j * d + k];
      A[i * d + j] = s / ljj;
    }
  }
  // Solve L z = b, then L^T w = z.
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= A[i * d + k] * w[k];
    w[i] = s / A[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = w[i];
    for (let k = i + 1; k < d; k++) s -= A[k * d + i] * w[k];
    w[i] = s / A[i * d + i];
  }
  return w;
}
