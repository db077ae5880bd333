import { describe, expect, it } from "vitest";
import { copyState, trialStep } from "../../src/analysis/index";
import { adam, momentum, nadam } from "../../src/optimizers/index";

describe("trialStep", () => {
  it("returns the next parameters of a real step and leaves params and state untouched", () => {
    const opt = adam({ lr: 0.1 });
    const x = new Float64Array([1, -2]);
    const state = opt.init(x);
    const g = new Float64Array([0.5, 3]);
    opt.step(x, g, state); // some history
    const xBefore = x.slice();
    const mBefore = state.slots.m.slice();
    const next = trialStep(opt, x, g, state);
    expect(Array.from(x)).toEqual(Array.from(xBefore));
    expect(Array.from(state.slots.m)).toEqual(Array.from(mBefore));
    expect(state.t).toBe(1);
    opt.step(x, g, state);
    expect(Array.from(next)).toEqual(Array.from(x));
  });

  it("isolates a term: Adam with L2 minus Adam without, from the same state", () => {
    const withL2 = adam({ lr: 0.1, weightDecay: 0.5 });
    const plain = adam({ lr: 0.1 });
    const x = new Float64Array([1]);
    const state = plain.init(x);
    const diff = trialStep(withL2, x, new Float64Array([0]), state)[0] - trialStep(plain, x, new Float64Array([0]), state)[0];
    // first step with g = 0 + 0.5 * 1: mhat / sqrt(vhat) = 1, so the step is lr = 0.1; without: 0
    expect(diff).toBeCloseTo(-0.1, 6);
  });

  it("copies scalars (Nadam's product) and buffers, not references", () => {
    const opt = nadam({ convention: "pytorch" });
    const x = new Float64Array([1]);
    const s = opt.init(x);
    opt.step(x, new Float64Array([1]), s);
    const c = copyState(s);
    expect(c.scalars.muProduct).toBe(s.scalars.muProduct);
    c.slots.m[0] = 99;
    expect(s.slots.m[0]).not.toBe(99);
    expect(() => copyState(null as never)).toThrow(/expected an optimizer state/);
    expect(() => trialStep({} as never, x, x, s)).toThrow(/expected an optimizer/);
    expect(() => trialStep(momentum(), x, x, s)).toThrow(/nadam/);
  });
});
