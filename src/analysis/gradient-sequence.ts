import { DescentInputError, show } from "../core/errors";
import type { Optimizer } from "../optimizers/optimizer";

/**
 * Runs an optimizer on gradients you choose step by step, not on an objective: update t
 * (1-based, as the optimizers count) is
 *
 * $$g_t = \texttt{gradientAt}(t, \theta_{t-1}), \qquad \theta_t = \mathrm{step}(\theta_{t-1}, g_t, \eta)$$
 *
 * For the lessons' thought experiments that no loss produces: a gradient that flips sign every
 * step, $(-1)^t$; a thousand tiny gradients followed by one large one; a gradient that does not
 * depend on $\theta$ at all. Returns every iterate and every step $\theta_{t-1} - \theta_t$.
 */
export function runOnGradients(
  optimizer: Optimizer,
  x0: ArrayLike<number>,
  gradientAt: (t: number, theta: Float64Array) => ArrayLike<number>,
  steps: number,
): { trajectory: Float64Array[]; steps: Float64Array[] } {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
    throw new DescentInputError(`runOnGradients: expected an optimizer from src/optimizers, got ${show(optimizer)}`);
  }
  if (typeof gradientAt !== "function") throw new DescentInputError(`runOnGradients: gradientAt must be a function (t, theta) => gradient, got ${show(gradientAt)}`);
  if (!Number.isInteger(steps) || steps < 0) throw new DescentInputError(`runOnGradients: steps must be an integer >= 0, got ${show(steps)}`);
  const theta = Float64Array.from(x0);
  const state = optimizer.init(theta);
  const grad = new Float64Array(theta.length);
  const trajectory = [Float64Array.from(theta)];
  const moves: Float64Array[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = gradientAt(t, Float64Array.from(theta));
    if (g === null || typeof g !== "object" || g.length !== theta.length) {
      throw new DescentInputError(`runOnGradients: gradientAt(${t}) must return ${theta.length} numbers, got ${show(g)}`);
    }
    for (let i = 0; i < grad.length; i++) {
      if (!Number.isFinite(g[i])) throw new DescentInputError(`runOnGradients: gradientAt(${t}) returned a non-finite entry ${show(g[i])} at ${i}`);
      grad[i] = g[i];
    }
    const before = Float64Array.from(theta);
    optimizer.step(theta, grad, state);
    trajectory.push(Float64Array.from(theta));
    moves.push(before.map((b, i) => b - theta[i]));
  }
  return { trajectory, steps: moves };
}
