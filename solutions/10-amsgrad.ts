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
  const { lr, beta1, beta2, eps } = hyper;
  state.t += 1;
  for (let i = 0; i < params.length; i++) {
    const g = grad[i];
    state.m[i] = beta1 * state.m[i] + (1 - beta1) * g;
    state.v[i] = beta2 * state.v[i] + (1 - beta2) * g * g;
    state.vHat[i] = Math.max(state.vHat[i], state.v[i]);
    params[i] -= (lr / (Math.sqrt(state.vHat[i]) + eps)) * state.m[i];
  }
}
