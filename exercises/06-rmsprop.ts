/**
 * Exercise 06: RMSprop, equation (12) (lesson 07), epsilon INSIDE the root as the course writes it:
 *
 *     E[g^2]_t = gamma * E[g^2]_{t-1} + (1 - gamma) * g_t^2          (12)
 *     theta    = theta - eta / sqrt(E[g^2]_t + eps) * g_t
 *
 * Task: implement `rmspropStep`: update `params` and `state.Eg2` IN PLACE (zeros at the start;
 * `state` is the same object at every call). Do not modify `grad`.
 *
 * Check: `check("rmsprop", rmspropStep)`, or `npx descent grade exercises/06-rmsprop.ts`.
 */
export interface RmspropState {
  Eg2: Float64Array;
  t: number;
}

export interface RmspropHyper {
  lr: number;
  /** gamma, the decay of the running average (the course suggests 0.9) */
  gamma: number;
  eps: number;
}

export function rmspropStep(params: Float64Array, grad: Float64Array, state: RmspropState, hyper: RmspropHyper): void {
  throw new Error("TODO");
}
