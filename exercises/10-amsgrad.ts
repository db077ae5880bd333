/**
 * Exercise 10: AMSGrad (lesson 10), as the course writes it: Adam's m_t and v_t (13), the
 * running maximum of v_t, and NO bias correction:
 *
 *     v_hat_t = max(v_hat_{t-1}, v_t)
 *     theta   = theta - eta / (sqrt(v_hat_t) + eps) * m_t
 *
 * Task: implement `amsgradStep`: update `params`, `state.m`, `state.v`, `state.vHat` (and
 * `state.t` if you like) IN PLACE; all start at zero, the same `state` object at every call.
 *
 * Check: `check("amsgrad", amsgradStep)`, or `npx descent grade exercises/10-amsgrad.ts`.
 */
export interface AmsgradState {
  m: Float64Array;
  v: Float64Array;
  vHat: Float64Array;
  t: number;
}

export interface AmsgradHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export function amsgradStep(params: Float64Array, grad: Float64Array, state: AmsgradState, hyper: AmsgradHyper): void {
  throw new Error("TODO");
}
