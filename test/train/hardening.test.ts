import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import type { Dataset } from "../../src/data/dataset";
import { makeLinearRegression } from "../../src/data/synthetic";
import { linearRegression } from "../../src/models/linear-regression";
import { adam, sgd } from "../../src/optimizers/index";
import type { Schedule } from "../../src/schedules/schedule";
import { minimize } from "../../src/train/minimize";
import { train, type TrainOptions } from "../../src/train/train";
import { quadratic } from "./helpers";

/** Issue 5 in the training loops: missing options, bad data, bad scheduled rates, honest hints. */

const data = makeLinearRegression({ n: 20, d: 2, seed: 1 });
const model = linearRegression(2);

function withY(values: Partial<Record<number, number>>): Dataset {
  const y = Float64Array.from(data.y);
  for (const [i, v] of Object.entries(values)) y[Number(i)] = v as number;
  return { ...data, y };
}

/** A hand-written schedule that goes wrong at update `at`. */
function badAfter(at: number, value: number): Schedule {
  return { name: "cosine", hyper: { lr: 0.1 }, at: (t) => (t < at ? 0.1 : value) };
}

describe("train() and minimize() without options (issue 5: a TypeError)", () => {
  it("minimize with no options is a DescentInputError naming steps", () => {
    const f = quadratic([1, 2]);
    expect(() => (minimize as (...a: unknown[]) => unknown)(f, [1, 1], sgd())).toThrow(DescentInputError);
    expect(() => (minimize as (...a: unknown[]) => unknown)(f, [1, 1], sgd())).toThrow(
      "minimize options must be an object with steps (the number of updates), got undefined",
    );
    expect(() => minimize(f, [1, 1], sgd(), {} as never)).toThrow("steps must be an integer >= 0, got undefined");
  });

  it("train with no options is a DescentInputError naming epochs and batchSize", () => {
    expect(() => (train as (...a: unknown[]) => unknown)(model, data, sgd())).toThrow(DescentInputError);
    expect(() => (train as (...a: unknown[]) => unknown)(model, data, sgd())).toThrow(/^train options must be an object with epochs and batchSize/);
    expect(() => train(model, data, sgd(), {} as TrainOptions)).toThrow("epochs must be an integer >= 1, got undefined");
  });

  it("a missing optimizer, model or objective is named (not 'Cannot read properties of undefined')", () => {
    expect(() => (train as (...a: unknown[]) => unknown)(model, data)).toThrow(/^train: optimizer must be an object with init\(\), step\(\), got undefined$/);
    expect(() => (train as (...a: unknown[]) => unknown)(undefined, data, sgd(), { epochs: 1, batchSize: 1 })).toThrow(/^train: model must be an object with lossAndGradient\(\)/);
    expect(() => (minimize as (...a: unknown[]) => unknown)(null, [1], sgd(), { steps: 1 })).toThrow(/^minimize: objective must be an object with valueAndGradient\(\)/);
    expect(() => minimize(quadratic([1]), undefined as never, sgd(), { steps: 1 })).toThrow(/^x0 must be an array of 1 numbers, got undefined$/);
  });
});

describe("non-finite data is bad data, named once up front (issue 5: it blamed the learning rate)", () => {
  it("NaN in y names the field and the index", () => {
    expect(() => train(model, withY({ 7: NaN }), sgd(), { epochs: 1, batchSize: 4 })).toThrow(DescentInputError);
    expect(() => train(model, withY({ 7: NaN }), sgd(), { epochs: 1, batchSize: 4 })).toThrow('data "linear-regression": y[7] must be finite, got NaN');
  });

  it("Infinity in X names the index, the example and the feature; a validation set is checked too", () => {
    const X = Float64Array.from(data.X);
    X[2 * 5 + 1] = Infinity;
    expect(() => train(model, { ...data, X }, sgd(), { epochs: 1, batchSize: 4 })).toThrow(
      'data "linear-regression": X[11] (example 5, feature 1) must be finite, got Infinity',
    );
    expect(() => train(model, data, sgd(), { epochs: 1, batchSize: 4, validation: withY({ 0: -Infinity }) })).toThrow(
      'validation "linear-regression": y[0] must be finite, got -Infinity',
    );
  });

  it("finite data whose loss overflows before any update says to check the start point and the data, not the lr", () => {
    const huge = { ...data, name: "huge", X: data.X.map((v) => v * 1e200), y: data.y.map((v) => v * 1e200) };
    const h = train(model, huge, sgd({ lr: 1e-9 }), { epochs: 1, batchSize: 20, params: Float64Array.from([1, 1, 1]) });
    expect(h.stopped?.kind).toBe("diverged");
    expect(h.stopped?.reason).toMatch(/^diverged in epoch 1 at update 0: loss is Infinity \(check the start point and the data\)$/);
    expect(h.updates).toBe(0);
  });
});

describe("a schedule's rate is checked at every update (issue 5: a negative rate ascended silently)", () => {
  it("minimize: a RangeError naming the schedule, the update and the value", () => {
    const f = quadratic([1, 2]);
    expect(() => minimize(f, [1, 1], sgd(), { steps: 10, schedule: badAfter(4, -0.1) })).toThrow(RangeError);
    expect(() => minimize(f, [1, 1], sgd(), { steps: 10, schedule: badAfter(4, -0.1) })).toThrow(
      'schedule "cosine" returned lr -0.1 for update 4; a learning rate must be a finite number >= 0',
    );
    expect(minimize(f, [1, 1], sgd(), { steps: 4, schedule: badAfter(4, -0.1) }).stopped).toBeNull();
  });

  it("train: the same, for NaN", () => {
    expect(() => train(model, data, adam(), { epochs: 3, batchSize: 5, schedule: badAfter(6, NaN) })).toThrow(
      'schedule "cosine" returned lr NaN for update 6; a learning rate must be a finite number >= 0',
    );
  });
});

describe("the shared divergence check keeps minimize's format", () => {
  it("at step 0 the hint is the start point and the data; later the lr", () => {
    const f = quadratic([1]);
    expect(minimize(f, [NaN], sgd(), { steps: 3 }).stopped?.reason).toBe("diverged at step 0: parameter 0 is NaN (check the start point and the data)");
    const r = minimize(f, [1], sgd({ lr: 1e155 }), { steps: 5 });
    expect(r.stopped?.reason).toMatch(/^diverged at step [1-5]: (loss|parameter 0|gradient norm) is .* \(try a smaller lr\)$/);
    expect(r.loss.every(Number.isFinite)).toBe(true);
  });
});
