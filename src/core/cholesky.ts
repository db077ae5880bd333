import { DescentInputError, show } from "./errors";
import { integerAtLeast } from "./validate";

/**
 * Solves A w = b for a symmetric positive definite d x d matrix A by Cholesky factorisation,
 * $$ A = L L^\top, \qquad L z = b \ \text{(forward)}, \qquad L^\top w = z \ \text{(back)}, $$
 * with the pivots
 * $$ L_{jj} = \sqrt{A_{jj} - \textstyle\sum_{k<j} L_{jk}^2}, \qquad
 *    L_{ij} = \Big(A_{ij} - \textstyle\sum_{k<j} L_{ik} L_{jk}\Big) / L_{jj} \quad (i > j). $$
 * Used for the exact least-squares minimisers the lessons compare SGD against (normal equations
 * X^T X w = X^T y). O(d^3): for the course's small problems, not for a hot loop.
 *
 * A is row-major and only its lower triangle (k <= j) is read; it is OVERWRITTEN by L, so the
 * callers, which build A only to solve once, need no second d x d buffer.
 *
 * A pivot that is not above 1e-12 times the largest diagonal entry means A is not (numerically)
 * positive definite; the relative threshold makes the test independent of the scale of A.
 * `describeFailure` lets a caller say what that means for its problem (e.g. which column of X is
 * dependent); the default message names the pivot and its value.
 */
export interface CholeskyOptions {
  describeFailure?: (column: number, pivot: number) => string;
}

export function solveCholesky(A: Float64Array, b: ArrayLike<number>, d: number, options: CholeskyOptions = {}): Float64Array {
  integerAtLeast("d", d, 1);
  if (A.length !== d * d) throw new DescentInputError(`A must hold d * d = ${d * d} numbers for d = ${d}, got ${A.length}`);
  if (b.length !== d) throw new DescentInputError(`b must hold d = ${d} numbers, got ${b.length}`);
  let maxDiag = 0;
  for (let j = 0; j < d; j++) maxDiag = Math.max(maxDiag, A[j * d + j]);
  const tolerance = 1e-12 * maxDiag;
  for (let j = 0; j < d; j++) {
    let pivot = A[j * d + j];
    for (let k = 0; k < j; k++) pivot -= A[j * d + k] * A[j * d + k];
    // Written so that NaN also fails.
    if (!(pivot > tolerance)) {
      const message =
        options.describeFailure?.(j, pivot) ??
        `matrix is not positive definite: Cholesky pivot ${j} is ${show(pivot)}, expected > ${show(tolerance)} (1e-12 times the largest diagonal entry)`;
      throw new DescentInputError(message);
    }
    const ljj = Math.sqrt(pivot);
    A[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = A[i * d + j];
      for (let k = 0; k < j; k++) t -= A[i * d + k] * A[j * d + k];
      A[i * d + j] = t / ljj;
    }
  }
  const w = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let t = b[i];
    for (let k = 0; k < i; k++) t -= A[i * d + k] * w[k];
    w[i] = t / A[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = w[i];
    for (let k = i + 1; k < d; k++) t -= A[k * d + i] * w[k];
    w[i] = t / A[i * d + i];
  }
  return w;
}
