/**
 * Exercise 19 (derive and predict, lesson 03): momentum's best learning rate and momentum, and what they buy.
 *
 * Heavy-ball momentum (eq. (1)) on a quadratic whose Hessian has eigenvalues between mu and L
 * (notebook 03). On each eigendirection one step is a 2x2 matrix with trace 1 + gamma - eta lambda
 * and determinant gamma; its eigenvalues are complex, with modulus sqrt(gamma), once
 * (1 - sqrt(gamma))^2 <= eta lambda <= (1 + sqrt(gamma))^2.
 *
 * 1. heavyBallOptimum(mu, L): the pair (lr, momentum) that makes the slowest direction shrink as
 *    fast as possible (hint: make both ends, lambda = mu and lambda = L, sit exactly on that range).
 * 2. stepsAtOptimum(): with your pair for mu = 1, L = 100, how many steps does momentum need on the
 *    long valley J = (x^2 + 100 y^2)/2 from (-1.8, 0.5) to bring J below 1e-6? Predict it (powers
 *    of the matrix, `predictQuadraticRun` in src/analysis, or a run), within 2 steps.
 *
 * Check: `check("heavy-ball-optimum", { heavyBallOptimum, stepsAtOptimum })`, or
 * `npx descent grade exercises/19-heavy-ball-optimum.ts`.
 */
export function heavyBallOptimum(mu: number, L: number): { lr: number; momentum: number } {
  throw new Error("TODO");
}

export function stepsAtOptimum(): number {
  throw new Error("TODO");
}
