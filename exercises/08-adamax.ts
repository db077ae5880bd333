/**
 * Exercise 08: AdaMax (lesson 09), Adam with the infinity norm in place of v:
 *
 *     m_t   = beta1 * m_{t-1} + (1 - beta1) * g_t,    m_hat = m_t / (1 - beta1^t)
 *     u_t   = max(beta2 * u_{t-1}, |g_t|)
 *     theta = theta - eta / u_t * m_hat
 *
 * (No epsilon: the grader's gradients are never all zero.) t is 1 on the first call.
 *
 * Task: implement `adamaxStep`: update `params`, `state.m`, `state.u` and `state.t` IN PLACE
 * (zeros and t = 0 at the start; the same `state` object at every call).
 *
 * Check: `check("adamax", adamaxStep)`, or `npx descent grade exercises/08-adamax.ts`.
 */
export interface AdamaxState {
  m: Float64Array;
  u: Float64Array;
  t: number;
}

export interface AdamaxHyper {
  lr: number;
  beta1: number;
  beta2: number;
}

export function adamaxStep(params: Float64Array, grad: Float64Array, state: AdamaxState, hyper: AdamaxHyper): void {
  throw new Error("TODO");
}
