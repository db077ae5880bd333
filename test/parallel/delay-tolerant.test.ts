import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRng } from "../../src/core/rng";
import { runDelayedSgd } from "../../src/parallel/delay-tolerant";
import type { StochasticProblem } from "../../src/parallel/stochastic-problem";
import { noisyQuadratic } from "./helpers";

const quad = noisyQuadratic([1, 4, 0.5], [1, -1, 2], 0.3);
/** f(x) = x^2 / 2 without noise: delayed SGD follows x_{t+1} = x_t - eta x_{t - tau}. */
const parabola: StochasticProblem = {
  name: "x^2/2",
  dim: 1,
  stochasticGradient: (theta, out) => void (out[0] = theta[0]),
  loss: (theta) => 0.5 * theta[0] * theta[0],
};

describe("delayed SGD and AdaptiveRevision", () => {
  it("delay 0 is sequential SGD exactly", () => {
    const r = runDelayedSgd({ problem: quad, lr: 0.1, steps: 40, seed: 5, theta0: [0, 0, 0] });
    const x = new Float64Array(3);
    const g = new Float64Array(3);
    const rng = createRng(5);
    for (let t = 0; t < 40; t++) {
      quad.stochasticGradient(x, g, rng);
      for (let j = 0; j < 3; j++) x[j] -= 0.1 * g[j];
    }
    expect(Array.from(r.theta)).toEqual(Array.from(x));
    expect(r.meanDelay).toBe(0);
  });

  it("a fixed delay tau follows the recurrence x_{t+1} = x_t - eta x_{t-tau}", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (tau, steps, eta) => {
        const r = runDelayedSgd({ problem: parabola, lr: eta, steps, delay: tau, theta0: [1] });
        // Reads at t = 0..steps-1 see x_t; update t lands after read t + tau (or at the end).
        const xs = [1];
        const grads: number[] = [];
        let x = 1;
        for (let t = 0; t < steps; t++) {
          grads.push(x);
          if (t - tau >= 0) x -= eta * grads[t - tau];
          xs.push(x);
        }
        for (let t = Math.max(0, steps - tau); t < steps; t++) x -= eta * grads[t];
        expect(r.theta[0]).toBeCloseTo(x, 12);
      }),
      { numRuns: 60 },
    );
  });

  it("AdaptiveRevision and delayed AdaGrad with delay 0 are AdaGrad exactly", () => {
    for (const method of ["adagrad", "adaptive-revision"] as const) {
      const r = runDelayedSgd({ problem: quad, method, lr: 0.5, steps: 30, seed: 2, initialAccumulator: 0.1 });
      const x = new Float64Array(3);
      const z = new Float64Array(3).fill(0.1);
      const g = new Float64Array(3);
      const rng = createRng(2);
      for (let t = 0; t < 30; t++) {
        quad.stochasticGradient(x, g, rng);
        for (let j = 0; j < 3; j++) {
          z[j] += g[j] * g[j];
          x[j] -= (0.5 / Math.sqrt(z[j])) * g[j];
        }
      }
      r.theta.forEach((v, j) => expect(v).toBeCloseTo(x[j], 13));
    }
  });

  it("AdaptiveRevision turns gradients all read at one point into one AdaGrad step on their sum", () => {
    // Constant gradient 1, every read made before any update lands: x = -alpha n / sqrt(z0 + n^2).
    const one: StochasticProblem = { name: "x", dim: 1, stochasticGradient: (_t, out) => void (out[0] = 1), loss: (t) => t[0] };
    for (const n of [2, 5, 9]) {
      const r = runDelayedSgd({ problem: one, method: "adaptive-revision", lr: 1, steps: n, delay: 10, initialAccumulator: 1 });
      expect(r.theta[0]).toBeCloseTo(-n / Math.sqrt(1 + n * n), 12);
      // Plain delayed AdaGrad takes n separate steps instead.
      const naive = runDelayedSgd({ problem: one, method: "adagrad", lr: 1, steps: n, delay: 10, initialAccumulator: 1 });
      let x = 0;
      for (let k = 1; k <= n; k++) x -= 1 / Math.sqrt(1 + k);
      expect(naive.theta[0]).toBeCloseTo(x, 12);
    }
  });

  it("with large random delays AdaptiveRevision converges and is reproducible", () => {
    const opts = { problem: quad, method: "adaptive-revision" as const, lr: 0.5, steps: 3000, delay: 40, randomDelay: true, seed: 8 };
    const r = runDelayedSgd(opts);
    expect(r.meanDelay).toBeGreaterThan(15);
    expect(r.meanDelay).toBeLessThan(25);
    expect(r.loss[r.loss.length - 1]).toBeLessThan(r.loss[0] / 20);
    expect(runDelayedSgd(opts).loss).toEqual(r.loss);
  });

  it("rejects unknown methods", () => {
    expect(() => runDelayedSgd({ problem: quad, lr: 0.1, steps: 1, method: "hogwild" as never })).toThrow(/method must be one of "sgd", "adagrad", "adaptive-revision", got "hogwild"/);
  });
});
