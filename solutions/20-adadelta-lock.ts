/**
 * Exercise 20 (derive and predict, lesson 06): where Adadelta locks.
 *
 * Adadelta (notebook 06) has no learning rate: its step is -(RMS[dtheta]_{t-1} / RMS[g]_t) g_t. On a
 * steep direction, J = h theta^2 / 2, the measured ratio RMS[dtheta]/RMS[g] grows and then stops at
 * a fixed value, and the loss stops decreasing: the iterate flips between theta and -theta.
 *
 * Task: return that ratio as a function of the curvature h. Derive it from the flip: how long is
 * the step from theta to -theta, and how large is the gradient there? (Compare with the largest
 * stable learning rate of gradient descent on that direction.)
 *
 * Graded against the library's Adadelta (rho 0.9, eps 1e-6), run 20,000 steps from theta = 1,
 * within 0.1 %.
 *
 * Check: `check("adadelta-lock", adadeltaLockRatio)`, or `npx descent grade exercises/20-adadelta-lock.ts`.
 */
export function adadeltaLockRatio(h: number): number {
  // Flipping theta -> -theta: |dtheta| = 2|theta| while |g| = h|theta|, at every step, so the RMS ratio is 2/h.
  return 2 / h;
}
