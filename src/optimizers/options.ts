import { DescentInputError, show } from "../core/errors";
import * as check from "../core/validate";
import { CONVENTIONS, type Convention, type OptimizerName, type OptimizerOptions } from "./optimizer";

/**
 * Option handling shared by every optimizer factory: which options an optimizer takes in each
 * convention, their defaults, and one validation pass when the optimizer is made (never per step).
 */

export type HyperValue = number | boolean | readonly number[];
export type OptionKey = keyof OptimizerOptions;

/** What one optimizer takes under one convention (also what `optimizerInfo` reports). */
export interface OptimizerSpec {
  readonly summary: string;
  /** Every option it reads, `convention` included (every optimizer takes that one). */
  readonly accepts: readonly OptionKey[];
  readonly defaults: Readonly<Record<string, HyperValue>>;
  /** Why some options are refused, to say more than "not taken" (e.g. seed Adadelta has no lr). */
  readonly refuses?: Readonly<Partial<Record<OptionKey, string>>>;
}

export type ConventionSpecs = Readonly<Record<Convention, OptimizerSpec>>;

/** The validated hyperparameters, typed, under PyTorch's camelCase names. */
export interface Hyper {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  betas: readonly [number, number];
  eps: number;
  rho: number;
  alpha: number;
  centered: boolean;
  amsgrad: boolean;
  lrDecay: number;
  initialAccumulatorValue: number;
  momentumDecay: number;
}

type HyperKey = keyof Hyper;

// One range per option name, the same for every optimizer that takes it.
const VALIDATORS: { readonly [K in HyperKey]: (name: string, value: unknown) => Hyper[K] } = {
  lr: check.positive,
  momentum: check.unitInterval,
  dampening: check.closedUnitInterval,
  nesterov: check.flag,
  weightDecay: check.nonNegative,
  betas: check.betas,
  eps: check.nonNegative,
  rho: check.unitInterval,
  alpha: check.unitInterval,
  centered: check.flag,
  amsgrad: check.flag,
  lrDecay: check.nonNegative,
  initialAccumulatorValue: check.nonNegative,
  momentumDecay: check.nonNegative,
};

export interface Resolved {
  readonly convention: Convention;
  /** Defaults merged with the given options, all validated; only the keys this optimizer takes. */
  readonly values: Partial<Hyper>;
}

/**
 * Validates `options` against `specs[convention]`: a RangeError for an option the optimizer does
 * not take (naming it and listing what it does take) or a value out of range; a DescentInputError
 * when `options` is not an object.
 */
export function resolveOptions(name: OptimizerName, options: unknown, specs: ConventionSpecs): Resolved {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new DescentInputError(`${name} options must be an object, got ${show(options)}`);
  }
  // Own properties only: an inherited (or `__proto__`-smuggled) lr must not be read as an option.
  const given: Record<string, unknown> = Object.fromEntries(Object.entries(options as object));
  const convention = check.oneOf("convention", given.convention ?? "seed", CONVENTIONS);
  const spec = specs[convention];
  const values: Partial<Record<HyperKey, unknown>> = {};
  for (const key of Object.keys(spec.defaults)) values[key as HyperKey] = spec.defaults[key];
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (key === "convention" || value === undefined) continue;
    if (!(spec.accepts as readonly string[]).includes(key)) {
      const why = spec.refuses?.[key as OptionKey];
      const takes = spec.accepts.join(", ");
      throw new RangeError(
        `${name} (${convention} convention) does not take option "${key}" (got ${show(value)})` +
          `${why ? `: ${why}` : ""}; it takes ${takes}`,
      );
    }
    values[key as HyperKey] = value;
  }
  const out: Partial<Hyper> = {};
  for (const key of Object.keys(values) as HyperKey[]) {
    const validate = VALIDATORS[key] as (n: string, v: unknown) => HyperValue;
    (out as Record<string, HyperValue>)[key] = validate(key, values[key]);
  }
  return { convention, values: out };
}

/** A resolved value that the spec guarantees (its default exists); a missing one is our bug. */
export function need<K extends HyperKey>(r: Resolved, key: K): Hyper[K] {
  const v = r.values[key];
  if (v === undefined) throw new Error(`internal: ${key} has no default for this optimizer`);
  return v as Hyper[K];
}

/** The resolved values as `Optimizer.hyper` (a frozen copy, betas copied too). */
export function hyperRecord(r: Resolved): Readonly<Record<string, HyperValue>> {
  const out: Record<string, HyperValue> = {};
  for (const [k, v] of Object.entries(r.values)) {
    out[k] = Array.isArray(v) ? Object.freeze([...(v as number[])]) : (v as HyperValue);
  }
  return Object.freeze(out);
}

/** Throws RangeError naming `option` when a cross-option rule fails (e.g. nesterov needs momentum). */
export function refuse(name: OptimizerName, convention: Convention, message: string): never {
  throw new RangeError(`${name} (${convention} convention): ${message}`);
}

/**
 * eps of an optimizer whose update divides by a root of its accumulator: it must be > 0, or a
 * coordinate whose gradients were all 0 takes a 0/0 (NaN) step. `why` says it for this rule.
 */
export function needPositiveEps(r: Resolved, name: OptimizerName, why: string): number {
  const eps = need(r, "eps");
  if (eps === 0) throw new RangeError(`${name} (${r.convention} convention): eps must be a finite number > 0 (${why}), got 0`);
  return eps;
}
