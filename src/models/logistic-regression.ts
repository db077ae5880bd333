import { integerAtLeast } from "../core/validate";
import type { Dataset } from "../data/dataset";
import { affineScore, checkBatch, checkParams, initAffineParams, requireClassification, type Model } from "./model";

/**
 * Binary logistic regression (labels 0 / 1), trained on the mean sigmoid cross-entropy.
 *
 * Parameters theta = [w_0 .. w_{d-1}, b] (length d + 1). With z_i = w^T x_i + b and
 * sigma(z) = 1 / (1 + e^{-z}):
 *
 * $$J = \frac{1}{|B|} \sum_{i \in B} \Big[ \log\left(1 + e^{z_i}\right) - y_i z_i \Big]
 *     = \frac{1}{|B|} \sum_{i \in B} \Big[ \max(z_i, 0) - y_i z_i + \log\left(1 + e^{-|z_i|}\right) \Big]$$
 *
 * $$\nabla_w J = \frac{1}{|B|} \sum_{i \in B} \left(\sigma(z_i) - y_i\right) x_i, \qquad
 *   \frac{\partial J}{\partial b} = \frac{1}{|B|} \sum_{i \in B} \left(\sigma(z_i) - y_i\right)$$
 *
 * The second form of the loss never exponentiates a positive number, so a logit of 1000 gives
 * a loss of 1000 (or 0), not Infinity or NaN; `sigmoid` below is stable for the same reason.
 */
export function logisticRegression(d: number): Model {
  integerAtLeast("d", d, 1);
  const name = "logistic-regression";
  // Labels are checked to be 0 or 1 once per data set (requireClassification with 2 classes),
  // so the loops below read them as the 0/1 targets y_i directly.
  const labelsOf = (data: Dataset): Int32Array => requireClassification(name, data, d, 2).labels;
  const model: Model = {
    name,
    dim: d + 1,
    initParams: (seed: number): Float64Array => initAffineParams(d, seed),
    lossAndGradient(params, data, idx, start, end, grad): number {
      checkBatch(model, params, idx, start, end, grad);
      const labels = labelsOf(data);
      const X = data.X;
      grad.fill(0);
      let total = 0;
      for (let k = start; k < end; k++) {
        const i = idx[k];
        const row = i * d;
        const z = affineScore(params, X, i, d);
        const yi = labels[i];
        total += softplus(z) - yi * z;
        const r = sigmoid(z) - yi;
        for (let j = 0; j < d; j++) grad[j] += r * X[row + j];
        grad[d] += r;
      }
      const m = end - start;
      for (let j = 0; j <= d; j++) grad[j] /= m;
      return total / m;
    },
    loss(params, data): number {
      checkParams(model, params);
      const labels = labelsOf(data);
      let total = 0;
      for (let i = 0; i < data.n; i++) {
        const z = affineScore(params, data.X, i, d);
        total += softplus(z) - labels[i] * z;
      }
      return total / data.n;
    },
    accuracy(params, data): number {
      checkParams(model, params);
      const labels = labelsOf(data);
      let correct = 0;
      for (let i = 0; i < data.n; i++) if ((affineScore(params, data.X, i, d) > 0 ? 1 : 0) === labels[i]) correct++;
      return correct / data.n;
    },
  };
  return model;
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** 1 / (1 + e^{-z}) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
