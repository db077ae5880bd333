import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { checkDataset, checkSparseRows, maxLabel } from "../../src/data/check";
import type { Dataset } from "../../src/data/dataset";
import { makeSparseRegression } from "../../src/data/sparse";
import { featureStats, subset, trainValidationSplit } from "../../src/data/split";
import { makeBlobs } from "../../src/data/synthetic";

function labelled(labels: number[], classes?: number): Dataset {
  const n = labels.length;
  return { name: "toy", n, d: 1, X: new Float64Array(n), labels: labels as unknown as Int32Array, classes };
}

describe("checkDataset", () => {
  it("refuses labels outside [0, classes), negative or fractional, naming the example", () => {
    expect(() => checkDataset(labelled([0, 1, 3], 3))).toThrow(new DescentInputError('data "toy": label of example 2 must be a whole number in [0, 3), got 3'));
    expect(() => checkDataset(labelled([0, -1], 2))).toThrow(/label of example 1 must be a whole number in \[0, 2\), got -1/);
    expect(() => checkDataset(labelled([0, 0.5]))).toThrow(/label of example 1 must be a whole number >= 0, got 0.5/);
  });

  it("maxLabel is the largest label of any valid labelling (-1 without labels)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 40 }), (labels) => {
        const data: Dataset = { name: "p", n: labels.length, d: 1, X: new Float64Array(labels.length), labels: Int32Array.from(labels), classes: 10 };
        expect(maxLabel(data)).toBe(Math.max(...labels));
      }),
      { numRuns: 50 },
    );
    expect(maxLabel({ name: "r", n: 1, d: 1, X: new Float64Array(1), y: new Float64Array(1) })).toBe(-1);
  });

  it("refuses shape mismatches and empty data sets", () => {
    const base = { name: "s", n: 3, d: 2, X: new Float64Array(6) };
    expect(() => checkDataset({ ...base, X: new Float64Array(5) })).toThrow('data "s": X must hold n * d = 3 * 2 = 6 numbers, got length 5');
    expect(() => checkDataset({ ...base, y: new Float64Array(2) })).toThrow(/y must hold n = 3 numbers, got length 2/);
    expect(() => checkDataset({ ...base, labels: new Int32Array(4), classes: 2 })).toThrow(/labels must hold n = 3 numbers, got length 4/);
    expect(() => checkDataset({ ...base, difficulty: new Float64Array(1) })).toThrow(/difficulty must hold n = 3/);
    expect(() => checkDataset({ ...base, n: 0, X: new Float64Array(0) }, "validation")).toThrow('validation "s": n must be an integer >= 1, got 0');
    expect(() => checkDataset({ ...base, d: 1.5 })).toThrow(/d must be an integer >= 1, got 1.5/);
    expect(() => checkDataset({ ...base, classes: 2 })).toThrow(/has classes = 2 but no labels/);
    expect(() => checkDataset(makeBlobs({ n: 10, classes: 3 }))).not.toThrow();
  });

  it("preprocessing refuses empty or malformed data instead of returning NaN", () => {
    const bad: Dataset = { name: "short", n: 4, d: 2, X: new Float64Array(7) };
    expect(() => featureStats(bad)).toThrow(/X must hold n \* d = 4 \* 2 = 8 numbers, got length 7/);
    const ok = makeBlobs({ n: 10, classes: 2 });
    expect(() => subset(ok, [])).toThrow(/subset needs at least one index/);
    expect(() => trainValidationSplit({ ...ok, n: 1, X: ok.X.subarray(0, 2), labels: ok.labels.subarray(0, 1), difficulty: undefined }, 0.5)).toThrow(
      /needs at least 2 examples/,
    );
    expect(() => trainValidationSplit(ok, 0.5, 1.5)).toThrow(new RangeError("seed must be an integer, got 1.5"));
  });
});

describe("checkSparseRows", () => {
  const good = makeSparseRegression({ n: 20, d: 5, nnzPerRow: 2, seed: 1 });
  it("accepts a generated set and refuses out-of-range columns and broken indptr", () => {
    expect(() => checkSparseRows(good)).not.toThrow();
    const indices = Int32Array.from(good.indices);
    indices[7] = 5;
    expect(() => checkSparseRows({ ...good, indices })).toThrow('data "sparse-regression": column index indices[7] must be a whole number in [0, 5), got 5');
    const indptr = Int32Array.from(good.indptr);
    indptr[3] = indptr[4] + 1;
    expect(() => checkSparseRows({ ...good, indptr })).toThrow(/indptr must be non-decreasing, got indptr\[3\]/);
    expect(() => checkSparseRows({ ...good, y: new Float64Array(3) })).toThrow(/y must hold n = 20 numbers, got length 3/);
    expect(() => checkSparseRows({ ...good, values: good.values.subarray(1) })).toThrow(/values must hold indptr\[n\] = 40 numbers, got length 39/);
  });
});
