import { createRng } from "../core/rng";
import { integerAtLeast } from "../core/validate";
import type { Dataset } from "../data/dataset";
import { checkBatch, checkParams, fillNormal, requireClassification, type Model } from "./model";
import { argmax, softmaxCrossEntropy, softmaxInto } from "./softmax";

/**
 * Multiclass (softmax) logistic regression, trained on the mean cross-entropy.
 *
 * Parameters theta = [W (K x d, row-major: W[k*d + j]), b (K)], length K d + K. With logits
 * z_i = W x_i + b and p_i = softmax(z_i):
 *
 * $$J = \frac{1}{|B|} \sum_{i \in B} \Big[\log \sum_{k} e^{z_{ik}} - z_{i, c_i}\Big]$$
 *
 * $$\nabla_{W} J = \frac{1}{|B|} \sum_{i \in B} \left(p_i - e_{c_i}\right) x_i^\top, \qquad
 *   \nabla_{b} J = \frac{1}{|B|} \sum_{i \in B} \left(p_i - e_{c_i}\right)$$
 *
 * The log-sum-exp is computed after subtracting the largest logit (see softmax.ts).
 */
export function softmaxRegression(d: number, classes: number): Model {
  integerAtLeast("d", d, 1);
  const K = integerAtLeast("classes", classes, 2);
  const name = "softmax-regression";
  const biasOff = K * d;
  // One example's logits and their gradient, reused for every example.
  const z = new Float64Array(K);
  const dz = new Float64Array(K);
  const logits = (params: Float64Array, X: Float64Array, i: number): void => {
    const row = i * d;
    for (let k = 0; k < K; k++) {
      let s = params[biasOff + k];
      const w = k * d;
      for (let j = 0; j < d; j++) s += params[w + j] * X[row + j];
      z[k] = s;
    }
  };
  const model: Model = {
    name,
    dim: K * d + K,
    initParams(seed: number): Float64Array {
      const rng = createRng(seed);
      const p = new Float64Array(K * d + K);
      fillNormal(p, 0, K * d, 0.01, rng.normal);
      return p;
    },
    lossAndGradient(params, data, idx, start, end, grad): number {
      checkBatch(model, params, idx, start, end, grad);
      const { X, labels } = requireClassification(name, data, d, K);
      grad.fill(0);
      let total = 0;
      for (let t = start; t < end; t++) {
        const i = idx[t];
        logits(params, X, i);
        total += softmaxCrossEntropy(z, 0, K, labels[i], dz, 0);
        const row = i * d;
        for (let k = 0; k < K; k++) {
          const g = dz[k];
          if (g === 0) continue;
          const w = k * d;
          for (let j = 0; j < d; j++) grad[w + j] += g * X[row + j];
          grad[biasOff + k] += g;
        }
      }
      const m = end - start;
      for (let q = 0; q < grad.length; q++) grad[q] /= m;
      return total / m;
    },
    loss(params: Float64Array, data: Dataset): number {
      checkParams(model, params);
      const { X, labels, n } = requireClassification(name, data, d, K);
      let total = 0;
      for (let i = 0; i < n; i++) {
        logits(params, X, i);
        total += softmaxCrossEntropy(z, 0, K, labels[i], null, 0);
      }
      return total / n;
    },
    accuracy(params: Float64Array, data: Dataset): number {
      checkParams(model, params);
      const { X, labels, n } = requireClassification(name, data, d, K);
      let correct = 0;
      for (let i = 0; i < n; i++) {
        logits(params, X, i);
        if (argmax(z, 0, K) === labels[i]) correct++;
      }
      return correct / n;
    },
    probabilities(params: Float64Array, data: Dataset): Float64Array {
      checkParams(model, params);
      const { X, n } = requireClassification(name, data, d, K);
      const out = new Float64Array(n * K);
      for (let i = 0; i < n; i++) {
        logits(params, X, i);
        softmaxInto(z, 0, K, out, i * K);
      }
      return out;
    },
  };
  return model;
}
