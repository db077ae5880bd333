import { DescentInputError, show } from "./errors";

/**
 * Hyperparameter checks, run once when an optimizer or schedule is made (never per step).
 * Each throws a RangeError naming the parameter, the value it got and the range it allows,
 * e.g. `lr must be a finite number > 0, got -1`.
 */

function fail(name: string, expected: string, value: unknown): never {
  throw new RangeError(`${name} must be ${expected}, got ${show(value)}`);
}

function isNum(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** x > 0 and finite. */
export function positive(name: string, value: unknown): number {
  if (!isNum(value) || !(value > 0)) fail(name, "a finite number > 0", value);
  return value;
}

/** x >= 0 and finite. */
export function nonNegative(name: string, value: unknown): number {
  if (!isNum(value) || !(value >= 0)) fail(name, "a finite number >= 0", value);
  return value;
}

/** 0 <= x < 1 (decay rates, betas, momentum). */
export function unitInterval(name: string, value: unknown): number {
  if (!isNum(value) || !(value >= 0 && value < 1)) fail(name, "a number in [0, 1)", value);
  return value;
}

/** 0 <= x <= 1 (dampening, fractions). */
export function closedUnitInterval(name: string, value: unknown): number {
  if (!isNum(value) || !(value >= 0 && value <= 1)) fail(name, "a number in [0, 1]", value);
  return value;
}

/** A whole number >= min. */
export function integerAtLeast(name: string, value: unknown, min: number): number {
  if (!isNum(value) || !Number.isInteger(value) || value < min) {
    fail(name, `an integer >= ${min}`, value);
  }
  return value;
}

/** A boolean flag (so `centered: "yes"` is caught when the optimizer is made). */
export function flag(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") fail(name, "true or false", value);
  return value;
}

/** A pair [beta1, beta2], each in [0, 1). */
export function betas(name: string, value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) fail(name, "a pair [beta1, beta2] in [0, 1)", value);
  unitInterval(`${name}[0]`, value[0]);
  unitInterval(`${name}[1]`, value[1]);
  return [value[0] as number, value[1] as number];
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(name, `one of ${allowed.map((a) => show(a)).join(", ")}`, value);
  }
  return value as T;
}

/** 0 < x <= 1: a decay factor per epoch or update (1 = no decay; above 1 the rate would grow). */
export function decayFactor(name: string, value: unknown): number {
  if (!isNum(value) || !(value > 0 && value <= 1)) fail(name, "a number in (0, 1]", value);
  return value;
}

/**
 * The options object of a factory or loop: undefined becomes {} when every option has a
 * default; anything else that is not a plain object is a DescentInputError naming `what`.
 * Only own properties are read (a `__proto__` key is an ordinary, unknown key, not a prototype).
 */
export function optionsObject(what: string, options: unknown, required: string | null): Record<string, unknown> {
  if (options === undefined && required === null) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    const need = required === null ? "an object" : `an object with ${required}`;
    throw new DescentInputError(`${what} options must be ${need}, got ${show(options)}`);
  }
  return Object.fromEntries(Object.entries(options));
}

/** Throws the same DescentInputError as optionsObject when `options` is not an object (keeps the caller's type). */
export function assertOptionsObject(what: string, options: unknown, required: string): void {
  optionsObject(what, options, required);
}
