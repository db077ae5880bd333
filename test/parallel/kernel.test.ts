import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeSparseRegression } from "../../src/data/sparse";
import { addSparseExampleGradient, sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";
import { shardRows, sparseSgdUpdate, workerSeed } from "../../src/parallel/sparse-sgd-kernel";
import { solveSparseLeastSquares } from "../../src/parallel/least-squares-reference";
import { runSparseSgd } from "../../src/parallel/sparse-sgd";
import { HOGWILD_WORKER_SOURCE } from "../../src/parallel/hogwild-worker-source";
import { createRng } from "../../src/core/rng";

const data = makeSparseRegression({ n: 60, d: 12, nnzPerRow: 3, seed: 5, noise: 0.1 });

/** Row i of X as a dense array. */
function denseRow(i: number): number[] {
  const row = new Array<number>(data.d).fill(0);
  for (let p = data.indptr[i]; p < data.indptr[i + 1]; p++) row[data.indices[p]] = data.values[p];
  return row;
}

describe("sparse SGD kernel", () => {
  it("one update equals the dense step w - lr (x.w - y) x", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: data.n - 1 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 12, maxLength: 12 }), fc.double({ min: 1e-3, max: 1, noNaN: true }), (i, w0, lr) => {
        const w = Float64Array.from(w0);
        const x = denseRow(i);
        const r = x.reduce((s, xj, j) => s + xj * w0[j], 0) - data.y[i];
        sparseSgdUpdate(data, i, w, lr);
        for (let j = 0; j < data.d; j++) expect(w[j]).toBeCloseTo(w0[j] - lr * r * x[j], 12);
      }),
      { numRuns: 50 },
    );
  });

  it("the step equals the model's gradient kernel with scale -lr, bit for bit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: data.n - 1 }), fc.double({ min: 1e-3, max: 1, noNaN: true }), (i, lr) => {
        const w0 = Float64Array.from({ length: data.d }, (_, j) => Math.cos(3 * j + i));
        const a = Float64Array.from(w0);
        const b = Float64Array.from(w0);
        sparseSgdUpdate(data, i, a, lr);
        addSparseExampleGradient(data, w0, i, -lr, b);
        expect(Array.from(a)).toEqual(Array.from(b));
      }),
      { numRuns: 50 },
    );
  });

  it("the worker thread's inline JavaScript kernel computes exactly what the TypeScript kernel computes", () => {
    // Run the real worker source in this thread with a stand-in for worker_threads. The barrier
    // word is raised past the last epoch up front, so the worker never waits.
    const epochs = 3;
    const lr = 0.07;
    const lrDecay = 0.8;
    const seed = 13;
    const shared = (a: Float64Array | Int32Array): ArrayBuffer => a.slice().buffer as ArrayBuffer;
    const w = new Float64Array(data.d).fill(0.25);
    const control = new Int32Array([epochs + 1]);
    const messages: unknown[] = [];
    const workerData = {
      w: w.buffer,
      indptr: shared(data.indptr),
      indices: shared(data.indices),
      values: shared(data.values),
      y: shared(data.y),
      control: control.buffer,
      mutex: new Int32Array(1).buffer,
      workerIndex: 0,
      workers: 1,
      epochs,
      lr,
      lrDecay,
      locked: false,
      seed: workerSeed(seed, 0),
    };
    const fakeRequire = (name: string): unknown => {
      expect(name).toBe("worker_threads");
      return { workerData, parentPort: { postMessage: (m: unknown) => messages.push(m) } };
    };
    new Function("require", HOGWILD_WORKER_SOURCE)(fakeRequire);

    // The same run with the TypeScript kernel and rng.
    const expected = new Float64Array(data.d).fill(0.25);
    const order = shardRows(data.n, 1, 0);
    const rng = createRng(workerSeed(seed, 0));
    let rate = lr;
    for (let e = 0; e < epochs; e++) {
      rng.shuffle(order);
      for (const i of order) sparseSgdUpdate(data, i, expected, rate);
      rate *= lrDecay;
    }
    expect(Array.from(w)).toEqual(Array.from(expected));
    expect(expected.some((v) => v !== 0.25)).toBe(true);
    expect(messages[messages.length - 1]).toEqual({ type: "done", updates: epochs * data.n });
  });

  it("loss is half the mean squared residual, and the summed gradients are X^T(Xw - y)/n", () => {
    const w = Float64Array.from({ length: data.d }, (_, j) => Math.sin(j));
    let s = 0;
    const grad = new Array<number>(data.d).fill(0);
    for (let i = 0; i < data.n; i++) {
      const x = denseRow(i);
      const r = x.reduce((a, xj, j) => a + xj * w[j], 0) - data.y[i];
      s += r * r;
      x.forEach((xj, j) => (grad[j] += (r * xj) / data.n));
    }
    expect(sparseLeastSquaresLoss(data, w)).toBeCloseTo(s / (2 * data.n), 12);
    const out = new Float64Array(data.d);
    for (let i = 0; i < data.n; i++) addSparseExampleGradient(data, w, i, 1 / data.n, out);
    out.forEach((g, j) => expect(g).toBeCloseTo(grad[j], 12));
  });

  it("shards partition the rows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 8 }), (n, W) => {
        const all = Array.from({ length: W }, (_, k) => Array.from(shardRows(n, W, k))).flat().sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
    expect(workerSeed(42, 0)).toBe(42);
  });

  it("the least-squares solution has zero gradient and SGD with a decaying rate approaches its loss", () => {
    const wStar = solveSparseLeastSquares(data);
    const out = new Float64Array(data.d);
    for (let i = 0; i < data.n; i++) addSparseExampleGradient(data, wStar, i, 1 / data.n, out);
    for (const g of out) expect(Math.abs(g)).toBeLessThan(1e-10);
    const best = sparseLeastSquaresLoss(data, wStar);
    const sgd = runSparseSgd({ data, epochs: 60, lr: 0.1, lrDecay: 0.95, seed: 1 });
    expect(sgd.lossPerEpoch[59]).toBeGreaterThanOrEqual(best);
    expect(sgd.lossPerEpoch[59]).toBeLessThan(best * 1.05);
  });

  it("rejects bad hyperparameters and singular systems with a message naming the value", () => {
    expect(() => runSparseSgd({ data, epochs: 0, lr: 0.1 })).toThrow(/epochs must be an integer >= 1, got 0/);
    expect(() => runSparseSgd({ data, epochs: 1, lr: -1 })).toThrow(RangeError);
    const thin = makeSparseRegression({ n: 2, d: 10, nnzPerRow: 1, seed: 1 });
    expect(() => solveSparseLeastSquares(thin)).toThrow(/singular/);
    expect(solveSparseLeastSquares(thin, 1e-3).length).toBe(10);
  });
});
