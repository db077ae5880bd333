import { DescentInputError, show } from "./errors";

/**
 * One divergence check for every loop in the library (minimize, train, the parallel runners).
 *
 * WHY one: a run that reaches NaN or Infinity must stop the same way wherever it happens, with a
 * `stopped` record whose reason reads the same ("diverged at step 37: loss is Infinity (try a
 * smaller lr)"), so the CLI, notebooks and grader can show it without knowing which loop ran.
 * A loop checks what it already computes (the loss, a norm, the parameters) at its own cadence:
 * every step for minimize and train, every evaluation point or epoch barrier for the parallel
 * runners (their updates are too cheap to scan the whole vector after each one).
 *
 * Data are checked once, up front (`requireFiniteData`), so that NaN in y is reported as bad
 * data, naming the field and index, instead of as a learning rate that is too large.
 */

/** Why and where a run stopped early. `step` counts in the loop's own unit (step, update, tick, epoch). */
export interface Stopped {
  readonly step: number;
  readonly reason: string;
}

/** Index of the first NaN or +-Infinity in `v`, or -1 when every entry is finite. */
export function firstNonFinite(v: ArrayLike<number>): number {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

/**
 * What is not finite, in the words every reason uses: "parameter 3 is NaN", "loss is Infinity",
 * "gradient norm is NaN"; null when all given values are finite. Parameters are scanned first
 * (O(dim)); `loss` and `norm` are optional scalars the caller already has.
 */
export function nonFiniteProblem(params: ArrayLike<number> | null, loss?: number, norm?: number, paramName = "parameter"): string | null {
  if (params !== null) {
    const bad = firstNonFinite(params);
    if (bad >= 0) return `${paramName} ${bad} is ${params[bad]}`;
  }
  if (loss !== undefined && !Number.isFinite(loss)) return `loss is ${loss}`;
  if (norm !== undefined && !Number.isFinite(norm)) return `gradient norm is ${norm}`;
  return null;
}

/** The hint: before any update the learning rate cannot be the cause. */
export function divergenceHint(updatesMade: number): string {
  return updatesMade === 0 ? "check the start point and the data" : "try a smaller lr";
}

/** The one reason format: "diverged <where>: <problem> (<hint>)". */
export function divergenceReason(where: string, problem: string, hint: string): string {
  return `diverged ${where}: ${problem} (${hint})`;
}

/** A `Stopped` record for divergence found at `step` (in the loop's unit), `where` e.g. "at tick 40". */
export function diverged(step: number, where: string, problem: string, updatesMade: number): Stopped {
  return { step, reason: divergenceReason(where, problem, divergenceHint(updatesMade)) };
}

/**
 * Throws a DescentInputError naming the data set, the field and the first index whose value is
 * NaN or infinite, e.g. `data "blobs": X[7] (example 3, feature 1) must be finite, got NaN`.
 * `width` (> 1 for a row-major matrix) adds the example and feature of the index. O(length), so
 * call it once per data set (src/data/check.ts caches it).
 */
export function requireFiniteData(what: string, field: string, values: ArrayLike<number>, width = 1): void {
  const bad = firstNonFinite(values);
  if (bad < 0) return;
  const where = width > 1 ? ` (example ${Math.floor(bad / width)}, feature ${bad % width})` : "";
  throw new DescentInputError(`${what}: ${field}[${bad}]${where} must be finite, got ${show(values[bad])}`);
}
