import type { Vec } from "../core/vector";

/**
 * Every objective's `valueAndGradient(theta, out)` writes `dim` numbers into `out`. A shorter
 * array would be half-written in silence (typed arrays ignore writes past their end), so its length
 * is checked once per call: one comparison, no allocation.
 */
export function checkGradientOut(name: string, dim: number, out: Vec): void {
  if (out?.length !== dim) {
    const got = out === undefined || out === null ? String(out) : `length ${String(out.length)}`;
    throw new RangeError(`${name}: the gradient output array must have length ${dim} (one entry per parameter), got ${got}`);
  }
}
