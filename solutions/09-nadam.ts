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
    const lookAhead = beta1 * mHat + ((1 - beta1) * g) / bc1;
    params[i] -= (lr / (Math.sqrt(vHat) + eps)) * lookAhead;
  }
}
