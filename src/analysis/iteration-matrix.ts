import { DescentInputError, show } from "../core/errors";

/**
 * One eigendirection of a quadratic, as a linear map. On $J(\theta) = \tfrac12 \lambda \theta^2$
 * (one eigenvalue $\lambda$ of the Hessian, error $e = \theta - \theta^\star$) every method of
 * notebooks 00 to 04 is linear in its state, so one step is a matrix $M$ and $t$ steps are $M^t$.
 * With $h = \eta\lambda$:
 *
 * $$\text{GD: } e_{t+1} = (1 - h)\,e_t$$
 *
 * $$\text{momentum: }\begin{pmatrix}e_{t+1}\\ v_{t+1}\end{pmatrix} =
 *   \begin{pmatrix}1 - h & -\gamma\\ h & \gamma\end{pmatrix}\begin{pmatrix}e_t\\ v_t\end{pmatrix},
 *   \qquad \operatorname{tr} M = 1 + \gamma - h,\ \det M = \gamma$$
 *
 * $$\text{NAG (stored at the look-ahead point } \phi\text{): }
 *   M = \begin{pmatrix}1 - (1+\gamma)h & -\gamma^2\\ h & \gamma\end{pmatrix},
 *   \qquad \operatorname{tr} M = (1 + \gamma)(1 - h),\ \det M = \gamma(1 - h)$$
 *
 * (the velocity $v$ is measured in units of $\theta$, as in equation (1): $v_t = \gamma v_{t-1} + \eta g_t$,
 * $v_0 = 0$). These are exactly the library's `sgd`, `momentum` and `nesterov` (seed convention)
 * on that direction, so `M^t` applied to $(e_0, 0)$ predicts a run step for step. The error
 * shrinks like $\rho(M)^t$, the spectral radius: the larger root of $z^2 - (\operatorname{tr} M) z + \det M = 0$ in size.
 */
export type LinearMethod = "gd" | "momentum" | "nesterov";

export type Matrix2 = readonly [readonly [number, number], readonly [number, number]];

/** The two roots of z^2 - tr z + det (complex when the discriminant is negative). */
export interface Roots2 {
  readonly re: readonly [number, number];
  readonly im: readonly [number, number];
}

function finite(what: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new DescentInputError(`${what} must be a finite number, got ${show(value)}`);
  }
  return value;
}

function checkGamma(method: LinearMethod, gamma: number): number {
  if (method === "gd") return 0;
  const g = finite("momentum (gamma)", gamma);
  if (g < 0 || g >= 1) throw new DescentInputError(`momentum (gamma) must be in [0, 1), got ${show(gamma)}`);
  return g;
}

/** The iteration matrix of `method` on one eigendirection with curvature lambda (GD: [[1 - h, 0], [0, 0]]). */
export function iterationMatrix(method: LinearMethod, lr: number, gamma: number, curvature: number): Matrix2 {
  if (method !== "gd" && method !== "momentum" && method !== "nesterov") {
    throw new DescentInputError(`method must be "gd", "momentum" or "nesterov", got ${show(method)}`);
  }
  const h = finite("lr", lr) * finite("curvature (lambda)", curvature);
  const g = checkGamma(method, gamma);
  if (method === "gd") return [[1 - h, 0], [0, 0]];
  if (method === "momentum") return [[1 - h, -g], [h, g]];
  return [[1 - (1 + g) * h, -g * g], [h, g]];
}

/** Eigenvalues of a 2x2 matrix. */
export function matrixRoots(m: Matrix2): Roots2 {
  const tr = m[0][0] + m[1][1];
  const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  const disc = tr * tr - 4 * det;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    return { re: [(tr + s) / 2, (tr - s) / 2], im: [0, 0] };
  }
  const s = Math.sqrt(-disc);
  return { re: [tr / 2, tr / 2], im: [s / 2, -s / 2] };
}

/** rho(M) = the largest |eigenvalue|: the factor by which the error shrinks per step, in the long run. */
export function spectralRadius(m: Matrix2): number {
  const r = matrixRoots(m);
  return Math.max(Math.hypot(r.re[0], r.im[0]), Math.hypot(r.re[1], r.im[1]));
}

/** rho for method on curvature lambda: shorthand for spectralRadius(iterationMatrix(...)). */
export function convergenceFactor(method: LinearMethod, lr: number, gamma: number, curvature: number): number {
  return spectralRadius(iterationMatrix(method, lr, gamma, curvature));
}

/**
 * What the error does on one direction, read from the eigenvalues (Distill's regions):
 * "divergent" when rho >= 1; "ripples" when they are complex (the error spirals: it oscillates
 * with an envelope rho^t); "oscillating" when the dominant one is real and negative (the sign
 * flips every step); "monotone" when it is real and positive.
 */
export type Regime = "monotone" | "ripples" | "oscillating" | "divergent";

export function regime(method: LinearMethod, lr: number, gamma: number, curvature: number): Regime {
  const m = iterationMatrix(method, lr, gamma, curvature);
  const r = matrixRoots(m);
  if (spectralRadius(m) >= 1) return "divergent";
  if (r.im[0] !== 0) return "ripples";
  const dominant = Math.abs(r.re[0]) >= Math.abs(r.re[1]) ? r.re[0] : r.re[1];
  return dominant >= 0 ? "monotone" : "oscillating";
}

/**
 * The predicted run on a quadratic with Hessian eigenvalues `curvatures` (an axis-aligned valley:
 * start[i] is the error along direction i), by powers of the iteration matrices, never by calling
 * an optimizer: loss[t] = sum_i lambda_i e_{i,t}^2 / 2 (plus `minimum`, J at the optimum).
 */
export function predictQuadraticRun(options: {
  method: LinearMethod;
  lr: number;
  momentum?: number;
  curvatures: readonly number[];
  start: readonly number[];
  steps: number;
  minimum?: number;
}): { errors: number[][]; loss: number[] } {
  const { method, lr, curvatures, start, steps } = options;
  if (!Array.isArray(curvatures) || !Array.isArray(start) || curvatures.length !== start.length || curvatures.length === 0) {
    throw new DescentInputError(`curvatures and start must be non-empty arrays of the same length, got ${show(curvatures)} and ${show(start)}`);
  }
  if (!Number.isInteger(steps) || steps < 0) throw new DescentInputError(`steps must be an integer >= 0, got ${show(steps)}`);
  const matrices = curvatures.map((lambda) => iterationMatrix(method, lr, options.momentum ?? 0, lambda));
  const e = start.map((x) => finite("start", x));
  const v = start.map(() => 0);
  const errors: number[][] = [e.slice()];
  const lossAt = () => curvatures.reduce((s, lambda, i) => s + 0.5 * lambda * e[i] * e[i], options.minimum ?? 0);
  const loss = [lossAt()];
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < e.length; i++) {
      const m = matrices[i];
      const ei = m[0][0] * e[i] + m[0][1] * v[i];
      v[i] = m[1][0] * e[i] + m[1][1] * v[i];
      e[i] = ei;
    }
    errors.push(e.slice());
    loss.push(lossAt());
  }
  return { errors, loss };
}
