/**
 * Exercise 03: Nesterov accelerated gradient (lesson 04).
 *
 * Momentum first looks where it is about to go, theta - gamma * v_{t-1}, and takes the gradient
 * THERE:
 *
 *     v_t   = gamma * v_{t-1} + eta * grad J(theta - gamma * v_{t-1})
 *     theta = theta - v_t
 *
 * Task: implement `nesterovStep`. You get a function `gradAt(x)` that returns the gradient of J
 * at any point x (a new Float64Array); call it at the look-ahead point. Update `params` (theta)
 * and `state.v` IN PLACE; `state` is the same object at every call, v starts at zero.
 *
 * Check: `check("nesterov", nesterovStep)` in a notebook, or `npx descent grade exercises/03-nesterov.ts`.
 */
export interface NesterovState {
  v: Float64Array;
  t: number;
}

export interface NesterovHyper {
  lr: number;
  gamma: number;
}

export function nesterovStep(
  params: Float64Array,
  gradAt: (x: Float64Array) => Float64Array,
  state: NesterovState,
  hyper: NesterovHyper,
): void {
  const { lr, gamma } = hyper;
  const lookAhead = new Float64Array(params.length);
  for (let i = 0; i < params.length; i++) lookAhead[i] = params[i] - gamma * state.v[i];
  const g = gradAt(lookAhead);
  for (let i = 0; i < params.length; i++) {
    state.v[i] = gamma * state.v[i] + lr * g[i];
    params[i] -= state.v[i];
  }
}
