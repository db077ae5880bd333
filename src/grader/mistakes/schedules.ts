import { cut } from "../exercise";

/**
 * DELIBERATELY WRONG schedules and helpers (catalogue, see run-mutant.ts).
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

/** Mini-batches of a shuffle whose swap index skips i itself (Sattolo's cycle, not Fisher-Yates). */
export function sattoloBatches(n: number, batchSize: number, random: () => number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return cut(order, batchSize, true);
}

/**
 * Early stopping that counts "no worse" as an improvement (<= instead of <), or that stops one
 * epoch late (after patience + 1 epochs without improvement), or that reports the last epoch as
 * the best one.
 */
export function earlyStoppingMutant(
  losses: readonly number[],
  patience: number,
  minDelta: number,
  kind: "non-strict" | "late" | "best-is-last",
): { stopEpoch: number | null; bestEpoch: number } {
  let best = Infinity;
  let bestEpoch = 0;
  let since = 0;
  for (let e = 0; e < losses.length; e++) {
    const improved = kind === "non-strict" ? losses[e] <= best - minDelta : losses[e] < best - minDelta;
    if (e === 0 || improved) {
      best = losses[e];
      bestEpoch = e;
      since = 0;
    } else {
      since++;
    }
    if (kind === "late" ? since > patience : since >= patience) {
      return { stopEpoch: e, bestEpoch: kind === "best-is-last" ? e : bestEpoch };
    }
  }
  return { stopEpoch: null, bestEpoch: kind === "best-is-last" ? losses.length - 1 : bestEpoch };
}

/** Gradient noise with sigma^2 used as the standard deviation, or one draw shared by all coordinates. */
export function noiseMutant(
  grad: readonly number[],
  t: number,
  eta: number,
  gamma: number,
  normal: () => number,
  kind: "variance-as-std" | "shared-draw",
): number[] {
  const variance = eta / Math.pow(1 + t, gamma);
  if (kind === "variance-as-std") return grad.map((g) => g + variance * normal());
  const z = normal();
  return grad.map((g) => g + Math.sqrt(variance) * z);
}
