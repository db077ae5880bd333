/**
 * Exercise 02: Momentum, equation (1) (lesson 03).
 *
 *     v_t   = gamma * v_{t-1} + eta * grad J(theta)        (1)
 *     theta = theta - v_t
 *
 * Task: implement `momentumStep`. Update `params` and the velocity `state.v` IN PLACE (v starts
 * at zero; the grader makes `state` once and passes the same object to every step, so whatever
 * you write into state.v is there at the next call). Do not modify `grad`.
 *
 * Check: `check("momentum", momentumStep)` in a notebook, or `npx descent grade exercises/02-momentum.ts`.
 */
export interface MomentumState {
  /** The velocity v, same length as params, zeros before the first step. */
  v: Float64Array;
  t: number;
}

export interface MomentumHyper {
  /** eta */
  lr: number;
  /** gamma, the momentum term (e.g. 0.9) */
  gamma: number;
}

export function momentumStep(params: Float64Array, grad: Float64Array, state: MomentumState, hyper: MomentumHyper): void {
  throw new Error("TODO");
}
