import { DescentInputError, show } from "../core/errors";

/**
 * Closed forms for gradient descent and heavy-ball momentum on a quadratic whose Hessian has
 * eigenvalues in $[\mu, L]$, condition number $\kappa = L/\mu$ (Polyak, 1964; Goh, "Why Momentum
 * Really Works", Distill 2017). The error along eigendirection $\lambda$ evolves by
 * `iterationMatrix` (iteration-matrix.ts); these are the values that make it shrink fastest.
 *
 * Gradient descent, factor $1 - \eta\lambda$, stable for $0 < \eta < 2/L$; the best single rate
 * balances both ends, $1 - \eta\mu = -(1 - \eta L)$:
 *
 * $$\eta^\star = \frac{2}{\mu + L}, \qquad \rho^\star = \frac{\kappa - 1}{\kappa + 1}$$
 *
 * Momentum: stable for $0 < \eta\lambda < 2(1 + \gamma)$ on every direction; its best pair
 * (both ends critically damped, $\rho = \sqrt\gamma$ everywhere):
 *
 * $$\eta^\star = \frac{4}{(\sqrt L + \sqrt\mu)^2}, \qquad
 *   \gamma^\star = \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2, \qquad
 *   \rho^\star = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}$$
 *
 * At a FIXED $\eta$ (with $\eta L < 2(1+\gamma)$), direction $\lambda$ rings (complex eigenvalues, radius
 * $\sqrt\gamma$) once $\gamma \ge (1 - \sqrt{\eta\lambda})^2$, so the best momentum is the one that just
 * critically damps the slowest direction: $\gamma = \max_\lambda (1 - \sqrt{\eta\lambda})^2$.
 *
 * NAG's stability edge: $\eta\lambda < \dfrac{2(1+\gamma)}{1 + 2\gamma}$ (from $1 + \operatorname{tr} M + \det M > 0$
 * with $\operatorname{tr} M = (1+\gamma)(1-\eta\lambda)$, $\det M = \gamma(1-\eta\lambda)$).
 */
function curvatureRange(mu: unknown, L: unknown): { mu: number; L: number } {
  if (typeof mu !== "number" || typeof L !== "number" || !(mu > 0) || !(L >= mu) || !Number.isFinite(L)) {
    throw new DescentInputError(`expected curvatures 0 < mu <= L (finite), got mu = ${show(mu)}, L = ${show(L)}`);
  }
  return { mu, L };
}

/** Gradient descent's best rate 2/(mu + L) and its factor (kappa - 1)/(kappa + 1). */
export function gdOptimal(mu: number, L: number): { lr: number; rate: number } {
  const c = curvatureRange(mu, L);
  const kappa = c.L / c.mu;
  return { lr: 2 / (c.mu + c.L), rate: (kappa - 1) / (kappa + 1) };
}

/** Heavy-ball momentum's best (eta*, gamma*) and its factor rho* = sqrt(gamma*). */
export function momentumOptimal(mu: number, L: number): { lr: number; momentum: number; rate: number } {
  const c = curvatureRange(mu, L);
  const rk = Math.sqrt(c.L / c.mu);
  const rate = (rk - 1) / (rk + 1);
  return { lr: 4 / (Math.sqrt(c.L) + Math.sqrt(c.mu)) ** 2, momentum: rate * rate, rate };
}

/** The best momentum at a fixed lr: max over the ends of (1 - sqrt(lr lambda))^2 (lr <= 1/mu assumed checked). */
export function bestMomentumAtLr(lr: number, mu: number, L: number): number {
  const c = curvatureRange(mu, L);
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) throw new DescentInputError(`lr must be a positive number, got ${show(lr)}`);
  return Math.max((1 - Math.sqrt(lr * c.mu)) ** 2, (1 - Math.sqrt(lr * c.L)) ** 2);
}

/** The largest stable lr on curvature L: 2/L (gd), 2(1+gamma)/L (momentum), 2(1+gamma)/((1+2 gamma) L) (nesterov). */
export function stabilityEdge(method: "gd" | "momentum" | "nesterov", gamma: number, L: number): number {
  if (typeof L !== "number" || !(L > 0) || !Number.isFinite(L)) throw new DescentInputError(`L must be a positive number, got ${show(L)}`);
  if (method === "gd") return 2 / L;
  if (typeof gamma !== "number" || !(gamma >= 0 && gamma < 1)) throw new DescentInputError(`momentum (gamma) must be in [0, 1), got ${show(gamma)}`);
  if (method === "momentum") return (2 * (1 + gamma)) / L;
  if (method === "nesterov") return (2 * (1 + gamma)) / ((1 + 2 * gamma) * L);
  throw new DescentInputError(`method must be "gd", "momentum" or "nesterov", got ${show(method)}`);
}

/**
 * Steps until a rate rho shrinks a loss from J0 to below tol, counting the loss as J0 rho^{2t}
 * (the loss is quadratic in the error): ceil(ln(J0/tol) / (-2 ln rho)). A lower bound in spirit:
 * at critical damping a factor t multiplies rho^t and the real count is larger.
 */
export function stepsForRate(rate: number, J0: number, tol: number): number {
  if (!(rate > 0 && rate < 1)) throw new DescentInputError(`rate must be in (0, 1), got ${show(rate)}`);
  if (!(J0 > 0) || !(tol > 0)) throw new DescentInputError(`J0 and tol must be positive, got ${show(J0)} and ${show(tol)}`);
  return Math.max(0, Math.ceil(Math.log(J0 / tol) / (-2 * Math.log(rate))));
}
