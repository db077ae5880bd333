import { integerAtLeast } from "../core/validate";
import type { Dataset } from "../data/dataset";
import { affineScore, checkBatch, checkParams, initAffineParams, requireRegression, type Model } from "./model";

/**
 * Linear regression with a bias, trained on half the mean squared error.
 *
 * Parameters theta = [w_0 .. w_{d-1}, b] (length d + 1). For a batch B:
 *
 * $$J(w, b) = \frac{1}{2|B|} \sum_{i \in B} \left(w^\top x_i + b - y_i\right)^2$$
 *
 * $$\nabla_w J = \frac{1}{|B|} \sum_{i \in B} r_i\, x_i, \qquad
 *   \frac{\partial J}{\partial b} = \frac{1}{|B|} \sum_{i \in B} r_i, \qquad r_i = w^\top x_i + b - y_i$$
 *
 * The 1/2 makes the gradient the plain residual average, as in the course's least-squares examples.
 */
export function linearRegression(d: number): Model {
  integerAtLeast("d", d, 1);
  const name = "linear-regression";
  const model: Model = {
    name,
    dim: d + 1,
    initParams: (seed: number): Float64Array => initAffineParams(d, seed),
    lossAndGradient(params, data, idx, start, end, grad): number {
      checkBatch(model, params, idx, start, end, grad);
      const { X, y } = requireRegression(name, data, d);
      grad.fill(0);
      let total = 0;
      for (let k = start; k < end; k++) {
        const i = idx[k];
        const row = i * d;
        const r = affineScore(params, X, i, d) - y[i];
        total += 0.5 * r * r;
        for (let j = 0; j < d; j++) grad[j] += r * X[row + j];
        grad[d] += r;
      }
      const m = end - start;
      for (let j = 0; j <= d; j++) grad[j] /= m;
      return total / m;
    },
    loss(params: Float64Array, data: Dataset): number {
      checkParams(model, params);
      const { X, y, n } = requireRegression(name, data, d);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = affineScore(params, X, i, d) - y[i];
        total += 0.5 * r * r;
      }
      return total / n;
    },
    accuracy(params: Float64Array, data: Dataset): number {
      checkParams(model, params);
      requireRegression(name, data, d);
      return NaN;
    },
  };
  return model;
}
