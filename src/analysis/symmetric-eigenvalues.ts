import { DescentInputError, show } from "../core/errors";

/**
 * Eigenvalues of a real symmetric n x n matrix (row-major), in ascending order, by the cyclic
 * Jacobi method: each rotation J^T A J zeroes one off-diagonal pair,
 *
 * $$\tan 2\phi = \frac{2 a_{pq}}{a_{qq} - a_{pp}},$$
 *
 * and sweeps repeat until the off-diagonal mass is negligible; the diagonal is then the spectrum.
 * Chosen over a general solver because it is short, exact to rounding for the small Hessians the
 * lessons look at, and never returns complex values for a symmetric input.
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`symmetricEigenvalues: n must be an integer >= 1, got ${show(n)}`);
  if (matrix.length !== n * n) {
    throw new DescentInputError(`symmetricEigenvalues: expected ${n}x${n} = ${n * n} entries, got ${matrix.length}`);
  }
  const a = Float64Array.from(matrix);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new DescentInputError(`symmetricEigenvalues: entry (${i}, ${j}) must be finite, got ${show(v)}`);
      if (Math.abs(v - a[j * n + i]) > 1e-9 * Math.max(1, Math.abs(v))) {
        throw new DescentInputError(`symmetricEigenvalues: the matrix is not symmetric at (${i}, ${j}): ${v} vs ${a[j * n + i]}`);
      }
      scale = Math.max(scale, Math.abs(v));
    }
  }
  const tol = 1e-15 * Math.max(scale, Number.MIN_VALUE);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = Math.max(off, Math.abs(a[p * n + q]));
    if (off <= tol) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) <= tol) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        // The smaller rotation angle, written to avoid cancellation.
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // Columns p and q: A <- A J.
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // Rows p and q: A <- J^T A.
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  const eig = new Float64Array(n);
  for (let i = 0; i < n; i++) eig[i] = a[i * n + i];
  return eig.sort();
}
