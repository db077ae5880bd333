/**
 * Exercise 04: Adagrad (lesson 05), as the course writes it (elementwise, epsilon INSIDE the root):
 *
 *     G_t   = G_{t-1} + g_t^2
 *     theta = theta - eta / sqrt(G_t + eps) * g_t
 *
 * G is the sum of the squares of all past gradients, per coordinate.
 *
 * Task: implement `adagradStep`: update `params` and `state.G` IN PLACE (G starts at zero and
 * `state` is the same object at every call). Do not modify `grad`.
 *
 * Check: `check("adagrad", adagradStep)`, or `npx descent grade exercises/04-adagrad.ts`.
 */
export interface AdagradState {
  G: Float64Array;
  t: number;
}

export interface AdagradHyper {
  lr: number;
  eps: number;
}

export function adagradStep(params: Float64Array, grad: Float64Array, state: AdagradState, hyper: AdagradHyper): void {
  throw new Error("TODO");
}
