import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import type { Dataset } from "../../src/data/dataset";
import { makeLinearRegression, makeTwoMoons } from "../../src/data/synthetic";
import { linearRegression } from "../../src/models/linear-regression";
import { mlp } from "../../src/models/mlp";
import type { Model } from "../../src/models/model";
import type { Optimizer, OptimizerState } from "../../src/optimizers/optimizer";
import { sgd } from "../../src/optimizers/sgd";
import { clipByGlobalNorm } from "../../src/train/clip";
import { createGradientNoise, gradientNoiseVariance } from "../../src/train/noise";
import { train } from "../../src/train/train";

/**
 * A scripted run for early stopping: one full-batch update per epoch moves params[0] from e to
 * e + 1, and the validation loss after epoch e is series[e]. Everything else is inert.
 */
function scripted(series: number[]): { model: Model; optimizer: Optimizer; data: Dataset; validation: Dataset } {
  const data: Dataset = { name: "train", n: 2, d: 1, X: new Float64Array(2), y: new Float64Array(2) };
  const validation: Dataset = { ...data, name: "validation" };
  const model: Model = {
    name: "scripted",
    dim: 1,
    initParams: () => new Float64Array(1),
    lossAndGradient: (_p, _d, _i, _s, _e, grad) => (grad.fill(0), 0),
    loss: (params, set) => (set === validation ? series[params[0]] : 0),
    accuracy: () => NaN,
  };
  const optimizer: Optimizer = {
    name: "sgd", // a stand-in: its step counts epochs instead of descending
    convention: "seed",
    hyper: { lr: 1 },
    lr: 1,
    init: (): OptimizerState => ({ t: 0, slots: {}, scalars: {} }),
    step: (params) => void (params[0] += 1),
  };
  return { model, optimizer, data, validation };
}

describe("early stopping semantics", () => {
  it("gains each smaller than minDelta add up: the reference moves only on a real improvement", () => {
    // Each epoch gains 0.05 < minDelta = 0.12, but epoch 3 is 0.15 below the best (epoch 0), and
    // epoch 6 is 0.15 below epoch 3: both count. Training must run to the end.
    const series = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7];
    const { model, optimizer, data, validation } = scripted(series);
    const h = train(model, data, optimizer, { epochs: 6, batchSize: "full", validation, earlyStopping: { patience: 3, minDelta: 0.12 } });
    expect(h.stopped).toBeNull();
    expect(h.bestEpoch).toBe(6);
    expect(h.params[0]).toBe(6);
  });

  it("when it stops, the reported best loss is the best epoch's, whose parameters are restored", () => {
    const series = [1, 0.5, 0.45, 0.42, 0.6, 0.7, 0.8];
    const { model, optimizer, data, validation } = scripted(series);
    const h = train(model, data, optimizer, { epochs: 6, batchSize: "full", validation, earlyStopping: { patience: 2, minDelta: 0.1 } });
    // 0.45 and 0.42 are within minDelta of 0.5: epoch 1 stays the best; patience runs out after epoch 3.
    expect(h.bestEpoch).toBe(1);
    expect(h.epochs).toBe(3);
    expect(h.params[0]).toBe(1);
    expect(h.stopped?.reason).toContain("(best 0.5 at epoch 1)");
  });

  it("a NaN validation loss before training does not block every later improvement", () => {
    const { model, optimizer, data, validation } = scripted([NaN, 2, 1, 3, 4]);
    const h = train(model, data, optimizer, { epochs: 4, batchSize: "full", validation, earlyStopping: { patience: 2 } });
    expect(h.bestEpoch).toBe(2);
    expect(h.params[0]).toBe(2);
  });

  it("restores the batch-norm running statistics of the best epoch together with its parameters", () => {
    const data = makeTwoMoons({ n: 64, seed: 1 });
    // Validation labels flipped: learning the training set makes the validation loss worse.
    const validation: Dataset = { ...makeTwoMoons({ n: 32, seed: 2 }), name: "flipped" };
    const flipped: Dataset = { ...validation, labels: validation.labels!.map((c) => 1 - c) };
    const model = mlp({ sizes: [2, 8, 2], batchNorm: true });
    const seen: Float64Array[] = [];
    const h = train(model, data, sgd({ lr: 0.2 }), {
      epochs: 30,
      batchSize: 16,
      validation: flipped,
      earlyStopping: { patience: 2 },
      onEpoch: () => void seen.push(Float64Array.from(model.buffers!)),
    });
    expect(h.stopped?.kind).toBe("early-stopping");
    expect(h.epochs).toBe(h.bestEpoch + 2);
    expect(Array.from(model.buffers!)).toEqual(Array.from(seen[h.bestEpoch]));
    expect(Array.from(model.buffers!)).not.toEqual(Array.from(seen[h.epochs]));
    expect(model.loss(h.params, flipped)).toBe(h.validationLoss[h.bestEpoch]);
  });
});

describe("divergence and batch normalisation", () => {
  it("a diverging batch does not leave NaN in the running statistics", () => {
    // Features of 1e308: every pre-activation overflows, the batch mean is infinite, the loss NaN.
    const data: Dataset = { name: "huge", n: 4, d: 2, X: new Float64Array(8).fill(1e308), labels: Int32Array.from([0, 1, 0, 1]), classes: 2 };
    const model = mlp({ sizes: [2, 3, 2], batchNorm: true });
    const h = train(model, data, sgd({ lr: 0.1 }), { epochs: 2, batchSize: "full" });
    expect(h.stopped?.kind).toBe("diverged");
    expect(Array.from(model.buffers!)).toEqual([0, 0, 0, 1, 1, 1]); // the initial running mean / variance
  });
});

describe("train validates the run before the first update", () => {
  const data = makeLinearRegression({ n: 10, d: 2 });
  const model = linearRegression(2);
  const opt = sgd({ lr: 0.1 });

  it("epochs 0, a batch larger than the data set, malformed or empty data", () => {
    expect(() => train(model, data, opt, { epochs: 0, batchSize: 1 })).toThrow(new RangeError("epochs must be an integer >= 1, got 0"));
    expect(() => train(model, data, opt, { epochs: 1, batchSize: 11 })).toThrow(
      new RangeError('batchSize must be "full" or an integer in [1, n = 10] for data "linear-regression", got 11'),
    );
    expect(() => train(model, { ...data, y: data.y.subarray(0, 9) }, opt, { epochs: 1, batchSize: 1 })).toThrow(/data "linear-regression": y must hold n = 10 numbers, got length 9/);
    expect(() => train(model, { ...data, n: 0, X: new Float64Array(0) }, opt, { epochs: 1, batchSize: "full" })).toThrow(/n must be an integer >= 1, got 0/);
    const badValidation = { ...data, X: data.X.subarray(1) };
    expect(() => train(model, data, opt, { epochs: 1, batchSize: 1, validation: badValidation })).toThrow(/^validation "linear-regression": X must hold/);
    expect(() => train(model, data, opt, { epochs: 1, batchSize: 1, onEpoch: 3 as unknown as () => void })).toThrow(/onEpoch must be a function, got 3/);
  });

  it("refuses batch-norm batches of one example (including the last one) before training", () => {
    const moons = makeTwoMoons({ n: 21, seed: 3 });
    const bn = mlp({ sizes: [2, 4, 2], batchNorm: true });
    let epochs = 0;
    const onEpoch = () => void epochs++;
    expect(() => train(bn, moons, opt, { epochs: 1, batchSize: 4, onEpoch })).toThrow(DescentInputError);
    expect(() => train(bn, moons, opt, { epochs: 1, batchSize: 4, onEpoch })).toThrow(/batchSize 4 on n = 21 gives a batch of 1/);
    expect(() => train(bn, moons, opt, { epochs: 1, batchSize: 1, onEpoch })).toThrow(/needs batches of at least 2 examples/);
    expect(epochs).toBe(0);
    expect(train(bn, moons, opt, { epochs: 1, batchSize: 6 }).updates).toBe(4); // 21 = 3 * 6 + 3: the last batch holds 3
  });
});

describe("clipping and noise validate their arguments", () => {
  it("clipByGlobalNorm refuses a non-positive or NaN bound", () => {
    expect(() => clipByGlobalNorm(Float64Array.from([3, 4]), 0)).toThrow("maxNorm must be a finite number > 0, got 0");
    expect(() => clipByGlobalNorm(Float64Array.from([3, 4]), NaN)).toThrow(RangeError);
  });

  it("gradientNoiseVariance and createGradientNoise refuse out-of-range values", () => {
    expect(() => gradientNoiseVariance(-1, 0.3)).toThrow("t must be an integer >= 0, got -1");
    expect(() => gradientNoiseVariance(0, -0.3)).toThrow("eta must be a finite number > 0, got -0.3");
    expect(() => gradientNoiseVariance(0, 0.3, -1)).toThrow("gamma must be a finite number >= 0, got -1");
    expect(() => createGradientNoise({ eta: 0.1, seed: 1.5 })).toThrow("gradientNoise.seed must be an integer >= 0, got 1.5");
  });
});
