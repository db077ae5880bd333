import { solveCholesky } from "../core/cholesky";
import { nonNegative } from "../core/validate";
import { checkSparseRows } from "../data/check";
import type { SparseRows } from "./sparse-sgd-kernel";

/**
 * The exact least-squares solution, to measure how close the parallel runs get:
 * $$ w^\star = \left( X^\top X + \lambda I \right)^{-1} X^\top y $$
 * by a dense Cholesky factorisation of the d x d normal matrix (`solveCholesky`, src/core/cholesky.ts).
 * O(d^3): meant for the lesson's small problems (d up to a few hundred), not for the SGD hot path.
 */
export function solveSparseLeastSquares(data: SparseRows, ridge = 0): Float64Array {
  const lambda = nonNegative("ridge", ridge);
  checkSparseRows(data);
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
  return solveCholesky(A, b, d, {
    describeFailure: (j) => `X^T X is singular (column ${j} is unused or dependent); pass ridge > 0, got ridge = ${lambda}`,
  });
}
