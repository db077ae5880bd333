import { DescentInputError, show } from "../core/errors";
import { checkDataset } from "../data/check";
import type { ClassificationDataset, Dataset } from "../data/dataset";
import type { Model } from "../models/model";
import { argmax } from "../models/softmax";

/**
 * The class probabilities p(k | x_i) a softmax classifier (the MLP, softmax regression) assigns to
 * every example, read through the Model interface alone, which exposes losses and gradients but
 * not outputs.
 *
 * WHY it works: these models end in logits z = W a + b with the output bias b as their LAST K
 * parameters (see the layouts in mlp.ts and softmax-regression.ts), and for the cross-entropy of
 * one example of class c the gradient with respect to that bias is
 * $$ \frac{\partial J_i}{\partial b} = p(\cdot \mid x_i) - e_{c}, \qquad\text{so}\qquad p(\cdot \mid x_i) = \frac{\partial J_i}{\partial b} + e_{c}. $$
 * One loss-and-gradient pass per example therefore gives its whole probability vector, with the
 * model's own forward pass: nothing of the network is re-implemented here. It costs a backward
 * pass per example, fine for the few hundred test digits a lesson evaluates.
 *
 * Used by the outlook lesson to average the predictions of SGDR snapshots (a snapshot ensemble).
 * Refused: models with non-trainable buffers (batch normalisation would use the statistics of a
 * batch of one) and data without class labels.
 */
export function classProbabilities(model: Model, params: Float64Array, data: Dataset, classes: number): Float64Array {
  if (model === null || typeof model !== "object" || typeof model.lossAndGradient !== "function") {
    throw new DescentInputError(`classProbabilities: model must be a Model with lossAndGradient(), got ${show(model)}`);
  }
  if (model.buffers !== undefined) {
    throw new DescentInputError(`classProbabilities: ${model.name} keeps running statistics (batch normalisation); a batch of one would change them`);
  }
  if (!Number.isInteger(classes) || classes < 2 || classes > model.dim) {
    throw new RangeError(`classProbabilities: classes must be an integer in [2, ${model.dim}], got ${show(classes)}`);
  }
  if (!(params instanceof Float64Array) || params.length !== model.dim) {
    throw new DescentInputError(`classProbabilities: params must be a Float64Array of ${model.dim} numbers for ${model.name}`);
  }
  checkDataset(data);
  const labels = (data as ClassificationDataset).labels;
  if (!(labels instanceof Int32Array)) {
    throw new DescentInputError(`classProbabilities: data "${data.name}" has no class labels`);
  }
  const K = classes;
  const out = new Float64Array(data.n * K);
  const grad = new Float64Array(model.dim);
  const idx = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) idx[i] = i;
  const bias = model.dim - K;
  for (let i = 0; i < data.n; i++) {
    model.lossAndGradient(params, data, idx, i, i + 1, grad);
    for (let k = 0; k < K; k++) out[i * K + k] = grad[bias + k] + (k === labels[i] ? 1 : 0);
  }
  return out;
}

/**
 * Accuracy of the AVERAGE of several probability tables (n x K, as classProbabilities returns):
 * the prediction of an ensemble that averages its members' probabilities, then takes the argmax.
 */
export function ensembleAccuracy(probabilities: readonly Float64Array[], labels: Int32Array, classes: number): number {
  if (probabilities.length === 0) throw new DescentInputError("ensembleAccuracy needs at least one probability table");
  const K = classes;
  const n = labels.length;
  for (const p of probabilities) {
    if (p.length !== n * K) {
      throw new DescentInputError(`ensembleAccuracy: every table must hold n x K = ${n} x ${K} numbers, got ${p.length}`);
    }
  }
  const mean = new Float64Array(K);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    mean.fill(0);
    for (const p of probabilities) for (let k = 0; k < K; k++) mean[k] += p[i * K + k];
    if (argmax(mean, 0, K) === labels[i]) correct++;
  }
  return correct / n;
}
