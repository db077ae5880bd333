/**
 * Exercise 11: learning-rate schedules (lessons 02 and 15). t counts updates from 0.
 *
 * Step decay: the rate is multiplied by gamma every stepSize updates:
 *
 *     eta_t = eta * gamma^floor(t / stepSize)
 *
 * SGDR, cosine annealing with warm restarts (Loshchilov & Hutter): within a cycle of T_i updates
 *
 *     eta_t = lrMin + (lr - lrMin) * (1 + cos(pi * T_cur / T_i)) / 2
 *
 * where T_cur counts updates since the last restart. When T_cur reaches T_i the rate jumps back
 * to lr (T_cur = 0) and the next cycle is tMult times longer: T_0 = t0, T_{i+1} = T_i * tMult.
 * So restarts happen at t = t0, t0 + t0*tMult, ...
 *
 * Task: implement both functions (pure: the rate at update t).
 *
 * Check: `check("schedules", { stepDecay, sgdrRate })`, or `npx descent grade exercises/11-schedules.ts`.
 */
export function stepDecay(t: number, lr: number, gamma: number, stepSize: number): number {
  throw new Error("TODO");
}

export function sgdrRate(t: number, lr: number, t0: number, tMult: number, lrMin: number): number {
  throw new Error("TODO");
}
