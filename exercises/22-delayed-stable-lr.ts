/**
 * Exercise 22 (derive and predict, lesson 13): the largest stable learning rate with stale gradients.
 *
 * In asynchronous SGD (notebook 13) a gradient is applied tau steps after it was read. On
 * J(w) = w^2 / 2 (curvature 1) that is the recursion
 *
 *     w_{t+1} = w_t - eta * w_{t - tau}
 *
 * With tau = 0 it is gradient descent, stable for eta < 2. Task: return the largest stable eta for
 * a given delay tau (an integer >= 0).
 *
 * Derive it: try w_t = z^t, which gives z^{tau+1} - z^tau + eta = 0. It is stable while every root
 * has |z| < 1; at the edge a root sits on the unit circle, z = e^{i omega}. For tau = 1 this is a 2x2
 * matrix, as in notebook 03; for general tau, compare the modulus and the angle of both sides of
 * z^tau (z - 1) = -eta.
 *
 * Graded by running the library's delayed SGD (`runDelayedSgd`) at 0.95x and 1.05x your value
 * (visible, tau = 1 and 4) and 0.99x and 1.01x (hidden, larger tau).
 *
 * Check: `check("delayed-stable-lr", delayedStableLr)`, or `npx descent grade exercises/22-delayed-stable-lr.ts`.
 */
export function delayedStableLr(tau: number): number {
  throw new Error("TODO");
}
