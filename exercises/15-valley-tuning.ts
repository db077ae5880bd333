/**
 * Exercise 15 (analysis, graded numerically): tune Momentum for the long valley.
 *
 * The long valley (lesson 03) is J(x, y) = (x^2 + 50 y^2) / 2, condition number 50, started at
 * (-1.8, 0.5). Gradient descent must keep eta < 2/50 to stay stable across the valley and then
 * crawls along it. Choose eta (lr) and gamma (momentum) for Momentum, eq. (1), so that after 100
 * steps the iterate is within 1e-6 of the minimum (0, 0).
 *
 * Explore in notebook 03 (or with `npx descent run --problem long-valley --optimizer momentum
 * --lr ... --momentum ... --steps 100`), then return your choice.
 *
 * Graded by running the library's momentum on the valley with your numbers: within 1e-2, 1e-4
 * (visible) and 1e-6 (hidden) after 100 steps.
 *
 * Check: `check("valley-tuning", valleySettings)`, or `npx descent grade exercises/15-valley-tuning.ts`.
 */
export function valleySettings(): { lr: number; momentum: number } {
  throw new Error("TODO");
}
