/**
 * Exercise 07: Adam with bias correction, equations (13)-(15) (lesson 08):
 *
 *     m_t = beta1 * m_{t-1} + (1 - beta1) * g_t                      (13)
 *     v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 *     m_hat = m_t / (1 - beta1^t),   v_hat = v_t / (1 - beta2^t)     (14)
 *     theta = theta - eta / (sqrt(v_hat) + eps) * m_hat              (15)
 *
 * t is the number of this step: 1 on the first call.
 *
 * Task: implement `adamStep`: update `params`, `state.m`, `state.v` and the step counter
 * `state.t` IN PLACE. The grader creates `state` once ({ m: zeros, v: zeros, t: 0 }) and passes
 * the same object to every call. Do not modify `grad`.
 *
 * Check: `check("adam", adamStep)`, or `npx descent grade exercises/07-adam.ts`.
 */
export interface AdamState {
  m: Float64Array;
  v: Float64Array;
  /** Steps taken before this call (0 at the start). */
  t: number;
}

export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export function adamStep(params: Float64Array, grad: Float64Array, state: AdamState, hyper: AdamHyper): void {
  const { lr, beta1, beta2, eps } = hyper;
  state.t += 1;
  const bc1 = 1 - Math.pow(beta1, state.t);
  const bc2 = 1 - Math.pow(beta2, state.t);
  for (let i = 0; i < params.length; i++) {
    const g = grad[i];
    state.m[i] = beta1 * state.m[i] + (1 - beta1) * g;
    state.v[i] = beta2 * state.v[i] + (1 - beta2) * g * g;
    const mHat = state.m[i] / bc1;
    const vHat = state.v[i] / bc2;
    params[i] -= (lr / (Math.sqrt(vHat) + eps)) * mHat;
  }
}
