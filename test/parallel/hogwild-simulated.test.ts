import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeSparseRegression } from "../../src/data/sparse";
import { runSimulatedHogwild } from "../../src/parallel/hogwild-simulated";
import { runSparseSgd } from "../../src/parallel/sparse-sgd";
import { solveSparseLeastSquares } from "../../src/parallel/least-squares-reference";
import { sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";

const data = makeSparseRegression({ n: 800, d: 40, nnzPerRow: 3, seed: 2, noise: 0.05 });
const optimum = sparseLeastSquaresLoss(data, solveSparseLeastSquares(data));

describe("simulated Hogwild! with explicit staleness", () => {
  it("staleness 0 with one worker is sequential SGD exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.01, max: 0.2, noNaN: true }), (seed, lr) => {
        const sim = runSimulatedHogwild({ data, workers: 1, epochs: 2, lr, staleness: 0, seed });
        const seq = runSparseSgd({ data, epochs: 2, lr, seed });
        expect(Array.from(sim.w)).toEqual(Array.from(seq.w));
        expect(sim.lossPerEpoch).toEqual(seq.lossPerEpoch);
      }),
      { numRuns: 10 },
    );
  });

  it("is reproducible from its seed and depends on it", () => {
    const a = runSimulatedHogwild({ data, workers: 4, epochs: 2, lr: 0.05, staleness: 3, seed: 9 });
    const b = runSimulatedHogwild({ data, workers: 4, epochs: 2, lr: 0.05, staleness: 3, seed: 9 });
    const c = runSimulatedHogwild({ data, workers: 4, epochs: 2, lr: 0.05, staleness: 3, seed: 10 });
    expect(Array.from(a.w)).toEqual(Array.from(b.w));
    expect(Array.from(a.w)).not.toEqual(Array.from(c.w));
  });

  it("converges with 4 workers and staleness 8, counting every update", () => {
    const r = runSimulatedHogwild({ data, workers: 4, epochs: 15, lr: 0.05, lrDecay: 0.8, staleness: 8, seed: 1, evalEvery: 400 });
    expect(r.updates).toBe(15 * data.n);
    expect(r.lossTrace.length).toBe((15 * data.n) / 400);
    expect(r.lossTrace[r.lossTrace.length - 1].step).toBe(15 * data.n);
    expect(r.lossPerEpoch[14]).toBeLessThan(1.1 * optimum);
  });

  it("with a step size fine for fresh reads, a large staleness diverges", () => {
    // With tau = 0 lr = 0.2 is stable (lr * |x_i|^2 < 2 for almost every row); when each read
    // misses the last 100 updates, every coordinate is corrected several times for the same error.
    const fresh = runSimulatedHogwild({ data, workers: 1, epochs: 3, lr: 0.2, staleness: 0, seed: 4 });
    const stale = runSimulatedHogwild({ data, workers: 1, epochs: 3, lr: 0.2, staleness: 100, seed: 4 });
    expect(fresh.lossPerEpoch[2]).toBeLessThan(fresh.initialLoss / 100);
    expect(stale.lossPerEpoch[2]).toBeGreaterThan(stale.initialLoss);
  });

  it("rejects a negative staleness", () => {
    expect(() => runSimulatedHogwild({ data, workers: 2, epochs: 1, lr: 0.1, staleness: -1 })).toThrow(/staleness must be an integer >= 0, got -1/);
  });
});
