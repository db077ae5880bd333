import { describe, expect, it } from "vitest";
import { makeSparseRegression } from "../../src/data/sparse";
import { runHogwild, runLockedSgd } from "../../src/parallel/hogwild-node";
import { measureHogwildScaling } from "../../src/parallel/scaling-node";
import { runSparseSgd } from "../../src/parallel/sparse-sgd";
import { solveSparseLeastSquares } from "../../src/parallel/least-squares-reference";
import { sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";

const data = makeSparseRegression({ n: 3000, d: 100, nnzPerRow: 4, seed: 11, noise: 0.05 });
const epochs = 6;
const opts = { data, epochs, lr: 0.05, lrDecay: 0.6, seed: 3 };
const optimum = sparseLeastSquaresLoss(data, solveSparseLeastSquares(data));
const sequential = runSparseSgd(opts);

describe("Hogwild! on real worker threads", () => {
  it("with one thread is exactly sequential SGD with the same seed", async () => {
    const r = await runHogwild({ ...opts, workers: 1 });
    expect(Array.from(r.w)).toEqual(Array.from(sequential.w));
    expect(r.lossPerEpoch).toEqual(sequential.lossPerEpoch);
    expect(r.threadsExited).toBe(1);
  });

  it("on two lock-free threads reaches the loss of sequential SGD and of the optimum", async () => {
    const r = await runHogwild({ ...opts, workers: 2 });
    expect(r.workers).toBe(2);
    expect(r.updates).toBe(epochs * data.n);
    expect(r.threadsExited).toBe(2);
    expect(r.locked).toBe(false);
    expect(r.initialLoss).toBeCloseTo(sparseLeastSquaresLoss(data, new Float64Array(data.d)), 12);
    const last = r.lossPerEpoch[epochs - 1];
    expect(last).toBeCloseTo(sparseLeastSquaresLoss(data, r.w), 12);
    expect(last).toBeLessThan(1.5 * sequential.lossPerEpoch[epochs - 1]);
    expect(last).toBeLessThan(1.5 * optimum);
    expect(last).toBeLessThan(r.initialLoss / 100);
    for (const l of r.lossPerEpoch) expect(Number.isFinite(l)).toBe(true);
  });

  it("the locked baseline converges as well and counts every update", async () => {
    const r = await runLockedSgd({ ...opts, workers: 2 });
    expect(r.locked).toBe(true);
    expect(r.updates).toBe(epochs * data.n);
    expect(r.threadsExited).toBe(2);
    expect(r.lossPerEpoch[epochs - 1]).toBeLessThan(1.5 * optimum);
  });

  it("rejects bad options before starting any thread", async () => {
    await expect(runHogwild({ ...opts, workers: 0 })).rejects.toThrow(/workers must be an integer >= 1, got 0/);
    await expect(runHogwild({ ...opts, workers: 2, lr: 0 })).rejects.toThrow(RangeError);
  });

  it("measures throughput per worker count for both modes", async () => {
    const rows = await measureHogwildScaling({ data, epochs: 2, workersList: [1, 2] });
    expect(rows.map((r) => `${r.mode}:${r.workers}`)).toEqual(["lock-free:1", "lock-free:2", "locked:1", "locked:2"]);
    for (const r of rows) {
      expect(r.updates).toBe(2 * data.n);
      expect(r.updatesPerSecond).toBeCloseTo((r.updates / r.elapsedMs) * 1000, 6);
      expect(r.finalLoss).toBeLessThan(sparseLeastSquaresLoss(data, new Float64Array(data.d)));
    }
  });
});
