import { DescentInputError, show } from "../core/errors";
import type { Objective } from "../problems/objective";

/**
 * The Hessian of an Objective at theta by central differences of its analytic gradient:
 *
 * $$H_{ij} \approx \frac{\partial_i J(\theta + h e_j) - \partial_i J(\theta - h e_j)}{2h},
 *   \qquad H \leftarrow \tfrac12\left(H + H^\top\right)$$
 *
 * Differencing the gradient (not the value) keeps the error O(h^2) with one difference per column,
 * and symmetrising removes the rounding asymmetry so the eigenvalues are real. The lessons use it
 * to classify critical points (notebook 02): all eigenvalues > 0 is a minimum, < 0 a maximum, both
 * signs a saddle. The step is scaled per coordinate, h_j = h * max(1, |theta_j|).
 *
 * Returns the n x n matrix row-major (n = objective.dim). Allocates: for analysis, not hot loops.
 */
export function hessian(objective: Objective, theta: ArrayLike<number>, h: number = 1e-5): Float64Array {
  const n = objective.dim;
  if (theta.length !== n) {
    throw new DescentInputError(`hessian: theta must have ${n} entries for "${objective.name}", got ${theta.length}`);
  }
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(theta[j])) throw new DescentInputError(`hessian: theta[${j}] must be a finite number, got ${show(theta[j])}`);
  }
  if (typeof h !== "number" || !(h > 0) || !Number.isFinite(h)) {
    throw new RangeError(`hessian: step h must be a finite number > 0, got ${show(h)}`);
  }
  const H = new Float64Array(n * n);
  const point = Float64Array.from(theta);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const hj = h * Math.max(1, Math.abs(theta[j]));
    point[j] = theta[j] + hj;
    objective.valueAndGradient(point, plus);
    point[j] = theta[j] - hj;
    objective.valueAndGradient(point, minus);
    point[j] = theta[j];
    for (let i = 0; i < n; i++) H[i * n + j] = (plus[i] - minus[i]) / (2 * hj);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  }
  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(H[k])) {
      throw new DescentInputError(`hessian: the gradient of "${objective.name}" is not finite near theta = ${show(Array.from(theta))}`);
    }
  }
  return H;
}
