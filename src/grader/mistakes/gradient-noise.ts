/** DELIBERATELY WRONG gradient noise (catalogue, see run-mutant.ts). */

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
