/**
 * Exercise 14: annealed gradient noise (Neelakantan et al., 2015; lesson 14).
 *
 * At update t (counted from 0) add Gaussian noise to every coordinate of the gradient:
 *
 *     g_t = g_t + N(0, sigma_t^2),     sigma_t^2 = eta / (1 + t)^gamma
 *
 * `normal()` returns one standard normal draw N(0, 1); scale it to N(0, sigma_t^2) and draw once
 * per coordinate, in order.
 *
 * Task: implement `noisyGradient`, returning a NEW array (leave `grad` as it is).
 *
 * Check: `check("gradient-noise", noisyGradient)`, or `npx descent grade exercises/14-gradient-noise.ts`.
 */
export function noisyGradient(grad: Float64Array, t: number, eta: number, gamma: number, normal: () => number): Float64Array {
  const sigma = Math.sqrt(eta / Math.pow(1 + t, gamma));
  const out = new Float64Array(grad.length);
  for (let i = 0; i < grad.length; i++) out[i] = grad[i] + sigma * normal();
  return out;
}
