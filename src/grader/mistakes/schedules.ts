/**
 * DELIBERATELY WRONG schedules (catalogue, see run-mutant.ts).
 */

/** Step decay without the floor: a smooth exponential decay gamma^(t / s). */
export function stepDecayNoFloor(t: number, lr: number, gamma: number, stepSize: number): number {
  return lr * Math.pow(gamma, t / stepSize);
}

/** Step decay one update early: gamma^floor((t + 1) / s). */
export function stepDecayEarly(t: number, lr: number, gamma: number, stepSize: number): number {
  return lr * Math.pow(gamma, Math.floor((t + 1) / stepSize));
}

/** SGDR without restarts: one cosine over the first cycle's length, continued past it. */
export function sgdrNoRestart(t: number, lr: number, t0: number, _tMult: number, lrMin: number): number {
  return lrMin + 0.5 * (lr - lrMin) * (1 + Math.cos((Math.PI * t) / t0));
}
