import { describe, expect, it } from "vitest";
import { classProbabilities, ensembleAccuracy } from "../../src/analysis/class-probabilities";
import { makeBlobs } from "../../src/data/index";
import { mlp, softmaxRegression } from "../../src/models/index";

describe("classProbabilities (the models' own probabilities)", () => {
  const data = makeBlobs({ n: 60, classes: 3, seed: 4 });

  it("equals softmax(W x + b) of softmax regression, computed here by hand", () => {
    const model = softmaxRegression(data.d, 3);
    const params = model.initParams(7);
    for (let j = 0; j < params.length; j++) params[j] += 0.3 * Math.sin(j + 1); // a non-trivial point
    const p = classProbabilities(model, params, data, 3);
    const d = data.d;
    for (let i = 0; i < data.n; i++) {
      const z = [0, 1, 2].map((k) => {
        let s = params[3 * d + k];
        for (let j = 0; j < d; j++) s += params[k * d + j] * data.X[i * d + j];
        return s;
      });
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e[0] + e[1] + e[2];
      for (let k = 0; k < 3; k++) expect(p[i * 3 + k]).toBeCloseTo(e[k] / sum, 12);
    }
  });

  it("for an MLP gives rows that sum to 1 and whose argmax reproduces model.accuracy", () => {
    const model = mlp({ sizes: [data.d, 8, 3], activation: "relu" });
    const params = model.initParams(3);
    const p = classProbabilities(model, params, data, 3);
    let correct = 0;
    for (let i = 0; i < data.n; i++) {
      const row = [p[3 * i], p[3 * i + 1], p[3 * i + 2]];
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 12);
      expect(Math.min(...row)).toBeGreaterThan(0);
      if (row.indexOf(Math.max(...row)) === data.labels[i]) correct++;
    }
    expect(correct / data.n).toBeCloseTo(model.accuracy(params, data), 12);
    // The one-table ensemble is the model itself.
    expect(ensembleAccuracy([p], data.labels, 3)).toBeCloseTo(model.accuracy(params, data), 12);
  });

  it("averages tables before the argmax", () => {
    const labels = new Int32Array([0, 1]);
    // Each member is confidently right on one example and mildly wrong on the other: alone 1 of 2,
    // averaged right on both. A third member that is wrong on both with high confidence spoils it.
    const a = new Float64Array([0.9, 0.1, 0.6, 0.4]);
    const b = new Float64Array([0.4, 0.6, 0.1, 0.9]);
    const bad = new Float64Array([0.01, 0.99, 0.99, 0.01]);
    expect(ensembleAccuracy([a], labels, 2)).toBe(0.5);
    expect(ensembleAccuracy([b], labels, 2)).toBe(0.5);
    expect(ensembleAccuracy([a, b], labels, 2)).toBe(1);
    expect(ensembleAccuracy([a, b, bad], labels, 2)).toBe(0);
  });

  it("works for a batch-norm MLP in evaluation mode, leaving its running statistics alone", () => {
    const bn = mlp({ sizes: [data.d, 4, 3], batchNorm: true });
    const params = bn.initParams(1);
    const before = Float64Array.from(bn.buffers ?? []);
    const p = classProbabilities(bn, params, data, 3);
    for (let i = 0; i < data.n; i++) expect(p[3 * i] + p[3 * i + 1] + p[3 * i + 2]).toBeCloseTo(1, 12);
    expect(Array.from(bn.buffers ?? [])).toEqual(Array.from(before));
    expect(ensembleAccuracy([p], data.labels, 3)).toBeCloseTo(bn.accuracy(params, data), 12);
  });

  it("refuses non-classifiers, bad class counts, wrong parameters and mismatched tables", () => {
    const model = softmaxRegression(data.d, 3);
    expect(() => classProbabilities(model, model.initParams(1), data, 1)).toThrow(/classes.*got 1/);
    expect(() => classProbabilities(model, model.initParams(1), data, 4)).toThrow(/has 3 classes, not 4/);
    expect(() => classProbabilities(model, new Float64Array(2), data, 3)).toThrow(/parameters/);
    const regression = { ...model, probabilities: undefined };
    expect(() => classProbabilities(regression, model.initParams(1), data, 3)).toThrow(/classifier with probabilities/);
    expect(() => ensembleAccuracy([], data.labels, 3)).toThrow(/at least one/);
    expect(() => ensembleAccuracy([new Float64Array(5)], data.labels, 3)).toThrow(/n x K/);
  });
});
