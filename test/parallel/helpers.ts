import type { Rng } from "../../src/core/rng";
import type { Vec } from "../../src/core/vector";
import type { Optimizer, OptimizerState } from "../../src/optimizers/optimizer";
import type { StochasticProblem } from "../../src/parallel/stochastic-problem";

/** J(theta) = 1/2 sum_j c_j (theta_j - m_j)^2 with gradient noise sigma * N(0, 1). */
export function noisyQuadratic(c: number[], m: number[], sigma: number): StochasticProblem {
  return {
    name: "noisy quadratic",
    dim: c.length,
    stochasticGradient(theta: Float64Array, out: Float64Array, rng: Rng) {
      for (let j = 0; j < c.length; j++) out[j] = c[j] * (theta[j] - m[j]) + sigma * rng.normal();
    },
    loss(theta: Float64Array) {
      let s = 0;
      for (let j = 0; j < c.length; j++) s += 0.5 * c[j] * (theta[j] - m[j]) ** 2;
      return s;
    },
  };
}

/** A small AdaGrad written from its textbook equation, independent of src/optimizers. */
export function testAdagrad(lr: number, eps = 1e-8): Optimizer {
  return {
    name: "adagrad",
    convention: "seed",
    hyper: { lr, eps },
    lr,
    init: (p: Vec): OptimizerState => ({ t: 0, slots: { G: new Float64Array(p.length) }, scalars: {} }),
    step(p: Vec, g: Vec, s: OptimizerState) {
      s.t++;
      const G = s.slots.G;
      for (let j = 0; j < p.length; j++) {
        G[j] += g[j] * g[j];
        p[j] -= (lr / Math.sqrt(G[j] + eps)) * g[j];
      }
    },
  };
}
