import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import type { Dataset } from "../../src/data/dataset";
import { MIN_PRODUCT_WORK, productKernelFor, productKernelRuns } from "../../src/kernels/products";
import { setKernels, type KernelMode } from "../../src/kernels/runtime";
import { mlp, type MlpOptions } from "../../src/models/mlp";

/**
 * The MLP's products on the WebAssembly kernels (src/kernels/products.wat) give the same bits
 * as the JS loops (setKernels("js")): forward (loss, probabilities) and backward (every entry
 * of the gradient), over several training steps so the weights change under the kernels.
 * The model computes in float64 only (its parameters are a Float64Array), so there is one float
 * type to test. Sizes are odd on purpose: outputs not a multiple of the 8-output block or of the
 * 2-lane pair, inputs not a multiple of 2; the data are mostly exact zeros (the sparse path), with
 * an all-zero example, a dense example, negative zeros and both activations, with and without
 * batch normalisation.
 */
afterAll(() => setKernels("auto"));

function sparseData(n: number, d: number, classes: number, zeros: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let k = 0; k < X.length; k++) {
    const r = Math.floor(k / d);
    if (r === 0) continue; // an all-zero example
    if (r === 1 || rng.uniform() >= zeros) X[k] = rng.normal() * (r % 7 === 3 ? 1e-3 : 1);
    else if (rng.uniform() < 0.1) X[k] = -0;
  }
  const labels = Int32Array.from({ length: n }, (_, i) => (i * 7 + 3) % classes);
  return { name: "sparse", n, d, X, labels, classes };
}

interface Trace {
  losses: number[];
  grads: Float64Array[];
  probs: Float64Array;
  evalLoss: number;
  params: Float64Array;
}

/** A few SGD steps on mini-batches of odd sizes; everything the model computes, recorded. */
function trace(mode: KernelMode, options: MlpOptions, data: Dataset, seed: number): Trace {
  setKernels(mode);
  const model = mlp(options);
  const params = model.initParams(seed);
  // Some exact zeros and negative zeros among the parameters (a bias of -0 with no terms stays -0).
  for (let k = 0; k < params.length; k += 11) params[k] = k % 22 === 0 ? 0 : -0;
  const grad = new Float64Array(model.dim);
  const idx = Int32Array.from({ length: data.n }, (_, i) => (i * 5 + 1) % data.n);
  const losses: number[] = [];
  const grads: Float64Array[] = [];
  let start = 0;
  for (const m of [1, 5, 13, 2, 9]) {
    const end = Math.min(data.n, start + Math.max(m, model.minBatch ?? 1));
    losses.push(model.lossAndGradient(params, data, idx, start, end, grad));
    grads.push(Float64Array.from(grad));
    for (let k = 0; k < params.length; k++) params[k] -= 0.3 * grad[k];
    start = end % (data.n - 13);
  }
  if (model.probabilities === undefined) throw new Error("mlp has probabilities()");
  return { losses, grads, probs: model.probabilities(params, data), evalLoss: model.loss(params, data), params };
}

function expectSameBits(what: string, a: Float64Array, b: Float64Array): void {
  expect(a.length, what).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    if (!Object.is(a[k], b[k])) throw new Error(`${what}[${k}]: kernel ${b[k]} vs JS ${a[k]}`);
  }
}

const CASES: { label: string; options: MlpOptions; zeros: number }[] = [
  { label: "13-9-7-3 relu (9: a block of 8 and an odd one; 7: pairs and an odd one)", options: { sizes: [13, 9, 7, 3], activation: "relu" }, zeros: 0.6 },
  { label: "31-17-10 tanh (dense hidden layer; 17 = 2 blocks + 1; 10 = block + pair)", options: { sizes: [31, 17, 10], activation: "tanh" }, zeros: 0.8 },
  { label: "64-16-8-2 relu (exact blocks)", options: { sizes: [64, 16, 8, 2], activation: "relu" }, zeros: 0.8 },
  { label: "7-1-5 relu (a hidden layer of one unit)", options: { sizes: [7, 1, 5], activation: "relu" }, zeros: 0.3 },
  { label: "19-11-3 relu with batch norm (no bias)", options: { sizes: [19, 11, 3], activation: "relu", batchNorm: true }, zeros: 0.7 },
  { label: "25-12-4 tanh with batch norm", options: { sizes: [25, 12, 4], activation: "tanh", batchNorm: true }, zeros: 0.5 },
];

describe("MLP products: WebAssembly kernels equal the JS loops bit for bit", () => {
  for (const { label, options, zeros } of CASES) {
    it(label, () => {
      const data = sparseData(40, options.sizes[0], options.sizes[options.sizes.length - 1], zeros, options.sizes[0]);
      const js = trace("js", options, data, 3);
      const before = productKernelRuns();
      const wasm = trace("wasm", options, data, 3);
      // The kernels really ran: every layer's forward pass of 5 batches and the evaluations.
      expect(productKernelRuns() - before).toBeGreaterThanOrEqual(5 * (options.sizes.length - 1));
      wasm.losses.forEach((l, s) => expect(Object.is(l, js.losses[s]), `loss of step ${s}: ${l} vs ${js.losses[s]}`).toBe(true));
      wasm.grads.forEach((g, s) => expectSameBits(`gradient of step ${s}`, js.grads[s], g));
      expectSameBits("parameters after the steps", js.params, wasm.params);
      expectSameBits("probabilities", js.probs, wasm.probs);
      expect(Object.is(wasm.evalLoss, js.evalLoss)).toBe(true);
      // A real difference would show: the gradients are not all zero.
      expect(js.grads.some((g) => g.some((v) => v !== 0))).toBe(true);
    });
  }

  it("an MNIST-sized layer (784-128-10, 80% zero pixels, batch 64 and an eval chunk of 256)", () => {
    const options: MlpOptions = { sizes: [784, 128, 10], activation: "relu" };
    const data = sparseData(300, 784, 10, 0.8, 9);
    const run = (mode: KernelMode): { loss: number; grad: Float64Array; evalLoss: number } => {
      setKernels(mode);
      const model = mlp(options);
      const params = model.initParams(1);
      const grad = new Float64Array(model.dim);
      const idx = Int32Array.from({ length: data.n }, (_, i) => (i * 37) % data.n);
      const loss = model.lossAndGradient(params, data, idx, 17, 81, grad);
      return { loss, grad, evalLoss: model.loss(params, data) };
    };
    const js = run("js");
    const before = productKernelRuns();
    const auto = run("auto"); // chosen by size: 64 rows x each layer's weights >= MIN_PRODUCT_WORK
    expect(productKernelRuns()).toBeGreaterThan(before);
    expect(Object.is(auto.loss, js.loss)).toBe(true);
    expectSameBits("gradient", js.grad, auto.grad);
    expect(Object.is(auto.evalLoss, js.evalLoss)).toBe(true);
  });

  it("chooses by size: tiny layers stay in JS under auto; js forces JS; wasm forces the kernel", () => {
    setKernels("auto");
    expect(productKernelFor(1 * 16 * 16)).toBe(false);
    expect(productKernelFor(MIN_PRODUCT_WORK)).toBe(true);
    setKernels("js");
    expect(productKernelFor(784 * 128)).toBe(false);
    setKernels("wasm");
    expect(productKernelFor(2)).toBe(true);
    // A notebook-sized net on one example under auto runs no kernel at all.
    setKernels("auto");
    const model = mlp({ sizes: [2, 16, 16, 2], activation: "tanh" });
    const data: Dataset = { name: "xy", n: 4, d: 2, X: Float64Array.from([0, 1, 1, 0, 1, 1, 0, 0]), labels: Int32Array.from([0, 1, 0, 1]), classes: 2 };
    const before = productKernelRuns();
    model.lossAndGradient(model.initParams(1), data, Int32Array.from([0, 1, 2, 3]), 0, 1, new Float64Array(model.dim));
    expect(productKernelRuns()).toBe(before);
    // The same net on a batch of 8 (8 x 16 x 16 = 2,048 multiply-adds in the middle layer) does.
    model.lossAndGradient(model.initParams(1), data, Int32Array.from([0, 1, 2, 3, 0, 1, 2, 3]), 0, 8, new Float64Array(model.dim));
    expect(productKernelRuns()).toBe(before + 1);
  });

  it("a model made under js moves to the kernels when they are switched on, with the same results", () => {
    const options: MlpOptions = { sizes: [40, 24, 5], activation: "relu" };
    const data = sparseData(30, 40, 5, 0.7, 4);
    setKernels("js");
    const model = mlp(options);
    const params = model.initParams(2);
    const grad = new Float64Array(model.dim);
    const idx = Int32Array.from({ length: 30 }, (_, i) => i);
    const jsLoss = model.lossAndGradient(params, data, idx, 0, 20, grad);
    const jsGrad = Float64Array.from(grad);
    setKernels("wasm");
    const before = productKernelRuns();
    const wasmLoss = model.lossAndGradient(params, data, idx, 0, 20, grad);
    expect(productKernelRuns()).toBeGreaterThan(before);
    expect(Object.is(wasmLoss, jsLoss)).toBe(true);
    expectSameBits("gradient", jsGrad, grad);
  });
});
