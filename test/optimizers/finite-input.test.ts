import { describe, expect, it } from "vitest";
import { createOptimizer, OPTIMIZER_NAMES } from "../../src/optimizers/index";
import { CONVENTIONS } from "../../src/optimizers/optimizer";

/**
 * Issue 12, section 6: for any finite input, no optimizer turns finite numbers into NaN silently.
 * Seed-convention Nadam did, on a gradient of 1e308 (beta1 m / bc1 overflowed, then
 * Infinity / Infinity). A momentum buffer that truly exceeds the largest double (1e308 added five
 * times) becomes +-Infinity, as in PyTorch; minimize and train report that as divergence at the
 * next step (test/train), and the sign of the overflow is kept: never NaN.
 */
const GRADS = [1e308, -1e308, 1.7e308, 1e200, 1e154, 1e-308, 5e-324, 0];
const PARAMS = [0.5, 1e308, -1e308, 0];

describe.each(OPTIMIZER_NAMES.flatMap((n) => CONVENTIONS.map((c) => [n, c] as const)))("%s (%s)", (name, convention) => {
  it("never turns extreme finite gradients and parameters into NaN", () => {
    const silent: string[] = [];
    for (const g of GRADS) {
      for (const p0 of PARAMS) {
        const opt = createOptimizer(name, { convention });
        const params = Float64Array.of(p0, 1, -2);
        const grad = Float64Array.of(g, -g, g / 3);
        const state = opt.init(params);
        try {
          for (let k = 0; k < 5; k++) opt.step(params, grad, state);
        } catch {
          continue; // reported
        }
        if (params.some(Number.isNaN)) silent.push(`g=${g}, p0=${p0}: ${Array.from(params).join(", ")}`);
      }
    }
    expect(silent).toEqual([]);
  });
});
