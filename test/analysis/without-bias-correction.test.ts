import { describe, expect, it } from "vitest";
import { adamStepScale, withoutBiasCorrection } from "../../src/analysis/index";
import { adam, adamax, adamw, amsgrad, nadam } from "../../src/optimizers/index";
import { createRng } from "../../src/core/rng";

/** Adam WITHOUT (14), transcribed here from Kingma and Ba's algorithm (independent of src/). */
function naiveUncorrected(lr: number, b1: number, b2: number, epsAt: (t: number) => number, grads: number[][]): number[] {
  const x = [0.5, -0.3];
  const m = [0, 0];
  const v = [0, 0];
  grads.forEach((g, k) => {
    const t = k + 1;
    for (let i = 0; i < 2; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      x[i] -= (lr * m[i]) / (Math.sqrt(v[i]) + epsAt(t));
    }
  });
  return x;
}

describe("adamStepScale", () => {
  it("is sqrt(1 - b2^t) / (1 - b1^t): 0.316 at t = 1 for (0.9, 0.999), tends to 1", () => {
    expect(adamStepScale(0.9, 0.999, 1)).toBeCloseTo(Math.sqrt(0.001) / 0.1, 14);
    expect(adamStepScale(0.9, 0.999, 10)).toBeCloseTo(Math.sqrt(1 - 0.999 ** 10) / (1 - 0.9 ** 10), 14);
    expect(adamStepScale(0.9, 0.999, 100000)).toBeCloseTo(1, 10);
  });
  it("refuses t < 1 and betas outside [0, 1), naming them", () => {
    expect(() => adamStepScale(0.9, 0.999, 0)).toThrow(/t must be an integer >= 1.*got 0/);
    expect(() => adamStepScale(1, 0.999, 3)).toThrow(/betas must be in \[0, 1\), got \[1, 0.999\]/);
  });
});

describe("withoutBiasCorrection", () => {
  const rng = createRng(7);
  const grads = Array.from({ length: 50 }, () => [rng.normal() * 3, rng.normal() * 0.01]);

  for (const convention of ["seed", "pytorch"] as const) {
    it(`equals uncorrected Adam with eps_t = eps sqrt(1 - b2^t) (${convention})`, () => {
      const inner = adam({ convention, lr: 0.01, betas: [0.8, 0.99], eps: 1e-3 });
      const opt = withoutBiasCorrection(inner);
      const x = new Float64Array([0.5, -0.3]);
      const state = opt.init(x);
      for (const g of grads) opt.step(x, Float64Array.from(g), state);
      const want = naiveUncorrected(0.01, 0.8, 0.99, (t) => 1e-3 * Math.sqrt(1 - 0.99 ** t), grads);
      expect(x[0]).toBeCloseTo(want[0], 12);
      expect(x[1]).toBeCloseTo(want[1], 12);
      // and it is not Adam: the corrected run ends elsewhere
      const y = new Float64Array([0.5, -0.3]);
      const s2 = inner.init(y);
      for (const g of grads) inner.step(y, Float64Array.from(g), s2);
      expect(Math.abs(y[0] - x[0])).toBeGreaterThan(1e-3);
    });
  }

  it("equals the seed AMSGrad (no correction) on a constant gradient, where max(v) = v", () => {
    const opt = withoutBiasCorrection(adam({ lr: 0.1, eps: 1e-12 }));
    const ref = amsgrad({ lr: 0.1, eps: 1e-12 });
    const a = new Float64Array([1]);
    const b = new Float64Array([1]);
    const sa = opt.init(a);
    const sb = ref.init(b);
    const g = new Float64Array([2]);
    for (let k = 0; k < 30; k++) {
      opt.step(a, g, sa);
      ref.step(b, g, sb);
      expect(a[0]).toBeCloseTo(b[0], 9); // rounding of lr / c_t over 30 steps
    }
    // the first uncorrected step is lr (1 - b1) / sqrt(1 - b2) = 3.16 lr
    const one = new Float64Array([0]);
    opt.step(one, g, opt.init(one));
    expect(-one[0]).toBeCloseTo((0.1 * 0.1) / Math.sqrt(0.001), 8);
  });

  it("scales a schedule's per-step lr too", () => {
    const opt = withoutBiasCorrection(adam({ lr: 1 }));
    const a = new Float64Array([0]);
    opt.step(a, new Float64Array([1]), opt.init(a), 0.5);
    expect(-a[0]).toBeCloseTo((0.5 * 0.1) / Math.sqrt(0.001), 6);
  });

  it("refuses optimizers it cannot undo, naming them", () => {
    expect(() => withoutBiasCorrection(nadam())).toThrow(/got nadam \(seed\)/);
    expect(() => withoutBiasCorrection(adamax())).toThrow(/got adamax/);
    expect(() => withoutBiasCorrection(adamw())).toThrow(/got adamw/);
    expect(() => withoutBiasCorrection(amsgrad())).toThrow(/got amsgrad \(seed\)/);
    expect(() => withoutBiasCorrection(amsgrad({ convention: "pytorch" }))).not.toThrow();
  });
});
