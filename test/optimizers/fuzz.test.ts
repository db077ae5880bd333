import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { createOptimizer, OPTIMIZER_NAMES } from "../../src/optimizers/index";
import { CONVENTIONS, type Optimizer, type OptimizerOptions, type OptimizerState } from "../../src/optimizers/optimizer";

/**
 * Fuzz of the optimizer factories and `step` (issue 5): random option objects with hostile
 * values must either build an optimizer or throw a RangeError / DescentInputError whose message
 * names one of the options given; built ones must keep parameters finite under random finite
 * gradients (within the documented range below); a bad per-step lr and a foreign state must be
 * refused without touching the parameters.
 */

const KEYS = [
  "convention", "lr", "momentum", "dampening", "nesterov", "weightDecay", "betas", "eps", "rho", "alpha",
  "centered", "amsgrad", "lrDecay", "initialAccumulatorValue", "momentumDecay", "__proto__", "learningRate", "constructor",
];

const hostile = fc.oneof(
  fc.double(), // includes NaN, +-Infinity, -0, subnormals, +-MAX_VALUE
  fc.constantFrom<unknown>(0, -1, 1, 0.5, 0.9, 0.999, 1e-300, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, "0.1", "", null, true, false, "seed", "pytorch", {}, [], [0.9, 0.999], [1, 0.9], [0.9], [NaN, 0.9]),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -10, max: 10 }),
);

/** An option object with 0-4 own keys drawn from the real ones, typos and prototype names (Object.fromEntries makes "__proto__" an own key). */
const optionObject = fc.array(fc.tuple(fc.constantFrom(...KEYS), hostile), { maxLength: 4 }).map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

const name = fc.constantFrom(...OPTIMIZER_NAMES);
const grads = fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 });

function build(n: string, options: unknown): { opt: Optimizer } | { error: Error } {
  try {
    return { opt: createOptimizer(n, options as OptimizerOptions) };
  } catch (error) {
    return { error: error as Error };
  }
}

/** The documented range in which parameters stay finite for 6 steps of |g| <= 1e3 (beyond it, overflow is divergence, which minimize and train report). */
function withinFiniteRange(opt: Optimizer): boolean {
  const lr = Number.isNaN(opt.lr) ? 1 : opt.lr;
  const wd = typeof opt.hyper.weightDecay === "number" ? opt.hyper.weightDecay : 0;
  return lr <= 1e3 && wd <= 1e3 && lr * wd < 1;
}

describe("fuzz: optimizer factories and step", () => {
  it("every option object builds an optimizer or is refused with a RangeError/DescentInputError naming an option", () => {
    fc.assert(
      fc.property(name, optionObject, fc.constantFrom(...CONVENTIONS, undefined), (n, raw, convention) => {
        const options = convention === undefined ? raw : { ...raw, convention };
        const r = build(n, options);
        if ("error" in r) {
          expect(r.error instanceof RangeError || r.error instanceof DescentInputError, `${n} ${String(r.error)}`).toBe(true);
          const given = Object.keys(options);
          const named = given.some((k) => r.error.message.includes(k)) || /nesterov|momentum|eps/.test(r.error.message);
          expect(named, `${n} ${JSON.stringify(options)}: ${r.error.message}`).toBe(true);
          expect(r.error.message.length).toBeLessThan(400);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    );
  });

  it("built optimizers keep parameters finite under random finite gradients (lr, weightDecay <= 1e3, lr * weightDecay < 1)", () => {
    fc.assert(
      fc.property(name, optionObject, fc.constantFrom(...CONVENTIONS), grads, (n, raw, convention, gs) => {
        const r = build(n, { ...raw, convention });
        fc.pre("opt" in r);
        if (!("opt" in r)) return;
        fc.pre(withinFiniteRange(r.opt));
        const x = Float64Array.from([1, -2, 0]);
        const state = r.opt.init(x);
        for (const g of gs) r.opt.step(x, Float64Array.from(g), state);
        expect(Array.from(x).every(Number.isFinite), `${n} ${JSON.stringify(raw)} -> ${Array.from(x)}`).toBe(true);
        expect(state.t).toBe(gs.length);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    );
  });

  it("a per-step lr that is not a finite number >= 0 is a RangeError naming lr and the step, and changes nothing", () => {
    const badLr = fc.oneof(
      fc.double({ max: -Number.MIN_VALUE }),
      fc.constantFrom<unknown>(NaN, Infinity, -Infinity, "0.1", null, true, {}, [0.1], 10n),
    );
    fc.assert(
      fc.property(name, fc.constantFrom(...CONVENTIONS), badLr, fc.integer({ min: 0, max: 3 }), (n, convention, lr, before) => {
        const opt = createOptimizer(n, { convention });
        const x = Float64Array.from([0.5, 1, -1]);
        const g = Float64Array.from([1, -2, 3]);
        const state = opt.init(x);
        for (let k = 0; k < before; k++) opt.step(x, g, state);
        const snapshot = Array.from(x);
        const slots = JSON.stringify(Object.fromEntries(Object.entries(state.slots).map(([k, v]) => [k, Array.from(v)])));
        expect(() => opt.step(x, g, state, lr as number)).toThrow(new RegExp(`^${n}: lr for step ${before + 1} must be a finite number >= 0, got `));
        expect(Array.from(x)).toEqual(snapshot);
        expect(JSON.stringify(Object.fromEntries(Object.entries(state.slots).map(([k, v]) => [k, Array.from(v)])))).toBe(slots);
        expect(state.t).toBe(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it("a state from another optimizer, convention or layout is refused (DescentInputError) unless the keys agree", () => {
    const variants: OptimizerOptions[] = [{}, { convention: "pytorch" }, { momentum: 0.5 }, { amsgrad: true }, { centered: true }];
    const made = fc.record({ n: name, o: fc.constantFrom(...variants) }).map(({ n, o }) => build(n, o)).filter((r): r is { opt: Optimizer } => "opt" in r);
    fc.assert(
      fc.property(made, made, fc.constantFrom<"f64" | "f32">("f64", "f32"), (a, b, kind) => {
        const x = kind === "f64" ? new Float64Array(3) : new Float32Array(3);
        const state: OptimizerState = a.opt.init(x);
        const same = a.opt.init(x).owner?.key === b.opt.init(x).owner?.key;
        const g = kind === "f64" ? Float64Array.from([1, 2, 3]) : Float32Array.from([1, 2, 3]);
        if (same) {
          b.opt.step(x, g, state);
          expect(state.t).toBe(1);
        } else {
          expect(() => b.opt.step(x, g, state)).toThrow(DescentInputError);
          expect(() => b.opt.step(x, g, state)).toThrow(new RegExp(`cannot use a state made by ${a.opt.name} `));
          expect(Array.from(x)).toEqual([0, 0, 0]);
          expect(state.t).toBe(0);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
