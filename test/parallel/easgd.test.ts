import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { makeSparseRegression } from "../../src/data/sparse";
import { runEasgd } from "../../src/parallel/easgd";
import { solveSparseLeastSquares } from "../../src/parallel/least-squares-reference";
import { sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";
import { noisyQuadratic } from "./helpers";

const quad = noisyQuadratic([1, 5], [2, -1], 1);

describe("Elastic Averaging SGD", () => {
  it("with one worker and rho = 0 is SGD, and the center stays put", () => {
    for (const mode of ["sync", "async"] as const) {
      const r = runEasgd({ problem: quad, workers: 1, lr: 0.05, rho: 0, steps: 40, mode, seed: 3, theta0: [-1, 1] });
      const x = Float64Array.from([-1, 1]);
      const g = new Float64Array(2);
      const rng = createRng(3);
      for (let t = 0; t < 40; t++) {
        quad.stochasticGradient(x, g, rng);
        for (let j = 0; j < 2; j++) x[j] -= 0.05 * g[j];
      }
      expect(Array.from(r.workers[0])).toEqual(Array.from(x));
      expect(Array.from(r.center)).toEqual([-1, 1]);
    }
  });

  it("one synchronous round matches the elastic equations by hand", () => {
    // Noise-free gradients so the round can be computed directly.
    const exact = noisyQuadratic([1, 5], [2, -1], 0);
    const eta = 0.1;
    const rho = 0.5;
    const r = runEasgd({ problem: exact, workers: 2, lr: eta, rho, steps: 1, theta0: [0, 0] });
    // Both workers start at the center, so the elastic term is 0 in round 1: x^i = -eta g(0).
    expect(Array.from(r.workers[0])).toEqual([0.2, -0.5]);
    const r2 = runEasgd({ problem: exact, workers: 2, lr: eta, rho, steps: 2, theta0: [0, 0] });
    // Round 2: x <- x - eta (g(x) + rho (x - c)), c <- c + eta rho * 2 (x - c), with c = 0.
    const x = [0.2, -0.5];
    const gx = [1 * (0.2 - 2), 5 * (-0.5 + 1)];
    x.forEach((xj, j) => expect(r2.workers[1][j]).toBeCloseTo(xj - eta * (gx[j] + rho * xj), 14));
    x.forEach((xj, j) => expect(r2.center[j]).toBeCloseTo(eta * rho * 2 * xj, 14));
  });

  it("the center converges with 4 workers (sync and async) and trajectories are recorded for 2-D", () => {
    for (const mode of ["sync", "async"] as const) {
      const r = runEasgd({ problem: quad, workers: 4, lr: 0.05, rho: 1, steps: 2000, mode, tau: 4, seed: 1, theta0: [-3, 3] });
      expect(r.loss[r.loss.length - 1]).toBeLessThan(r.loss[0] / 20);
      expect(r.centerTrajectory.length).toBe(r.steps.length);
      expect(r.workerTrajectories.length).toBe(4);
      expect(Array.from(r.centerTrajectory[0])).toEqual([-3, 3]);
    }
  });

  it("works on a sparse data set and is reproducible", () => {
    const data = makeSparseRegression({ n: 400, d: 20, nnzPerRow: 3, seed: 6, noise: 0.05 });
    const best = sparseLeastSquaresLoss(data, solveSparseLeastSquares(data));
    const run = () => runEasgd({ problem: data, batchSize: 4, workers: 3, lr: 0.05, rho: 2, steps: 2000, seed: 4 });
    const r = run();
    expect(r.loss[r.loss.length - 1]).toBeLessThan(3 * best);
    expect(r.centerTrajectory.length).toBe(0);
    expect(run().loss).toEqual(r.loss);
  });

  it("rejects an elastic strength that makes the synchronous center oscillate", () => {
    expect(() => runEasgd({ problem: quad, workers: 4, lr: 0.5, rho: 1, steps: 1 })).toThrow(/workers \* lr \* rho must be < 1/);
    expect(() => runEasgd({ problem: quad, workers: 1, lr: 0.1, rho: -1, steps: 1 })).toThrow(/rho must be a finite number >= 0, got -1/);
  });
});
