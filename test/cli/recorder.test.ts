import { describe, expect, it } from "vitest";
import { MAX_RECORDED_VALUES, recordedRows, recordStride } from "../../src/cli/bounds";
import { recordEvery } from "../../src/cli/recorder";
import { createOptimizer } from "../../src/optimizers/index";
import { surfaceFromExpression } from "../../src/problems/expression";
import { getSurface } from "../../src/problems/surfaces/index";
import { minimize } from "../../src/train/minimize";

describe("bounded recording", () => {
  it("keeps every k-th point and the last, equal to minimize's full record", () => {
    const s = getSurface("rosenbrock");
    for (const every of [1, 2, 3, 7, 50]) {
      const steps = 101;
      const full = minimize(s, s.start, createOptimizer("adam", { lr: 0.05 }), { steps, record: "all" });
      const rec = recordEvery(s, steps, every);
      const result = minimize(rec.objective, s.start, createOptimizer("adam", { lr: 0.05 }), { steps, record: "none" });
      const run = rec.finish(result);
      const expectedSteps: number[] = [];
      for (let k = 0; k <= steps; k += every) expectedSteps.push(k);
      if (expectedSteps[expectedSteps.length - 1] !== steps) expectedSteps.push(steps);
      expect(Array.from(run.steps)).toEqual(expectedSteps);
      expect(run.rows).toBe(expectedSteps.length);
      expectedSteps.forEach((k, r) => {
        expect(Array.from(run.values.subarray(r * 2, r * 2 + 2))).toEqual(Array.from(full.trajectory[k]));
        expect(run.loss[r]).toBe(full.loss[k]);
      });
    }
  });

  it("ends at the last finite point when the run diverges", () => {
    // x^2 + y^2 with SGD at lr 1e200: x grows by ~2e200 per step and overflows within a few steps.
    const f = surfaceFromExpression("x^2 + y^2", { start: [1, 1] });
    for (const every of [1, 2, 3]) {
      const full = minimize(f, [1, 1], createOptimizer("sgd", { lr: 1e200 }), { steps: 50, record: "all" });
      expect(full.stopped).not.toBeNull();
      const rec = recordEvery(f, 50, every);
      const result = minimize(rec.objective, [1, 1], createOptimizer("sgd", { lr: 1e200 }), { steps: 50, record: "none" });
      const run = rec.finish(result);
      const last = full.trajectory.length - 1;
      expect(run.steps[run.rows - 1]).toBe(last);
      expect(Array.from(run.values.subarray((run.rows - 1) * 2, run.rows * 2))).toEqual(Array.from(full.trajectory[last]));
      expect(run.rows).toBe(recordedRows(last, every));
    }
  });

  it("chooses the smallest stride that keeps the record within the bound", () => {
    for (const [steps, dim] of [[1_000_000, 2], [1_000_000, 50], [200_000, 2000], [10, 3], [0, 1], [999_999, 7]]) {
      const k = recordStride(steps, dim);
      expect(k).toBeDefined();
      const every = k as number;
      expect(recordedRows(steps, every) * dim).toBeLessThanOrEqual(MAX_RECORDED_VALUES);
      if (every > 1) expect(recordedRows(steps, every - 1) * dim).toBeGreaterThan(MAX_RECORDED_VALUES);
    }
    expect(recordStride(1_000_000, 2)).toBe(1); // every point of a 2-D run of the longest length
    expect(recordStride(10, MAX_RECORDED_VALUES)).toBeUndefined(); // two points are already too many
  });
});
