import { DescentInputError, show } from "../core/errors";

/**
 * Shared checks for schedule options, run once when a schedule is made. Range errors use the
 * same wording as src/core/validate.ts ("NAME must be RANGE, got VALUE").
 */

/** Rejects option names a schedule does not read, so a typo (`stepsize`) is not silently ignored. */
export function rejectUnknownOptions(
  schedule: string,
  options: object,
  accepts: readonly string[],
): void {
  for (const key of Object.keys(options)) {
    if (!accepts.includes(key)) {
      throw new RangeError(
        `unknown option ${show(key)} for schedule ${show(schedule)}; it accepts ${accepts.join(", ")}`,
      );
    }
  }
}

/** 0 < x <= 1: a decay factor (gamma = 1 means "no decay"; gamma = 0 would zero the rate). */
export function decayFactor(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value > 0 && value <= 1)) {
    throw new RangeError(`${name} must be a number in (0, 1], got ${show(value)}`);
  }
  return value;
}

/** The floor of an annealing schedule may not exceed its starting rate, or it would "anneal" upward. */
export function notAbove(name: string, value: number, limitName: string, limit: number): number {
  if (value > limit) {
    throw new RangeError(`${name} must be <= ${limitName} (${show(limit)}), got ${show(value)}`);
  }
  return value;
}

/**
 * The update index passed to `at(t)`: a finite number >= 0. Checked on every call because it is
 * one comparison, and a NaN here would otherwise turn into a NaN learning rate far away.
 */
export function checkT(t: number): void {
  if (!(t >= 0) || t === Infinity) {
    throw new RangeError(`t must be a finite number >= 0, got ${show(t)}`);
  }
}

/** Thrown by `createSchedule` and `scheduleInfo` for a name that is not a schedule. */
export function unknownSchedule(name: unknown, names: readonly string[]): never {
  throw new DescentInputError(
    `unknown schedule ${show(name)}; expected one of ${names.map((n) => show(n)).join(", ")}`,
  );
}
