import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import type { Dataset } from "../../src/data/dataset";
import { makeLinearRegression } from "../../src/data/synthetic";
import { linearRegression } from "../../src/models/linear-regression";
import { logisticRegression } from "../../src/models/logistic-regression";
import { mlp } from "../../src/models/mlp";
import { modelObjective } from "../../src/models/model";
import { softmaxRegression } from "../../src/models/softmax-regression";

/** Labels given without `classes`, so only the model's own class count can catch a bad one. */
function toy(labels: number[]): Dataset {
  const n = labels.length;
  return { name: "toy", n, d: 2, X: Float64Array.from({ length: 2 * n }, (_, k) => k / 10), labels: Int32Array.from(labels) };
}
const idx = Int32Array.from([0, 1, 2, 3]);

describe("models refuse labels they cannot score (instead of a NaN loss)", () => {
  it("softmax regression and the MLP: a label >= classes, before any arithmetic", () => {
    const data = toy([0, 2, 1, 3]);
    const soft = softmaxRegression(2, 3);
    expect(() => soft.lossAndGradient(soft.initParams(0), data, idx, 0, 4, new Float64Array(soft.dim))).toThrow(
      new DescentInputError('softmax-regression has 3 classes (labels 0..2), data "toy" has label 3'),
    );
    expect(() => soft.accuracy(soft.initParams(0), data)).toThrow(/has label 3/);
    const net = mlp({ sizes: [2, 4, 3] });
    expect(() => net.loss(net.initParams(0), data)).toThrow(/mlp\(2-4-3, tanh\) has 3 classes \(labels 0\.\.2\), data "toy" has label 3/);
    // The same data is fine for a model with enough classes.
    const four = softmaxRegression(2, 4);
    expect(Number.isFinite(four.lossAndGradient(four.initParams(0), data, idx, 0, 4, new Float64Array(four.dim)))).toBe(true);
  });

  it("logistic regression: labels must be 0 or 1 (checked once per data set, not per example)", () => {
    const model = logisticRegression(2);
    expect(() => model.lossAndGradient(model.initParams(0), toy([0, 1, 2, 1]), idx, 0, 4, new Float64Array(3))).toThrow(
      /has 2 classes \(labels 0\.\.1\), data "toy" has label 2/,
    );
    expect(() => model.loss(model.initParams(0), toy([0, -1, 1, 1]))).toThrow(/label of example 1 must be a whole number >= 0, got -1/);
  });

  it("a data set whose X is shorter than n * d is refused by every entry point", () => {
    const reg = makeLinearRegression({ n: 6, d: 2, seed: 1 });
    const short: Dataset = { ...reg, X: reg.X.subarray(0, 11) };
    const model = linearRegression(2);
    expect(() => model.loss(model.initParams(0), short)).toThrow(/X must hold n \* d = 6 \* 2 = 12 numbers, got length 11/);
    expect(() => modelObjective(model, short)).toThrow(DescentInputError);
  });

  it("loss and accuracy check the parameter vector's length", () => {
    const reg = makeLinearRegression({ n: 6, d: 2, seed: 1 });
    expect(() => linearRegression(2).loss(new Float64Array(2), reg)).toThrow("linear-regression has 3 parameters, got params of length 2");
    expect(() => logisticRegression(2).accuracy(new Float64Array(4), toy([0, 1]))).toThrow(/has 3 parameters, got params of length 4/);
    expect(() => softmaxRegression(2, 2).loss(new Float64Array(5), toy([0, 1]))).toThrow(/has 6 parameters/);
  });

  it("the MLP reports the smallest batch batch normalisation allows, and validates its flag", () => {
    expect(mlp({ sizes: [2, 3, 2], batchNorm: true }).minBatch).toBe(2);
    expect(mlp({ sizes: [2, 3, 2] }).minBatch).toBe(1);
    expect(mlp({ sizes: [2, 2], batchNorm: true }).minBatch).toBe(1); // no hidden layer: nothing to normalise
    expect(() => mlp({ sizes: [2, 3, 2], batchNorm: "yes" as unknown as boolean })).toThrow('batchNorm must be true or false, got "yes"');
  });
});

describe("mlp without options (issue 5)", () => {
  it("is a DescentInputError naming sizes, not a TypeError", () => {
    expect(() => mlp(undefined as never)).toThrow(DescentInputError);
    expect(() => mlp(undefined as never)).toThrow("mlp options must be an object with sizes [inputs, hidden..., classes], got undefined");
  });
});
