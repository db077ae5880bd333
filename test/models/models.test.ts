import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { createRng } from "../../src/core/rng";
import type { Dataset } from "../../src/data/dataset";
import { makeBlobs, makeLinearRegression, makeTwoMoons } from "../../src/data/synthetic";
import { linearRegression } from "../../src/models/linear-regression";
import { logisticRegression, sigmoid, softplus } from "../../src/models/logistic-regression";
import { mlp } from "../../src/models/mlp";
import { modelObjective, type Model } from "../../src/models/model";
import { softmaxRegression } from "../../src/models/softmax-regression";
import { maxRelativeError, numericGradient } from "./gradcheck";

/** A batch that is not 0..m-1 (and repeats an example), so idx[start..end) handling is exercised. */
const BATCH = Int32Array.from([99, 3, 7, 1, 4, 4, 0, 12, 9, 5, 6, 2]);

function checkModelGradient(model: Model, data: Dataset, seed: number, start = 1, end = 11): number {
  const rng = createRng(seed);
  const params = model.initParams(seed);
  // Move away from the init (zero biases, gamma = 1) so every parameter matters.
  for (let j = 0; j < params.length; j++) params[j] += 0.3 * rng.normal();
  const grad = new Float64Array(model.dim);
  const scratch = new Float64Array(model.dim);
  model.lossAndGradient(params, data, BATCH, start, end, grad);
  const numeric = numericGradient((p) => model.lossAndGradient(p, data, BATCH, start, end, scratch), params);
  return maxRelativeError(grad, numeric);
}

describe("gradients match central finite differences", () => {
  const reg = makeLinearRegression({ n: 20, d: 3, noise: 0.5, seed: 1 });
  const blobs2 = makeBlobs({ n: 20, classes: 2, d: 3, seed: 2 });
  const blobs4 = makeBlobs({ n: 20, classes: 4, d: 3, seed: 3 });
  const moons = makeTwoMoons({ n: 20, seed: 4 });

  it("linear regression", () => {
    expect(checkModelGradient(linearRegression(3), reg, 1)).toBeLessThan(1e-7);
  });
  it("logistic regression", () => {
    expect(checkModelGradient(logisticRegression(3), blobs2, 2)).toBeLessThan(1e-7);
  });
  it("softmax regression", () => {
    expect(checkModelGradient(softmaxRegression(3, 4), blobs4, 3)).toBeLessThan(1e-7);
  });
  it("MLP with tanh and with relu, two hidden layers", () => {
    expect(checkModelGradient(mlp({ sizes: [3, 5, 4, 4], activation: "tanh" }), blobs4, 5)).toBeLessThan(1e-6);
    expect(checkModelGradient(mlp({ sizes: [2, 6, 5, 2], activation: "relu" }), moons, 6)).toBeLessThan(1e-6);
  });
  it("MLP with batch normalisation after each hidden layer", () => {
    expect(checkModelGradient(mlp({ sizes: [3, 5, 4, 4], activation: "tanh", batchNorm: true }), blobs4, 7)).toBeLessThan(1e-6);
    expect(checkModelGradient(mlp({ sizes: [2, 6, 5, 2], activation: "relu", batchNorm: true }), moons, 8)).toBeLessThan(1e-6);
  });
  it("a one-example batch (SGD) for the models without BN", () => {
    expect(checkModelGradient(softmaxRegression(3, 4), blobs4, 9, 4, 5)).toBeLessThan(1e-7);
    expect(checkModelGradient(mlp({ sizes: [3, 4, 4] }), blobs4, 10, 4, 5)).toBeLessThan(1e-6);
  });
});

describe("numerical stability at huge logits", () => {
  const one: Dataset = { name: "one", n: 2, d: 1, X: Float64Array.from([1, 1]), labels: Int32Array.from([0, 1]), classes: 2 };
  it("softplus and sigmoid stay finite", () => {
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(softplus(0)).toBeCloseTo(Math.log(2), 15);
  });
  it("logistic regression: logit 1000 gives loss 1000 for the wrong label, 0 for the right one", () => {
    const model = logisticRegression(1);
    const params = Float64Array.from([1000, 0]);
    const grad = new Float64Array(2);
    const idx = Int32Array.from([0, 1]);
    expect(model.lossAndGradient(params, one, idx, 0, 1, grad)).toBe(1000); // label 0, z = 1000
    expect(Array.from(grad)).toEqual([1, 1]); // sigma(1000) - 0 = 1
    expect(model.lossAndGradient(params, one, idx, 1, 2, grad)).toBe(0);
    expect(Array.from(grad)).toEqual([0, 0]);
    expect(model.accuracy(params, one)).toBe(0.5);
  });
  it("softmax regression: logits [1000, 0, -1000] give finite loss and gradient", () => {
    const model = softmaxRegression(1, 3);
    // W = [1000, 0, -1000], b = 0; x = 1 -> logits [1000, 0, -1000].
    const params = Float64Array.from([1000, 0, -1000, 0, 0, 0]);
    const data: Dataset = { name: "x", n: 1, d: 1, X: Float64Array.from([1]), labels: Int32Array.from([1]), classes: 3 };
    const grad = new Float64Array(6);
    const loss = model.lossAndGradient(params, data, Int32Array.from([0]), 0, 1, grad);
    expect(loss).toBe(1000); // log(e^1000 + 1 + e^-1000) - 0 = 1000 in double precision
    // d loss / d z = p - e_1 = [1, -1, 0] (p = [1, e^-1000, ...] rounds to [1, 0, 0]).
    expect(Array.from(grad)).toEqual([1, -1, 0, 1, -1, 0]);
    expect(model.loss(params, data)).toBe(1000);
  });
  it("MLP output layer with huge weights stays finite", () => {
    const model = mlp({ sizes: [1, 2, 2] });
    const params = model.initParams(0).fill(1000);
    const data: Dataset = { name: "x", n: 2, d: 1, X: Float64Array.from([1, -1]), labels: Int32Array.from([0, 1]), classes: 2 };
    const grad = new Float64Array(model.dim);
    const loss = model.lossAndGradient(params, data, Int32Array.from([0, 1]), 0, 2, grad);
    expect(Number.isFinite(loss)).toBe(true);
    expect(grad.every(Number.isFinite)).toBe(true);
  });
});

describe("model plumbing", () => {
  it("workspaces are reused correctly when batch sizes change", () => {
    const data = makeBlobs({ n: 40, classes: 3, d: 2, seed: 11 });
    const model = mlp({ sizes: [2, 8, 3], batchNorm: true });
    const params = model.initParams(1);
    const idx = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 40);
    const g1 = new Float64Array(model.dim);
    const g2 = new Float64Array(model.dim);
    const first = model.lossAndGradient(params, data, idx, 0, 10, g1);
    model.lossAndGradient(params, data, idx, 0, 40, g2); // grows the workspace
    model.lossAndGradient(params, data, idx, 3, 5, g2);
    const again = model.lossAndGradient(params, data, idx, 0, 10, g2);
    expect(again).toBe(first);
    expect(Array.from(g2)).toEqual(Array.from(g1));
  });

  it("modelObjective leaves batch normalisation's running statistics untouched", () => {
    const data = makeTwoMoons({ n: 40, seed: 2 });
    const model = mlp({ sizes: [2, 6, 2], batchNorm: true });
    const params = model.initParams(1);
    const before = Float64Array.from(model.buffers as Float64Array);
    const obj = modelObjective(model, data);
    const g = new Float64Array(model.dim);
    const v1 = obj.valueAndGradient(params, g);
    const v2 = obj.value(params);
    expect(v2).toBe(v1); // the same training-mode loss, no hidden state moved in between
    expect(Array.from(model.buffers as Float64Array)).toEqual(Array.from(before));
    // whereas a training pass through the model itself does move them
    const idx = Int32Array.from({ length: data.n }, (_, i) => i);
    model.lossAndGradient(params, data, idx, 0, data.n, g);
    expect(Array.from(model.buffers as Float64Array)).not.toEqual(Array.from(before));
  });

  it("modelObjective is the full-batch loss and gradient, also for Float32 parameters", () => {
    const data = makeLinearRegression({ n: 30, d: 2, seed: 5 });
    const model = linearRegression(2);
    const obj = modelObjective(model, data);
    const theta = Float64Array.from([0.5, -0.25, 0.125]);
    // Independent recomputation of 1/(2n) sum (w.x + b - y)^2.
    let expected = 0;
    for (let i = 0; i < data.n; i++) {
      const r = 0.5 * data.X[2 * i] - 0.25 * data.X[2 * i + 1] + 0.125 - data.y[i];
      expected += (0.5 * r * r) / data.n;
    }
    expect(obj.value(theta)).toBeCloseTo(expected, 12);
    expect(model.loss(theta, data)).toBeCloseTo(expected, 12);
    const g = new Float64Array(3);
    obj.valueAndGradient(theta, g);
    const g32 = new Float32Array(3);
    expect(obj.valueAndGradient(Float32Array.from(theta), g32)).toBeCloseTo(expected, 6);
    for (let j = 0; j < 3; j++) expect(g32[j]).toBeCloseTo(g[j], 5);
    const numeric = numericGradient((p) => obj.value(p), theta);
    expect(maxRelativeError(g, numeric)).toBeLessThan(1e-8);
  });

  it("rejects mismatched data with a DescentInputError naming the problem", () => {
    const reg = makeLinearRegression({ n: 5, d: 2 });
    const cls = makeBlobs({ n: 6, classes: 3, d: 2 });
    expect(() => softmaxRegression(2, 3).loss(new Float64Array(9), reg)).toThrow(/needs class labels/);
    expect(() => linearRegression(3).loss(new Float64Array(4), reg)).toThrow(DescentInputError);
    expect(() => logisticRegression(2).loss(new Float64Array(3), cls)).toThrow(/has 2 classes, data "blobs" has 3/);
    const g = new Float64Array(3);
    expect(() => linearRegression(2).lossAndGradient(new Float64Array(3), reg, Int32Array.from([0]), 0, 2, g)).toThrow(
      /0 <= start < end <= 1/,
    );
    expect(() => mlp({ sizes: [2] })).toThrow(DescentInputError);
    expect(() => mlp({ sizes: [2, 0, 2] })).toThrow(RangeError);
    expect(() => mlp({ sizes: [2, 3, 2], activation: "sigmoid" as "tanh" })).toThrow(/activation must be one of "tanh", "relu"/);
  });

  it("MLP parameter layout: W then b per layer, gamma/beta replace b under batch norm", () => {
    const plain = mlp({ sizes: [3, 4, 2] });
    expect(plain.dim).toBe(3 * 4 + 4 + 4 * 2 + 2);
    const bn = mlp({ sizes: [3, 4, 2], batchNorm: true });
    expect(bn.dim).toBe(3 * 4 + 4 + 4 + 4 * 2 + 2);
    expect(bn.buffers?.length).toBe(8);
    const p = bn.initParams(0);
    expect(Array.from(p.subarray(12, 16))).toEqual([1, 1, 1, 1]); // gamma
    expect(Array.from(p.subarray(16, 20))).toEqual([0, 0, 0, 0]); // beta
  });
});
