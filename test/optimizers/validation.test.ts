import { describe, expect, it } from "vitest";
import { DescentInputError, show } from "../../src/core/errors";
import { createOptimizer, OPTIMIZER_NAMES, optimizerInfo } from "../../src/optimizers/index";
import { CONVENTIONS, type OptimizerOptions } from "../../src/optimizers/optimizer";

/** Every bad hyperparameter is refused when the optimizer is made, with a message naming it and its value. */

const BAD: Record<string, unknown[]> = {
  lr: [0, -1, NaN, Infinity, -Infinity, "0.1", null],
  momentum: [1, -0.1, 1.5, NaN, "0.9"],
  rho: [1, -0.1, NaN],
  alpha: [1, -0.5, Infinity],
  dampening: [-0.1, 1.5, NaN],
  weightDecay: [-1, -1e-12, NaN, Infinity],
  eps: [-1e-8, NaN, Infinity, "1e-8"],
  lrDecay: [-0.1, NaN],
  initialAccumulatorValue: [-0.1, Infinity],
  momentumDecay: [-0.004, NaN],
  nesterov: ["yes", 1, null],
  centered: ["true", 0],
  amsgrad: ["false", 1],
};
const BAD_BETAS: unknown[] = [[1, 0.999], [0.9, 1], [-0.1, 0.9], [0.9, NaN], [0.9], [0.9, 0.99, 0.999], "0.9", 0.9];

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("hyperparameter validation", () => {
  for (const name of OPTIMIZER_NAMES) {
    for (const convention of CONVENTIONS) {
      const accepts = optimizerInfo(name, convention).accepts;
      it(`${name} (${convention}) refuses out-of-range and mistyped values of each option it takes`, () => {
        let checked = 0;
        for (const key of accepts) {
          if (key === "convention") continue;
          if (key === "betas") {
            for (const bad of BAD_BETAS) {
              const e = thrown(() => createOptimizer(name, { convention, betas: bad } as unknown as OptimizerOptions));
              expect(e, `${show(bad)}`).toBeInstanceOf(RangeError);
              expect(e.message).toMatch(/^betas(\[[01]\])? must be .*, got /);
              checked++;
            }
            continue;
          }
          for (const bad of BAD[key]) {
            const e = thrown(() => createOptimizer(name, { convention, [key]: bad } as OptimizerOptions));
            expect(e, `${key}=${show(bad)}`).toBeInstanceOf(RangeError);
            expect(e.message).toContain(`${key} must be`);
            expect(e.message).toContain(`got ${show(bad)}`);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(5);
      });
    }
  }

  it("rejects the boundary values the ranges exclude and accepts those they include", () => {
    expect(() => createOptimizer("adadelta", { rho: 1 })).toThrow(/rho must be a number in \[0, 1\), got 1/);
    expect(() => createOptimizer("adadelta", { rho: 0 })).not.toThrow();
    expect(() => createOptimizer("adam", { betas: [0.9, 1] })).toThrow(/betas\[1\] must be a number in \[0, 1\), got 1/);
    expect(() => createOptimizer("adam", { eps: 0 })).toThrow(/adam \(seed convention\): eps must be a finite number > 0 \(.*0\/0.*\), got 0/);
    expect(() => createOptimizer("adam", { eps: 1e-300 })).not.toThrow();
    expect(() => createOptimizer("sgd", { lr: 0 })).toThrow(/lr must be a finite number > 0, got 0/);
    expect(() => createOptimizer("sgd", { convention: "pytorch", momentum: 0.9, dampening: 1 })).not.toThrow();
    expect(() => createOptimizer("rmsprop", { alpha: 0.999999 })).not.toThrow();
  });
});

describe("options an optimizer does not read", () => {
  const cases: [string, OptimizerOptions | Record<string, unknown>, RegExp][] = [
    ["adam", { rho: 0.9 }, /adam \(seed convention\) does not take option "rho" \(got 0\.9\); it takes .*lr.*betas/],
    ["sgd", { learningRate: 0.1 }, /sgd .*does not take option "learningRate" \(got 0\.1\)/],
    ["adadelta", { lr: 1 }, /adadelta \(seed convention\) does not take option "lr" \(got 1\): the seed's Adadelta has no learning rate/],
    ["adamax", { eps: 1e-8 }, /adamax \(seed convention\) does not take option "eps"/],
    ["adagrad", { lrDecay: 0.1 }, /adagrad \(seed convention\) does not take option "lrDecay"/],
    ["adagrad", { convention: "pytorch", lrDecay: 0.1, momentum: 0.9 }, /adagrad \(pytorch convention\) does not take option "momentum"/],
    ["nadam", { momentumDecay: 0.004 }, /nadam \(seed convention\) does not take option "momentumDecay"/],
    ["momentum", { dampening: 0.1 }, /momentum \(seed convention\) does not take option "dampening".*eq\. \(1\) has no dampening/],
    ["nesterov", { convention: "pytorch", dampening: 0.1 }, /nesterov \(pytorch convention\) does not take option "dampening"/],
    ["rmsprop", { betas: [0.9, 0.99] }, /rmsprop .*does not take option "betas" \(got \[0\.9, 0\.99\]\)/],
    ["amsgrad", { amsgrad: true }, /amsgrad .*does not take option "amsgrad"/],
    ["sgd", { dampening: 0.5 }, /sgd \(seed convention\): dampening .*must be 0.*got 0\.5/],
    ["sgd", { nesterov: true }, /sgd \(seed convention\): nesterov needs momentum > 0 and dampening 0, got momentum 0, dampening 0/],
    ["sgd", { convention: "pytorch", nesterov: true, momentum: 0.9, dampening: 0.1 }, /sgd \(pytorch convention\): nesterov needs .*dampening 0\.1/],
    ["nesterov", { convention: "pytorch", momentum: 0 }, /nesterov \(pytorch convention\): momentum must be > 0/],
  ];
  for (const [name, options, message] of cases) {
    it(`${name} ${JSON.stringify(options)} -> RangeError`, () => {
      const e = thrown(() => createOptimizer(name, options as OptimizerOptions));
      expect(e).toBeInstanceOf(RangeError);
      expect(e.message).toMatch(message);
    });
  }

  it("an unknown convention is named with the allowed ones", () => {
    expect(() => createOptimizer("adam", { convention: "tf" } as unknown as OptimizerOptions)).toThrow(
      new RangeError('convention must be one of "seed", "pytorch", got "tf"'),
    );
  });
});

describe("names and malformed input", () => {
  it("an unknown optimizer name is a DescentInputError listing the names", () => {
    const e = thrown(() => createOptimizer("foo"));
    expect(e).toBeInstanceOf(DescentInputError);
    expect(e.message).toBe(`unknown optimizer "foo"; expected one of ${OPTIMIZER_NAMES.join(", ")}`);
    expect(e.message).toContain("sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamax, nadam, amsgrad, adamw");
    expect(() => createOptimizer("Adam")).toThrow(DescentInputError);
    expect(() => createOptimizer("toString")).toThrow(DescentInputError);
  });

  it("options that are not an object are a DescentInputError", () => {
    expect(() => createOptimizer("adam", 0.1 as unknown as OptimizerOptions)).toThrow(new DescentInputError("adam options must be an object, got 0.1"));
    expect(() => createOptimizer("adam", [0.1] as unknown as OptimizerOptions)).toThrow(DescentInputError);
  });

  it("a gradient or state of the wrong length is refused at step", () => {
    const opt = createOptimizer("adam");
    const x = new Float64Array(3);
    const state = opt.init(x);
    expect(() => opt.step(x, new Float64Array(2), state)).toThrow(new DescentInputError("adam: grad must have the length of params (3), got length 2"));
    expect(() => opt.step(new Float64Array(4), new Float64Array(4), state)).toThrow(
      new DescentInputError("adam: this state was made for 3 float64 parameters but params is 4 float64; call init(params) for a fresh state"),
    );
  });
});

describe("optimizerInfo", () => {
  for (const name of OPTIMIZER_NAMES) {
    for (const convention of CONVENTIONS) {
      it(`${name} (${convention}): defaults are accepted options, and the optimizer reports them as its hyperparameters`, () => {
        const info = optimizerInfo(name, convention);
        expect(info.name).toBe(name);
        expect(info.summary.length).toBeGreaterThan(10);
        expect(info.accepts).toContain("convention");
        expect(Object.keys(info.defaults).sort()).toEqual(info.accepts.filter((k) => k !== "convention").sort());
        const opt = createOptimizer(name, { convention });
        expect(opt.name).toBe(name);
        expect(opt.convention).toBe(convention);
        expect(opt.hyper).toEqual(info.defaults);
        // Passing every default explicitly is accepted and changes nothing.
        const explicit = createOptimizer(name, { ...(info.defaults as OptimizerOptions), convention });
        expect(explicit.hyper).toEqual(opt.hyper);
        if ("lr" in info.defaults) expect(opt.lr).toBe(info.defaults.lr);
        else expect(opt.lr).toBeNaN();
      });
    }
  }

  it("unknown names and conventions are refused", () => {
    expect(() => optimizerInfo("foo" as never, "seed")).toThrow(DescentInputError);
    expect(() => optimizerInfo("adam", "keras" as never)).toThrow(RangeError);
  });

  it("records the defaults the brief fixes", () => {
    expect(optimizerInfo("rmsprop", "seed").defaults).toMatchObject({ lr: 0.001, alpha: 0.9, eps: 1e-8 });
    expect(optimizerInfo("rmsprop", "pytorch").defaults).toMatchObject({ lr: 0.01, alpha: 0.99, eps: 1e-8 });
    expect(optimizerInfo("adagrad", "pytorch").defaults).toMatchObject({ eps: 1e-10, lrDecay: 0, initialAccumulatorValue: 0 });
    expect(optimizerInfo("adadelta", "pytorch").defaults).toMatchObject({ lr: 1, rho: 0.9, eps: 1e-6 });
    expect(optimizerInfo("adamax", "seed").defaults).toEqual({ lr: 0.002, betas: [0.9, 0.999], weightDecay: 0 });
    expect(optimizerInfo("adamw", "seed").defaults).toMatchObject({ weightDecay: 0.01 });
    expect(optimizerInfo("nadam", "pytorch").defaults).toMatchObject({ momentumDecay: 0.004, lr: 0.002 });
  });
});
