import { DescentInputError, show } from "../core/errors";

/** How a sequence approaches a target: see `overshoot`. */
export interface OvershootReport {
  /**
   * The furthest the sequence went PAST the target, on the side opposite to where it started,
   * as a fraction of the starting distance |x_0 - target| (0 when it never crossed).
   */
  readonly maxOvershoot: number;
  /** How many times the sequence changed side of the target (an exact hit counts as no side). */
  readonly crossings: number;
  /** The first index where x_k is on the other side of the target from x_0, or null. */
  readonly firstCrossing: number | null;
}

/**
 * Overshoot and oscillation of a sequence x_0, x_1, ... that should settle at `target`: with
 * e_k = x_k - target and s = sign(e_0),
 *
 * $$\text{maxOvershoot} = \max\Big(0, \max_k \frac{-s\, e_k}{|e_0|}\Big), \qquad
 *   \text{crossings} = \#\{k : \operatorname{sign} e_k \ne \operatorname{sign} e_{k'}\}$$
 *
 * where k' is the last index before k with e_{k'} != 0. The momentum lessons use it to test
 * whether Nesterov's look-ahead "slows down before the slope rises": a heavy ball rolls past the
 * bottom of a bowl and swings back; the claim is that NAG swings less.
 */
export function overshoot(values: ArrayLike<number>, target: number = 0): OvershootReport {
  if (values === null || typeof values !== "object" || typeof values.length !== "number" || values.length === 0) {
    throw new DescentInputError(`overshoot: values must be a non-empty array of numbers, got ${show(values)}`);
  }
  if (!Number.isFinite(target)) throw new DescentInputError(`overshoot: target must be a finite number, got ${show(target)}`);
  const e0 = values[0] - target;
  if (!Number.isFinite(e0)) throw new DescentInputError(`overshoot: values[0] must be finite, got ${show(values[0])}`);
  if (e0 === 0) return { maxOvershoot: 0, crossings: 0, firstCrossing: null };
  const s = Math.sign(e0);
  let worst = 0;
  let crossings = 0;
  let firstCrossing: number | null = null;
  let side = s;
  for (let k = 1; k < values.length; k++) {
    const e = values[k] - target;
    if (!Number.isFinite(e)) throw new DescentInputError(`overshoot: values[${k}] must be finite, got ${show(values[k])}`);
    const past = (-s * e) / Math.abs(e0);
    if (past > worst) worst = past;
    const sk = Math.sign(e);
    if (sk !== 0 && sk !== side) {
      crossings++;
      side = sk;
      if (firstCrossing === null && sk !== s) firstCrossing = k;
    }
  }
  return { maxOvershoot: worst, crossings, firstCrossing };
}
