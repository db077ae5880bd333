import { describe, expect, it } from "vitest";
import { sgd } from "../../src/optimizers/sgd";
import type { Schedule } from "../../src/schedules/schedule";
import { minimize } from "../../src/train/minimize";
import { quadratic } from "./helpers";

describe("minimize", () => {
  const f = quadratic([1, 4]);

  it("records steps + 1 rows with loss[k] = f(trajectory[k]), following the closed form of GD", () => {
    const r = minimize(f, [1, -2], sgd({ lr: 0.1 }), { steps: 25 });
    expect(r.trajectory.length).toBe(26);
    expect(r.loss.length).toBe(26);
    expect(r.gradNorm.length).toBe(26);
    expect(r.lr).toEqual(new Array(25).fill(0.1));
    expect(Array.from(r.trajectory[0])).toEqual([1, -2]);
    for (let k = 0; k <= 25; k++) {
      const x = r.trajectory[k];
      expect(r.loss[k]).toBe(f.value(x));
      expect(x[0]).toBeCloseTo(0.9 ** k, 12);
      expect(x[1]).toBeCloseTo(-2 * 0.6 ** k, 12);
      expect(r.gradNorm[k]).toBeCloseTo(Math.hypot(x[0], 4 * x[1]), 12);
    }
    expect(Array.from(r.final)).toEqual(Array.from(r.trajectory[25]));
    expect(r.stopped).toBeNull();
  });

  it("steps = 0 records only the start; record 'none' keeps no trajectory", () => {
    const r0 = minimize(f, [3, 1], sgd({ lr: 0.1 }), { steps: 0 });
    expect(r0.trajectory.length).toBe(1);
    expect(r0.loss).toEqual([0.5 * 9 + 2]);
    const rn = minimize(f, [3, 1], sgd({ lr: 0.1 }), { steps: 5, record: "none" });
    expect(rn.trajectory).toEqual([]);
    expect(rn.loss.length).toBe(6);
  });

  it("uses the schedule's learning rate for update k", () => {
    const halving: Schedule = { name: "exponential", hyper: { lr: 0.2, gamma: 0.5 }, at: (t) => 0.2 * 0.5 ** t };
    const r = minimize(quadratic([1]), [1], sgd({ lr: 123 }), { steps: 4, schedule: halving });
    expect(r.lr).toEqual([0.2, 0.1, 0.05, 0.025]);
    let x = 1;
    for (let k = 0; k < 4; k++) x *= 1 - 0.2 * 0.5 ** k;
    expect(r.final[0]).toBeCloseTo(x, 14);
  });

  it("stops on divergence with a reason; records end at the last finite point", () => {
    const r = minimize(f, [1, 1], sgd({ lr: 1e150 }), { steps: 100 });
    expect(r.stopped).not.toBeNull();
    const step = r.stopped!.step;
    expect(step).toBeGreaterThan(0);
    expect(r.stopped!.reason).toMatch(new RegExp(`^diverged at step ${step}: .*(Infinity|NaN).* \\(try a smaller lr\\)$`));
    expect(r.trajectory.length).toBe(step);
    expect(r.loss.length).toBe(step);
    expect(r.loss.every(Number.isFinite)).toBe(true);
    expect(Array.from(r.final)).toEqual(Array.from(r.trajectory[step - 1]));
  });

  it("a non-finite start point stops at step 0", () => {
    const r = minimize(f, [NaN, 0], sgd({ lr: 0.1 }), { steps: 3 });
    expect(r.stopped?.step).toBe(0);
    expect(r.stopped?.reason).toContain("parameter 0 is NaN");
    expect(r.loss).toEqual([]);
  });

  it("clipNorm bounds each step: |x_{k+1} - x_k| <= lr * clipNorm", () => {
    const r = minimize(quadratic([100, 100]), [10, -10], sgd({ lr: 0.001 }), { steps: 20, clipNorm: 1 });
    for (let k = 0; k < 20; k++) {
      const a = r.trajectory[k];
      const b = r.trajectory[k + 1];
      expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeLessThanOrEqual(0.001 + 1e-15);
    }
    expect(r.gradNorm[0]).toBeCloseTo(Math.hypot(1000, 1000), 9); // recorded before clipping
  });

  it("gradient noise is seeded: same seed same path, other seed other path", () => {
    const run = (seed: number) =>
      minimize(f, [1, 1], sgd({ lr: 0.1 }), { steps: 10, gradientNoise: { eta: 0.1, seed } }).final;
    expect(Array.from(run(1))).toEqual(Array.from(run(1)));
    expect(Array.from(run(1))).not.toEqual(Array.from(run(2)));
  });

  it("validates steps, x0 and options", () => {
    const opt = sgd({ lr: 0.1 });
    expect(() => minimize(f, [0, 0], opt, { steps: -1 })).toThrow("steps must be an integer >= 0, got -1");
    expect(() => minimize(f, [0, 0], opt, { steps: 1.5 })).toThrow(RangeError);
    expect(() => minimize(f, [0], opt, { steps: 1 })).toThrow(/x0 must have 2 entries/);
    expect(() => minimize(f, [0, 0], opt, { steps: 1, clipNorm: 0 })).toThrow(/clipNorm must be a finite number > 0/);
  });
});
