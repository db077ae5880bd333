/**
 * Exercise 16 (analysis, graded numerically): the largest stable learning rate.
 *
 * On the long valley J(x, y) = (x^2 + 50 y^2) / 2 (condition number 50), plain gradient descent
 * theta = theta - eta * grad J converges for small eta and diverges for large eta. Find the
 * threshold: the largest eta for which it still converges. Derive it (each coordinate is
 * multiplied by (1 - eta * curvature) per step) or measure it with a sweep in notebook 02.
 *
 * Graded by running the library's gradient descent at 0.95x and 1.05x your value (visible), and
 * at 0.99x and 1.01x (hidden): it must converge just below and not just above.
 *
 * Check: `check("stable-lr", largestStableLr)`, or `npx descent grade exercises/16-stable-lr.ts`.
 */
export function largestStableLr(): number {
  throw new Error("TODO");
}
