import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset";
import { featureStats, oneHot, standardize, trainValidationSplit } from "../../src/data/split";
import { makeBlobs } from "../../src/data/synthetic";

/** X[i] = i, so each example can be traced through a split. */
function traced(n: number): Dataset {
  return {
    name: "traced",
    n,
    d: 1,
    X: Float64Array.from({ length: n }, (_, i) => i),
    y: Float64Array.from({ length: n }, (_, i) => 10 * i),
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
    classes: 3,
    difficulty: Float64Array.from({ length: n }, (_, i) => -i),
  };
}

describe("trainValidationSplit", () => {
  it("partitions the examples, keeps targets with their rows, and is seeded", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (n, frac, seed) => {
        const { train, validation } = trainValidationSplit(traced(n), frac, seed);
        expect(train.n + validation.n).toBe(n);
        expect(validation.n).toBe(Math.min(n - 1, Math.max(1, Math.round(frac * n))));
        const all = [...train.X, ...validation.X].sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
        for (const part of [train, validation]) {
          for (let r = 0; r < part.n; r++) {
            const i = part.X[r];
            expect(part.y![r]).toBe(10 * i);
            expect(part.labels![r]).toBe(i % 3);
            expect(part.difficulty![r]).toBe(-i);
          }
        }
      }),
      { numRuns: 50 },
    );
    const a = trainValidationSplit(traced(50), 0.2, 1);
    const b = trainValidationSplit(traced(50), 0.2, 1);
    const c = trainValidationSplit(traced(50), 0.2, 2);
    expect(Array.from(a.validation.X)).toEqual(Array.from(b.validation.X));
    expect(Array.from(a.validation.X)).not.toEqual(Array.from(c.validation.X));
  });

  it("rejects a fraction outside (0, 1)", () => {
    expect(() => trainValidationSplit(traced(10), 1, 0)).toThrow("fraction must be a number in (0, 1), got 1");
    expect(() => trainValidationSplit(traced(10), 0, 0)).toThrow(RangeError);
  });
});

describe("standardize and oneHot", () => {
  it("train features get mean 0 and std 1; validation uses the train statistics", () => {
    const data = makeBlobs({ n: 200, classes: 2, d: 3, seed: 4 });
    const { train, validation } = trainValidationSplit(data, 0.25, 0);
    const s = standardize(train);
    const stats = featureStats(s.data);
    for (let j = 0; j < 3; j++) {
      expect(stats.means[j]).toBeCloseTo(0, 12);
      expect(stats.stds[j]).toBeCloseTo(1, 12);
    }
    const v = standardize(validation, s);
    expect(v.data.X[0]).toBeCloseTo((validation.X[0] - s.means[0]) / s.stds[0], 12);
    expect(validation.X[0]).not.toBe(v.data.X[0]); // the input is not modified
  });

  it("a constant feature is centred, not divided by zero", () => {
    const data: Dataset = { name: "c", n: 3, d: 1, X: Float64Array.from([2, 2, 2]) };
    expect(Array.from(standardize(data).data.X)).toEqual([0, 0, 0]);
  });

  it("oneHot puts a single 1 in each row and rejects out-of-range labels", () => {
    expect(Array.from(oneHot(Int32Array.from([2, 0]), 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => oneHot(Int32Array.from([3]), 3)).toThrow("label at 0 must be in [0, 3), got 3");
  });
});
