import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { makeSparseRegression } from "../../src/data/sparse";
import { runDownpour } from "../../src/parallel/downpour";
import { sgd } from "../../src/optimizers/sgd";
import { solveSparseLeastSquares } from "../../src/parallel/least-squares-reference";
import { sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";
import { noisyQuadratic, testAdagrad } from "./helpers";

const quad = noisyQuadratic([1, 10], [1, -2], 0.5);

describe("Downpour SGD (simulated)", () => {
  it("with one replica fetching and pushing every step is the server's optimizer, exactly", () => {
    for (const make of [() => sgd({ lr: 0.05 }), () => testAdagrad(0.3)]) {
      const seed = 7;
      const r = runDownpour({ problem: quad, workers: 1, steps: 50, server: make(), seed, theta0: [3, 3], evalEvery: 10 });
      // The same optimizer driven by hand: the replica's generator is createRng(seed) (worker 0).
      const opt = make();
      const theta = Float64Array.from([3, 3]);
      const state = opt.init(theta);
      const g = new Float64Array(2);
      const rng = createRng(seed);
      const losses = [quad.loss(theta)];
      for (let t = 1; t <= 50; t++) {
        quad.stochasticGradient(theta, g, rng);
        opt.step(theta, g, state);
        if (t % 10 === 0) losses.push(quad.loss(theta));
      }
      expect(Array.from(r.theta)).toEqual(Array.from(theta));
      expect(r.loss).toEqual(losses);
      expect(r.steps).toEqual([0, 10, 20, 30, 40, 50]);
      expect(r.pushes).toBe(50);
      expect(r.fetches).toBe(50);
    }
  });

  it("records 2-D trajectories of the server and every replica", () => {
    const r = runDownpour({ problem: quad, workers: 3, steps: 60, nFetch: 3, nPush: 2, maxDelay: 2, seed: 1, theta0: [3, 3], evalEvery: 6 });
    expect(r.server.length).toBe(r.steps.length);
    expect(r.replicas.length).toBe(3);
    for (const tr of r.replicas) expect(tr.length).toBe(r.steps.length);
    expect(Array.from(r.server[0])).toEqual([3, 3]);
    expect(Array.from(r.server[r.server.length - 1])).toEqual(Array.from(r.theta));
    // Every push carries nPush gradients; the leftovers of an unfinished batch stay local.
    expect(r.pushes).toBeGreaterThanOrEqual(Math.floor(60 / 2) - 3);
    expect(r.pushes).toBeLessThanOrEqual(30);
  });

  it("converges on sparse least squares with 4 replicas, delays and Adagrad on the server", () => {
    const data = makeSparseRegression({ n: 500, d: 30, nnzPerRow: 3, seed: 3, noise: 0.05 });
    const optimum = sparseLeastSquaresLoss(data, solveSparseLeastSquares(data));
    const r = runDownpour({ problem: data, batchSize: 8, workers: 4, steps: 3000, server: testAdagrad(0.5), localLr: 0.05, nFetch: 4, nPush: 4, maxDelay: 5, seed: 2 });
    expect(r.loss[r.loss.length - 1]).toBeLessThan(r.loss[0] / 100);
    expect(r.loss[r.loss.length - 1]).toBeLessThan(optimum * 3);
    const again = runDownpour({ problem: data, batchSize: 8, workers: 4, steps: 3000, server: testAdagrad(0.5), localLr: 0.05, nFetch: 4, nPush: 4, maxDelay: 5, seed: 2 });
    expect(again.loss).toEqual(r.loss);
  });

  it("rejects bad communication periods", () => {
    expect(() => runDownpour({ problem: quad, workers: 1, steps: 5, nFetch: 0 })).toThrow(/nFetch must be an integer >= 1, got 0/);
    expect(() => runDownpour({ problem: quad, workers: 1, steps: 5, maxDelay: 1.5 })).toThrow(RangeError);
  });
});
