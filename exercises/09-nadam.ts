/**
 * Exercise 09: Nadam (lesson 09), Adam with a Nesterov look-ahead on the first moment. With m_t,
 * v_t, m_hat and v_hat as in Adam, equations (13)-(14):
 *
 *     theta = theta - eta / (sqrt(v_hat) + eps) * (beta1 * m_hat + (1 - beta1) * g_t / (1 - beta1^t))
 *
 * t is 1 on the first call.
 *
 * Task: implement `nadamStep`: update `params`, `state.m`, `state.v` and `state.t` IN PLACE.
 *
 * Check: `check("nadam", nadamStep)`, or `npx descent grade exercises/09-nadam.ts`.
 */
export interface NadamState {
  m: Float64Array;
  v: Float64Array;
  t: number;
}

export interface NadamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
}

export function nadamStep(params: Float64Array, grad: Float64Array, state: NadamState, hyper: NadamHyper): void {
  throw new Error("TODO");
}
