import { DescentInputError, show } from "../core/errors";

/**
 * Shared checks for schedule options, run once when a schedule is made. Range errors use the
 * same wording as src/core/validate.ts ("NAME must be RANGE, got VALUE").
 */

/**
 * Rejects option names a schedule does not read, so a typo (`stepsize`) is not silently ignored,
 * and options that are not an object (a DescentInputError naming the schedule, not a TypeError).
 */
export function rejectUnknownOptions(
  schedule: string,
  options: unknown,
  accepts: readonly string[],
): void {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new DescentInputError(`options for schedule ${show(schedule)} must be an object with at least lr, got ${show(options)}`);
  }
  // Options are read as options.lr etc.; a prototype other than Object's could supply them unseen.
  const proto: unknown = Object.getPrototypeOf(options);
  if (proto !== Object.prototype && proto !== null) {
    throw new DescentInputError(`options for schedule ${show(schedule)} must be a plain object (no prototype of its own), got one with inherited keys`);
  }
  for (const key of Object.keys(options)) {
    if (!accepts.includes(key)) {
      throw new RangeError(
        `unknown option ${show(key)} for schedule ${show(schedule)}; it accepts ${accepts.join(", ")}`,
      );
    }
  }
}

/** 0 < x <= 1: a decay factor (gamma = 1 means "no decay"; gamma = 0 would zero the rate). */
export { decayFactor } from "../core/validate";

/**
 * The learning rate a schedule gives for update t, checked: a finite number >= 0. Every library
 * schedule guarantees this through its validated options; this catches a hand-written schedule
 * (or a warm-up's `after`) that returns a negative, NaN or non-number rate, with a RangeError
 * naming the schedule, the update and the value, instead of a silent ascent. One comparison.
 */
export function scheduledLr(schedule: { readonly name: string; at(t: number): number }, t: number): number {
  const lr = schedule.at(t);
  if (typeof lr !== "number" || !(lr >= 0) || lr === Infinity) {
    throw new RangeError(`schedule ${show(schedule.name)} returned lr ${show(lr)} for update ${t}; a learning rate must be a finite number >= 0`);
  }
  return lr;
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
