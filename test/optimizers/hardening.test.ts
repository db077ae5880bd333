import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { adam, adamax, createOptimizer, momentum, OPTIMIZER_NAMES, sgd } from "../../src/optimizers/index";
import { CONVENTIONS, type Convention, type OptimizerName, type OptimizerOptions } from "../../src/optimizers/optimizer";

/** Issue 5, library side: eps = 0, per-step lr, and states made by another optimizer. */

const ALL: { name: OptimizerName; convention: Convention }[] = OPTIMIZER_NAMES.flatMap((name) =>
  CONVENTIONS.map((convention) => ({ name, convention })),
);

/** Which (optimizer, convention) pairs take eps at all (seed AdaMax has none). */
function takesEps(name: OptimizerName, convention: Convention): boolean {
  return !(name === "adamax" && convention === "seed") && !["sgd", "momentum", "nesterov"].includes(name);
}

describe("eps = 0 (issue 5: a zero gradient gave NaN parameters)", () => {
  // Decided per rule: refused where the update divides by a root of its accumulator;
  // AdaMax (pytorch) defines the 0/0 as a zero step, as the seed's AdaMax already did;
  // Adagrad (pytorch) accepts it when initialAccumulatorValue > 0 keeps the root positive.
  const refused = ALL.filter(({ name, convention }) => takesEps(name, convention) && name !== "adamax" && !(name === "adagrad" && convention === "pytorch"));

  it("covers every optimizer that takes eps", () => {
    expect(refused.map((c) => `${c.name}/${c.convention}`)).toEqual([
      "adagrad/seed",
      "adadelta/seed",
      "adadelta/pytorch",
      "rmsprop/seed",
      "rmsprop/pytorch",
      "adam/seed",
      "adam/pytorch",
      "nadam/seed",
      "nadam/pytorch",
      "amsgrad/seed",
      "amsgrad/pytorch",
      "adamw/seed",
      "adamw/pytorch",
    ]);
  });

  for (const { name, convention } of refused) {
    it(`${name} (${convention}) refuses eps 0 with a RangeError naming eps and the range`, () => {
      expect(() => createOptimizer(name, { convention, eps: 0 })).toThrow(RangeError);
      expect(() => createOptimizer(name, { convention, eps: 0 })).toThrow(
        new RegExp(`^${name} \\(${convention} convention\\): eps must be a finite number > 0 \\(.+\\), got 0$`),
      );
    });

    it(`${name} (${convention}) with the smallest positive eps takes a zero step on a zero gradient`, () => {
      // (AdamW's decoupled decay would move theta on its own: switched off here.)
      const opt = createOptimizer(name, { convention, eps: Number.MIN_VALUE, ...(name === "adamw" ? { weightDecay: 0 } : {}) });
      const x = Float64Array.from([0.5, -2]);
      const state = opt.init(x);
      for (let k = 0; k < 3; k++) opt.step(x, new Float64Array(2), state);
      expect(Array.from(x)).toEqual([0.5, -2]);
    });
  }

  it("adagrad (pytorch) refuses eps 0 only when initialAccumulatorValue is 0 too", () => {
    expect(() => createOptimizer("adagrad", { convention: "pytorch", eps: 0 })).toThrow(
      /adagrad \(pytorch convention\): eps and initialAccumulatorValue cannot both be 0 .*0\/0/,
    );
    const opt = createOptimizer("adagrad", { convention: "pytorch", eps: 0, initialAccumulatorValue: 0.1, lr: 0.5 });
    const x = Float64Array.from([1, 2]);
    const state = opt.init(x);
    opt.step(x, Float64Array.from([0, 1]), state);
    expect(x[0]).toBe(1); // zero gradient: zero step, not NaN
    expect(x[1]).toBeCloseTo(2 - 0.5 / Math.sqrt(1.1), 15);
  });

  it("adamax (pytorch) with eps 0 takes a zero step on zero gradients and then matches the seed's AdaMax", () => {
    const torch = adamax({ convention: "pytorch", eps: 0, lr: 0.1 });
    const seed = adamax({ lr: 0.1 });
    const a = Float64Array.from([1, -1]);
    const b = Float64Array.from([1, -1]);
    const sa = torch.init(a);
    const sb = seed.init(b);
    const grads = [[0, 0], [0, 3], [2, -1], [0, 0]];
    for (const g of grads) {
      torch.step(a, Float64Array.from(g), sa);
      seed.step(b, Float64Array.from(g), sb);
      expect(Number.isFinite(a[0]) && Number.isFinite(a[1])).toBe(true);
    }
    for (let i = 0; i < 2; i++) expect(a[i]).toBeCloseTo(b[i], 14);
    expect(a[0]).not.toBe(1); // it did move once the gradient was nonzero
  });
});

describe("subnormal gradients (found by the fuzz test)", () => {
  it("seed AdaMax on a gradient of -5e-324 takes a (signed) zero step, not NaN (eta / u overflowed, times m = 0)", () => {
    const opt = adamax();
    const x = Float64Array.from([1, -2, 0]);
    opt.step(x, Float64Array.from([0, -5e-324, 0]), opt.init(x));
    expect(Array.from(x)).toEqual([1, -2, 0]);
  });

  it("seed Adam, Nadam and AMSGrad with eps = 5e-324 on a zero gradient: a zero step (product before division)", () => {
    for (const n of ["adam", "nadam", "amsgrad"] as const) {
      const opt = createOptimizer(n, { eps: Number.MIN_VALUE });
      const x = Float64Array.from([3]);
      opt.step(x, new Float64Array(1), opt.init(x));
      expect(x[0], n).toBe(3);
    }
  });
});

describe("the per-step learning rate (issue 5: negative, NaN or a string was used silently)", () => {
  const bad: unknown[] = [-0.1, NaN, Infinity, -Infinity, "0.1", null, {}, [0.1]];
  for (const { name, convention } of ALL) {
    it(`${name} (${convention}) refuses a bad lr at step k with a RangeError naming lr, the value and the step, and changes nothing`, () => {
      const opt = createOptimizer(name, { convention });
      const x = Float64Array.from([1, 2, 3]);
      const g = Float64Array.from([0.5, -1, 2]);
      const state = opt.init(x);
      opt.step(x, g, state, 0.01);
      opt.step(x, g, state);
      const before = Array.from(x);
      for (const lr of bad) {
        expect(() => opt.step(x, g, state, lr as number)).toThrow(RangeError);
        expect(() => opt.step(x, g, state, lr as number)).toThrow(new RegExp(`^${name}: lr for step 3 must be a finite number >= 0, got `));
      }
      expect(Array.from(x)).toEqual(before);
      expect(state.t).toBe(2);
    });
  }

  it("lr = 0 is accepted (a schedule may reach it) and leaves SGD where it is", () => {
    const opt = sgd({ lr: 0.1 });
    const x = Float64Array.from([1, 2]);
    const state = opt.init(x);
    opt.step(x, Float64Array.from([3, 4]), state, 0);
    expect(Array.from(x)).toEqual([1, 2]);
    expect(state.t).toBe(1);
  });

  it("the message names the value: -1 and NaN as JavaScript prints them", () => {
    const opt = adam();
    const x = new Float64Array(2);
    const state = opt.init(x);
    expect(() => opt.step(x, x, state, -1)).toThrow("adam: lr for step 1 must be a finite number >= 0, got -1");
    expect(() => opt.step(x, x, state, NaN)).toThrow("adam: lr for step 1 must be a finite number >= 0, got NaN");
  });
});

describe("state ownership (issue 5: adam on an SGD state was a TypeError, momentum on an Adam state used its v)", () => {
  it("a state says which optimizer, convention, buffers, length and float type made it", () => {
    const state = adam({ amsgrad: true }).init(new Float32Array(5));
    expect(state.owner).toEqual({ optimizer: "adam", convention: "seed", key: "adam/seed/m,v,vmax", length: 5, float: "float32" });
    expect(Object.keys(state).sort()).toEqual(["owner", "scalars", "slots", "t"]);
    expect(Object.isFrozen(state.owner)).toBe(true);
  });

  it("adam on an SGD state: a DescentInputError naming both optimizers (the issue's sample)", () => {
    const x = new Float64Array(3);
    const sgdState = sgd().init(x);
    expect(() => adam().step(x, new Float64Array(3), sgdState)).toThrow(DescentInputError);
    expect(() => adam().step(x, new Float64Array(3), sgdState)).toThrow(
      "adam (seed convention) cannot use a state made by sgd (seed convention, buffers: none); its buffers mean something else here; call adam's init(params) for a fresh state",
    );
  });

  it("momentum on an Adam state is refused instead of reading Adam's v as a velocity (the issue's sample)", () => {
    const x = Float64Array.from([1, 1]);
    const adamState = adam().init(x);
    adam().step(x, Float64Array.from([1, 1]), adamState);
    const v = Array.from(adamState.slots.v);
    expect(() => momentum().step(x, Float64Array.from([1, 1]), adamState)).toThrow(/momentum \(seed convention\) cannot use a state made by adam \(seed convention, buffers: m,v\)/);
    expect(Array.from(adamState.slots.v)).toEqual(v);
  });

  it("a state of the same optimizer with another layout or convention is refused; one with other hyperparameters is accepted", () => {
    const x = new Float64Array(2);
    const g = Float64Array.from([1, 2]);
    expect(() => adam({ amsgrad: true }).step(x, g, adam().init(x))).toThrow(/buffers: m,v\)/);
    expect(() => adam({ convention: "pytorch" }).step(x, g, adam().init(x))).toThrow(/adam \(pytorch convention\) cannot use a state made by adam \(seed convention/);
    expect(() => sgd({ momentum: 0.9, nesterov: true }).step(x, g, sgd({ momentum: 0.9 }).init(x))).toThrow(/cannot use a state made by sgd/);
    const shared = adam({ lr: 0.1 }).init(x);
    adam({ lr: 0.01 }).step(x, g, shared);
    expect(shared.t).toBe(1);
  });

  it("a hand-made state without an owner, and a non-object, are refused with a message (not a TypeError)", () => {
    const x = new Float64Array(2);
    expect(() => adam().step(x, x, { t: 0, slots: { m: new Float64Array(2), v: new Float64Array(2) }, scalars: {} })).toThrow(
      /adam \(seed convention\): this state was not made by an optimizer's init \(it has no owner\)/,
    );
    for (const s of [undefined, null, 3, "state"]) {
      expect(() => adam().step(x, x, s as never)).toThrow(DescentInputError);
    }
  });

  it("a state made for float32 parameters is refused for float64 ones of the same length", () => {
    const opt = adam();
    const state = opt.init(new Float32Array(3));
    expect(() => opt.step(new Float64Array(3), new Float64Array(3), state)).toThrow(
      "adam: this state was made for 3 float32 parameters but params is 3 float64; call init(params) for a fresh state",
    );
  });

  it("init refuses parameters that are not a Float64Array or Float32Array", () => {
    expect(() => adam().init([1, 2] as unknown as Float64Array)).toThrow("adam.init: params must be a Float64Array or Float32Array, got a Array");
  });

  it("options are read from own properties only: an inherited lr is not an option, a __proto__ key is refused", () => {
    const inherited = Object.create({ lr: -5 }) as OptimizerOptions;
    expect(sgd(inherited).lr).toBe(0.01);
    const parsed = JSON.parse('{"__proto__": {"lr": 5}}') as OptimizerOptions;
    expect(() => sgd(parsed)).toThrow(/sgd \(seed convention\) does not take option "__proto__"/);
  });
});
