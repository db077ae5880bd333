import { describe, expect, it } from "vitest";
import { adamStepScale, runOnGradients } from "../../src/analysis/index";
import { adam, sgd } from "../../src/optimizers/index";

describe("runOnGradients", () => {
  it("feeds the chosen gradients: SGD's steps are eta g_t", () => {
    const r = runOnGradients(sgd({ lr: 0.5 }), [0], (t) => [(-1) ** t], 4);
    expect(r.steps.map((s) => s[0])).toEqual([-0.5, 0.5, -0.5, 0.5]);
    expect(r.trajectory[4][0]).toBe(0);
  });

  it("Adam after 1000 gradients of 0.001 takes a step of about 2.54 eta on a gradient of 1, as (1 - b1)/sqrt(1 - b2) c_t predicts", () => {
    const eta = 0.01;
    const r = runOnGradients(adam({ lr: eta }), [0], (t) => [t <= 1000 ? 0.001 : 1], 1001);
    const measured = r.steps[1000][0] / eta;
    const spikeOnly = ((1 - 0.9) / Math.sqrt(1 - 0.999)) * adamStepScale(0.9, 0.999, 1001);
    expect(measured).toBeCloseTo(2.54, 2);
    expect(Math.abs(measured / spikeOnly - 1)).toBeLessThan(0.02);
    expect(measured).toBeGreaterThan(1); // "never more than eta" is false
  });

  it("names a wrong gradient length", () => {
    expect(() => runOnGradients(sgd({ lr: 0.1 }), [0, 0], () => [1], 1)).toThrow(/gradientAt\(1\) must return 2 numbers/);
  });
});
