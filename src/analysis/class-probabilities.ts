import { DescentInputError, show } from "../core/errors";
import { checkDataset } from "../data/check";
import type { ClassificationDataset, Dataset } from "../data/dataset";
import type { Model } from "../models/model";
import { argmax } from "../models/softmax";

/**
 * The class probabilities p(k | x_i) a classifier (the MLP, softmax regression) assigns to every
 * example, row-major n x K: the model's own `probabilities` (its forward pass in evaluation mode,
 * then a softmax), checked here so that a lesson gets one clear error for a model or data set
 * that cannot give them.
 *
 * Used by the outlook lesson to average the predictions of SGDR snapshots (a snapshot ensemble).
 */
export function classProbabilities(model: Model, params: Float64Array, data: Dataset, classes: number): Float64Array {
  if (model === null || typeof model !== "object" || typeof model.probabilities !== "function") {
    throw new DescentInputError(`classProbabilities: model must be a classifier with probabilities() (the MLP, softmax regression), got ${show(model?.name ?? model)}`);
  }
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(`classProbabilities: classes must be an integer >= 2, got ${show(classes)}`);
  }
  checkDataset(data);
  const labelled = data as ClassificationDataset;
  if (!(labelled.labels instanceof Int32Array)) {
    throw new DescentInputError(`classProbabilities: data "${data.name}" has no class labels`);
  }
  if (labelled.classes !== classes) {
    throw new DescentInputError(`classProbabilities: data "${data.name}" has ${labelled.classes} classes, not ${classes}`);
  }
  return model.probabilities(params, data);
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
