/** DELIBERATELY WRONG early stopping rules (catalogue, see run-mutant.ts). */

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
