import { DescentInputError } from "../core/errors";
import type { Rng } from "../core/rng";
import { integerAtLeast, nonNegative } from "../core/validate";
import { checkSparseRows } from "../data/check";
import type { SparseDataset } from "../data/dataset";
import type { Objective } from "../problems/objective";
import { addSparseExampleGradient, sparseLeastSquaresLoss } from "../models/sparse-linear-regression";

/**
 * What the simulated distributed optimizers (Downpour, delayed SGD, EASGD) need from a problem:
 * a stochastic gradient drawn with the caller's generator, and the true loss to plot.
 */
export interface StochasticProblem {
  readonly name: string;
  readonly dim: number;
  /** Writes a stochastic gradient g(theta; xi), xi drawn from `rng`, into `out`. Allocates nothing. */
  stochasticGradient(theta: Float64Array, out: Float64Array, rng: Rng): void;
  /** The full objective J(theta), for loss curves. */
  loss(theta: Float64Array): number;
}

/**
 * Mini-batch gradients of sparse least squares,
 * $$ g = \frac{1}{B} \sum_{b=1}^{B} (x_{i_b}^\top \theta - y_{i_b})\, x_{i_b}, \quad i_b \sim \mathcal{U}\{0..n-1\}, $$
 * sampled with replacement. batchSize must be in [1, n]: a batch larger than the data set is
 * refused (as train() does) rather than silently resampling the same examples.
 */
export function sparseLeastSquaresProblem(data: SparseDataset, batchSize = 1): StochasticProblem {
  const B = integerAtLeast("batchSize", batchSize, 1);
  checkSparseRows(data, "problem");
  if (B > data.n) {
    throw new RangeError(`batchSize must be an integer in [1, n = ${data.n}] for data ${JSON.stringify(data.name)}, got ${B}`);
  }
  return {
    name: `${data.name} (batch ${B})`,
    dim: data.d,
    stochasticGradient(theta, out, rng) {
      out.fill(0);
      for (let b = 0; b < B; b++) addSparseExampleGradient(data, theta, rng.int(data.n), 1 / B, out);
    },
    loss: (theta) => sparseLeastSquaresLoss(data, theta),
  };
}

/**
 * Any Objective with additive Gaussian gradient noise, g = grad J(theta) + sigma * z,
 * z ~ N(0, I): the stand-in for mini-batch noise on the 2-D surfaces, so trajectories of
 * workers and centers can be drawn on a contour plot.
 */
export function noisyObjectiveProblem(objective: Objective, noise: number): StochasticProblem {
  const sigma = nonNegative("noise", noise);
  return {
    name: `${objective.name} + N(0, ${sigma}^2) gradient noise`,
    dim: objective.dim,
    stochasticGradient(theta, out, rng) {
      objective.valueAndGradient(theta, out);
      if (sigma > 0) for (let j = 0; j < out.length; j++) out[j] += sigma * rng.normal();
    },
    loss: (theta) => objective.value(theta),
  };
}

function isSparseDataset(p: StochasticProblem | SparseDataset): p is SparseDataset {
  return (p as SparseDataset).indptr instanceof Int32Array;
}

/** Accepts either form the simulators take: a StochasticProblem, or a SparseDataset (mini-batches of `batchSize`). */
export function toStochasticProblem(p: StochasticProblem | SparseDataset, batchSize = 1): StochasticProblem {
  if (isSparseDataset(p)) return sparseLeastSquaresProblem(p, batchSize);
  if (p === null || typeof p !== "object" || typeof p.stochasticGradient !== "function" || typeof p.loss !== "function") {
    throw new DescentInputError("problem must be a SparseDataset or a StochasticProblem { dim, stochasticGradient, loss }");
  }
  integerAtLeast("problem.dim", p.dim, 1);
  return p;
}
