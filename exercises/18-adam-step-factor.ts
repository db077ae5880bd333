/**
 * Exercise 18 (derive and predict, lesson 08): Adam's step without bias correction.
 *
 * Feed Adam (eqs. (13) and (15), notebook 08) the same gradient g at every step, with m_0 = v_0 = 0,
 * and leave out the bias correction (14): the step is eta m_t / (sqrt(v_t) + eps). Ignoring eps,
 * how long is the step after t gradients, in units of eta? (With the correction it is exactly 1.)
 *
 * Task: return that length for the given beta1, beta2 and t (t = 1 is the first step). It does
 * not depend on g: say why.
 *
 * Check: `check("adam-step-factor", uncorrectedStep)`, or `npx descent grade exercises/18-adam-step-factor.ts`.
 */
export function uncorrectedStep(beta1: number, beta2: number, t: number): number {
  throw new Error("TODO");
}
