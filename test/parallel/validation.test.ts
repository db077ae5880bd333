import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { makeSparseRegression } from "../../src/data/sparse";
import { runDelayedSgd } from "../../src/parallel/delay-tolerant";
import { runDownpour } from "../../src/parallel/downpour";
import { runEasgd } from "../../src/parallel/easgd";
import { runSimulatedHogwild } from "../../src/parallel/hogwild-simulated";
import { runSparseSgd } from "../../src/parallel/sparse-sgd";
import type { StochasticProblem } from "../../src/parallel/stochastic-problem";
import { noisyQuadratic } from "./helpers";

const exact = noisyQuadratic([1, 5], [2, -1], 0);

describe("asynchronous EASGD follows the paper's Algorithm 1", () => {
  it("the local gradient is taken at the point read BEFORE the elastic pull", () => {
    // With one worker and tau = 1 every tick is x <- x - alpha (x - c) - eta g(x), c <- c + alpha (x - c):
    // the synchronous round x <- x - eta (g(x) + rho (x - c)). Computed by hand, noise-free.
    const eta = 0.1;
    const rho = 0.5;
    const alpha = eta * rho;
    const x = [3, 2];
    const c = [3, 2];
    const g = (v: number[]) => [1 * (v[0] - 2), 5 * (v[1] + 1)];
    for (let t = 0; t < 6; t++) {
      const gx = g(x);
      for (let j = 0; j < 2; j++) {
        const e = alpha * (x[j] - c[j]);
        x[j] -= e + eta * gx[j];
        c[j] += e;
      }
    }
    const async = runEasgd({ problem: exact, workers: 1, lr: eta, rho, steps: 6, mode: "async", tau: 1, theta0: [3, 2] });
    const sync = runEasgd({ problem: exact, workers: 1, lr: eta, rho, steps: 6, mode: "sync", theta0: [3, 2] });
    for (let j = 0; j < 2; j++) {
      expect(async.workers[0][j]).toBeCloseTo(x[j], 13);
      expect(async.center[j]).toBeCloseTo(c[j], 13);
      expect(sync.workers[0][j]).toBeCloseTo(x[j], 13);
      expect(sync.center[j]).toBeCloseTo(c[j], 13);
    }
  });
});

describe("simulators check their start point and data", () => {
  it("theta0 of the wrong length or with NaN is refused (not zero-padded or a bare RangeError)", () => {
    expect(() => runEasgd({ problem: exact, workers: 2, lr: 0.1, rho: 0.1, steps: 1, theta0: [1] })).toThrow(
      new DescentInputError("theta0 must have dim = 2 entries, got length 1"),
    );
    expect(() => runDownpour({ problem: exact, workers: 1, steps: 1, theta0: [1, 2, 3] })).toThrow(/theta0 must have dim = 2 entries, got length 3/);
    expect(() => runDelayedSgd({ problem: exact, lr: 0.1, steps: 1, theta0: [0, NaN] })).toThrow("theta0[1] must be a finite number, got NaN");
  });

  it("a sparse data set with a column index >= d is refused before any update", () => {
    const data = makeSparseRegression({ n: 30, d: 6, nnzPerRow: 2, seed: 3 });
    const indices = Int32Array.from(data.indices);
    indices[0] = 6;
    const bad = { ...data, indices };
    expect(() => runSimulatedHogwild({ data: bad, workers: 2, epochs: 1, lr: 0.1, staleness: 1 })).toThrow(/column index indices\[0\] must be a whole number in \[0, 6\), got 6/);
    expect(() => runSparseSgd({ data: bad, epochs: 1, lr: 0.1 })).toThrow(DescentInputError);
    expect(() => runEasgd({ problem: bad, workers: 2, lr: 0.1, rho: 0.1, steps: 1 })).toThrow(/^problem "sparse-regression": column index/);
  });

  it("a problem that is neither a sparse data set nor a StochasticProblem is named", () => {
    const notAProblem = { dim: 2 } as unknown as StochasticProblem;
    expect(() => runDelayedSgd({ problem: notAProblem, lr: 0.1, steps: 1 })).toThrow(/problem must be a SparseDataset or a StochasticProblem/);
  });
});
