import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset";
import { makeLinearRegression, makeTwoMoons } from "../../src/data/synthetic";
import { linearRegression } from "../../src/models/linear-regression";
import { mlp } from "../../src/models/mlp";
import { adam } from "../../src/optimizers/adam";
import { sgd } from "../../src/optimizers/sgd";
import type { Schedule } from "../../src/schedules/schedule";
import { train } from "../../src/train/train";

describe("train", () => {
  it("SGD on linear regression recovers wTrue and bTrue", () => {
    const data = makeLinearRegression({ n: 400, d: 5, noise: 0.05, seed: 2 });
    const model = linearRegression(5);
    const h = train(model, data, sgd({ lr: 0.02 }), { epochs: 20, batchSize: 1, seed: 1 });
    for (let j = 0; j < 5; j++) expect(Math.abs(h.params[j] - data.wTrue![j])).toBeLessThan(0.02);
    expect(Math.abs(h.params[5] - data.bTrue!)).toBeLessThan(0.02);
    expect(h.trainLoss[20]).toBeLessThan(0.5 * 0.05 ** 2 * 1.5); // near the noise floor sigma^2 / 2
    expect(h.trainLoss[0]).toBeGreaterThan(1);
    expect(Number.isNaN(h.trainAccuracy[0])).toBe(true);
  });

  it("batch GD makes 1 update per epoch, SGD n, mini-batch ceil(n / b)", () => {
    const data = makeLinearRegression({ n: 100, d: 2, seed: 3 });
    const model = linearRegression(2);
    const full = train(model, data, sgd({ lr: 0.1 }), { epochs: 3, batchSize: "full" });
    expect([full.updatesPerEpoch, full.updates, full.updateLoss.length, full.batchSize]).toEqual([1, 3, 3, 100]);
    const one = train(model, data, sgd({ lr: 0.01 }), { epochs: 2, batchSize: 1 });
    expect([one.updatesPerEpoch, one.updates, one.updateGradNorm.length]).toEqual([100, 200, 200]);
    const mini = train(model, data, sgd({ lr: 0.05 }), { epochs: 2, batchSize: 32, recordEvery: 3 });
    expect([mini.updatesPerEpoch, mini.updates, mini.updateLoss.length]).toEqual([4, 8, 3]);
    expect(mini.trainLoss.length).toBe(3); // before training + 2 epochs
  });

  it("batch GD with a fixed order equals gradient descent on the full objective", () => {
    const data = makeLinearRegression({ n: 50, d: 2, seed: 4 });
    const model = linearRegression(2);
    const p0 = model.initParams(0);
    const h = train(model, data, sgd({ lr: 0.1 }), { epochs: 1, batchSize: "full", params: Float64Array.from(p0) });
    // One full-batch step computed by hand: theta - lr * mean residual * [x, 1].
    const g = new Float64Array(3);
    for (let i = 0; i < data.n; i++) {
      const r = p0[0] * data.X[2 * i] + p0[1] * data.X[2 * i + 1] + p0[2] - data.y![i];
      g[0] += (r * data.X[2 * i]) / data.n;
      g[1] += (r * data.X[2 * i + 1]) / data.n;
      g[2] += r / data.n;
    }
    for (let j = 0; j < 3; j++) expect(h.params[j]).toBeCloseTo(p0[j] - 0.1 * g[j], 12);
  });

  it("curriculum order presents the easiest example first", () => {
    const data = makeLinearRegression({ n: 30, d: 2, noise: 1, seed: 5 });
    const difficulty = Float64Array.from({ length: 30 }, (_, i) => (i * 11) % 30); // example 0 easiest, then 11, 22, ...
    const model = linearRegression(2);
    const p0 = model.initParams(0);
    const h = train(model, data, sgd({ lr: 0.01 }), { epochs: 1, batchSize: 1, order: "curriculum", difficulty, params: Float64Array.from(p0) });
    const r0 = p0[0] * data.X[0] + p0[1] * data.X[1] + p0[2] - data.y![0];
    expect(h.updateLoss[0]).toBeCloseTo(0.5 * r0 * r0, 12);
    // Without a difficulty argument the data set's own score is used.
    expect(() => train(model, { ...data, difficulty: undefined }, sgd({ lr: 0.01 }), { epochs: 1, batchSize: 1, order: "curriculum" })).toThrow(
      /needs a difficulty score/,
    );
  });

  it("early stopping stops `patience` epochs after the best validation loss and restores its parameters", () => {
    const data = makeLinearRegression({ n: 200, d: 3, noise: 0.1, seed: 6 });
    // Validation targets from a different linear model: training first helps a little, then hurts.
    const flipped: Dataset = { ...data, name: "shifted", y: data.y!.map((v, i) => 0.3 * v - data.X[3 * i]) };
    const model = linearRegression(3);
    const patience = 3;
    const epochsSeen: number[] = [];
    const h = train(model, data, sgd({ lr: 0.01 }), {
      epochs: 50,
      batchSize: 20,
      seed: 2,
      validation: flipped,
      earlyStopping: { patience },
      onEpoch: (r) => void epochsSeen.push(r.epoch),
    });
    const vl = h.validationLoss;
    const argmin = vl.indexOf(Math.min(...vl));
    expect(h.stopped?.kind).toBe("early-stopping");
    expect(h.bestEpoch).toBe(argmin);
    expect(h.epochs).toBe(h.bestEpoch + patience);
    expect(h.epochs).toBeLessThan(50);
    for (let e = h.bestEpoch + 1; e <= h.epochs; e++) expect(vl[e]).toBeGreaterThanOrEqual(vl[h.bestEpoch]);
    expect(model.loss(h.params, flipped)).toBeCloseTo(vl[h.bestEpoch], 12);
    expect(epochsSeen).toEqual(Array.from({ length: h.epochs + 1 }, (_, i) => i));
    expect(h.stopped?.reason).toContain(`for ${patience} epochs`);
  });

  it("divergence stops training with a reason and keeps finite parameters", () => {
    const data = makeLinearRegression({ n: 50, d: 2, seed: 7 });
    const h = train(linearRegression(2), data, sgd({ lr: 1e200 }), { epochs: 10, batchSize: 10 });
    expect(h.stopped?.kind).toBe("diverged");
    expect(h.stopped?.reason).toMatch(/^diverged in epoch 1 at update \d+: .* \(try a smaller lr\)$/);
    expect(h.params.every(Number.isFinite)).toBe(true);
    expect(h.epochs).toBe(0);
  });

  it("the schedule sets each update's lr; history.lr is the last lr of each epoch", () => {
    const data = makeLinearRegression({ n: 40, d: 2, seed: 8 });
    const seen: number[] = [];
    const schedule: Schedule = { name: "inverse-time", hyper: {}, at: (t) => (seen.push(t), 0.1 / (1 + t)) };
    const h = train(linearRegression(2), data, sgd({ lr: 5 }), { epochs: 3, batchSize: 10, schedule });
    expect(h.lr).toEqual([0.1, 0.1 / 4, 0.1 / 8, 0.1 / 12]);
    expect(seen.filter((t) => t > 0)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it("is reproducible from the seed (shuffles and gradient noise)", () => {
    const data = makeLinearRegression({ n: 60, d: 2, seed: 9 });
    const run = (seed: number) =>
      train(linearRegression(2), data, sgd({ lr: 0.05 }), { epochs: 2, batchSize: 8, seed, gradientNoise: { eta: 0.01 } }).params;
    expect(Array.from(run(3))).toEqual(Array.from(run(3)));
    expect(Array.from(run(3))).not.toEqual(Array.from(run(4)));
  });

  it("an MLP (with and without batch norm) learns two moons with Adam", () => {
    const data = makeTwoMoons({ n: 300, noise: 0.1, seed: 1 });
    const validation = makeTwoMoons({ n: 200, noise: 0.1, seed: 2 });
    for (const batchNorm of [false, true]) {
      const model = mlp({ sizes: [2, 16, 16, 2], activation: "tanh", batchNorm });
      const h = train(model, data, adam({ lr: 0.01 }), { epochs: 40, batchSize: 16, seed: 0, validation });
      console.log(`two moons, MLP batchNorm=${batchNorm}: validation accuracy ${h.validationAccuracy[40].toFixed(3)}`);
      expect(h.validationAccuracy[40]).toBeGreaterThan(0.95);
      expect(h.validationAccuracy[0]).toBeLessThan(0.9);
    }
  });

  it("validates its options", () => {
    const data = makeLinearRegression({ n: 10, d: 2 });
    const model = linearRegression(2);
    const opt = sgd({ lr: 0.1 });
    expect(() => train(model, data, opt, { epochs: -1, batchSize: 1 })).toThrow("epochs must be an integer >= 1, got -1");
    expect(() => train(model, data, opt, { epochs: 1, batchSize: 0 })).toThrow(/batchSize must be an integer >= 1, got 0/);
    expect(() => train(model, data, opt, { epochs: 1, batchSize: 1, earlyStopping: { patience: 2 } })).toThrow(/needs a validation set/);
    expect(() => train(model, data, opt, { epochs: 1, batchSize: 1, params: new Float64Array(2) })).toThrow(/params must have 3 entries/);
  });
});

describe("train: clipping and callbacks", () => {
  it("clipNorm bounds the update and history keeps the pre-clip gradient norm", () => {
    const data = makeLinearRegression({ n: 30, d: 2, seed: 10 });
    const model = linearRegression(2);
    const p0 = Float64Array.from([20, -20, 5]); // far away: the gradient is large
    const h = train(model, data, sgd({ lr: 0.1 }), { epochs: 1, batchSize: "full", clipNorm: 0.5, params: Float64Array.from(p0) });
    expect(h.updateGradNorm[0]).toBeGreaterThan(5);
    const moved = Math.hypot(h.params[0] - p0[0], h.params[1] - p0[1], h.params[2] - p0[2]);
    expect(moved).toBeCloseTo(0.1 * 0.5, 12);
  });

  it("onEpoch returning 'stop' ends training after that epoch", () => {
    const data = makeLinearRegression({ n: 30, d: 2, seed: 11 });
    const h = train(linearRegression(2), data, sgd({ lr: 0.1 }), {
      epochs: 10,
      batchSize: 5,
      onEpoch: (r) => (r.epoch === 2 ? "stop" : undefined),
    });
    expect(h.epochs).toBe(2);
    expect(h.updates).toBe(12);
    expect(h.stopped?.kind).toBe("callback");
  });
});
