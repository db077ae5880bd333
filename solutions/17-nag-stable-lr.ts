/**
 * Exercise 17 (derive and predict, lesson 04; graded numerically): the largest stable learning rate of
 * Nesterov's method.
 *
 * On the long valley J(x, y) = (x^2 + 50 y^2) / 2, Nesterov accelerated gradient with gamma = 0.9
 * (notebook 04) converges for small eta and diverges for large eta. Return the threshold.
 *
 * Derive it: on one eigendirection with curvature lambda and h = eta * lambda, one NAG step is a
 * 2x2 matrix M with trace (1 + gamma)(1 - h) and determinant gamma (1 - h). Both eigenvalues are
 * inside the unit circle exactly when |det M| < 1, 1 - tr M + det M > 0 and 1 + tr M + det M > 0.
 * Which direction of the valley breaks first, and at which eta?
 *
 * Graded by running the library's NAG at 0.95x and 1.05x your value (visible), 0.99x and 1.01x
 * (hidden): it must converge just below and not just above.
 *
 * Check: `check("nag-stable-lr", nagLargestStableLr)`, or `npx descent grade exercises/17-nag-stable-lr.ts`.
 */
export function nagLargestStableLr(): number {
  // 1 + tr M + det M = 1 + (1 + 2 gamma)(1 - h) > 0  <=>  h < 2 (1 + gamma) / (1 + 2 gamma); the steep direction (lambda = 50) breaks first.
  const gamma = 0.9;
  return (2 * (1 + gamma)) / ((1 + 2 * gamma) * 50);
}
