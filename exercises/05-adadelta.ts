/**
 * Exercise 05: Adadelta (lesson 06): no learning rate. The step is the RMS of past steps over
 * the RMS of gradients:
 *
 *     E[g^2]_t        = rho * E[g^2]_{t-1} + (1 - rho) * g_t^2
 *     delta_t         = - sqrt(E[dx^2]_{t-1} + eps) / sqrt(E[g^2]_t + eps) * g_t
 *     E[dx^2]_t       = rho * E[dx^2]_{t-1} + (1 - rho) * delta_t^2
 *     theta           = theta + delta_t
 *
 * Task: implement `adadeltaStep`: update `params`, `state.Eg2` (E[g^2]) and `state.Edx2`
 * (E[dx^2]) IN PLACE. Both averages start at zero; `state` is the same object at every call.
 *
 * Check: `check("adadelta", adadeltaStep)`, or `npx descent grade exercises/05-adadelta.ts`.
 */
export interface AdadeltaState {
  Eg2: Float64Array;
  Edx2: Float64Array;
  t: number;
}

export interface AdadeltaHyper {
  rho: number;
  eps: number;
}

export function adadeltaStep(params: Float64Array, grad: Float64Array, state: AdadeltaState, hyper: AdadeltaHyper): void {
  throw new Error("TODO");
}
