/**
 * Exercise 01: the gradient-descent step.
 *
 * The basic update of the course (lesson 00):
 *
 *     theta = theta - eta * grad J(theta)
 *
 * Task: implement `sgdStep`. It updates `params` IN PLACE from `grad` (the gradient at params)
 * and returns nothing. `state` is unused by plain SGD (it is there so every optimizer exercise has
 * the same signature as the library's `step`). Do not modify `grad`.
 *
 * Check it in a notebook with `check("sgd", sgdStep)`, or run `npx descent grade exercises/01-sgd.ts`.
 */
export interface SgdHyper {
  /** eta, the learning rate. */
  lr: number;
}

export function sgdStep(params: Float64Array, grad: Float64Array, state: { t: number }, hyper: SgdHyper): void {
  throw new Error("TODO");
}
