import { createRng } from "../core/rng";
import { DescentInputError } from "../core/errors";
import type { Vec } from "../core/vector";
import { checkDataset, maxLabel } from "../data/check";
import type { ClassificationDataset, Dataset, RegressionDataset } from "../data/dataset";
import type { Objective } from "../problems/objective";

/**
 * A trainable model: a loss J(theta; batch) over a flat parameter vector theta (Float64Array, with a
 * layout each model documents) and its gradient, written by hand so the lessons can read it.
 */
export interface Model {
  readonly name: string;
  /** Number of parameters (length of the flat parameter vector). */
  readonly dim: number;
  /** Fresh parameters, seeded (small random weights, zero biases). */
  initParams(seed: number): Float64Array;
  /**
   * Mean loss over the examples idx[start..end) of `data`; writes the mean gradient into `grad`
   * (length dim). Training mode (batch normalisation uses batch statistics and updates its running
   * averages). Allocation-free after the first call: workspaces grow to the largest batch seen.
   */
  lossAndGradient(
    params: Float64Array,
    data: Dataset,
    idx: Int32Array,
    start: number,
    end: number,
    grad: Float64Array,
  ): number;
  /** Mean loss over the whole data set, evaluation mode (no gradient, no state change). */
  loss(params: Float64Array, data: Dataset): number;
  /** Fraction of correctly classified examples (NaN for regression). */
  accuracy(params: Float64Array, data: Dataset): number;
  /**
   * Classifiers only: the probabilities p(k | x_i) the model assigns to every example of `data`,
   * row-major n x K, in evaluation mode (batch normalisation uses its running statistics; no state
   * changes). What a lesson needs to average the predictions of several models (an ensemble).
   */
  probabilities?(params: Float64Array, data: Dataset): Float64Array;
  /**
   * Smallest mini-batch a training step accepts (batch normalisation needs 2: with one example
   * the batch variance is 0). Absent means 1. `train` checks every batch it will form against it
   * before the first update, instead of failing half way through an epoch.
   */
  readonly minBatch?: number;
  /**
   * Non-trainable state that evaluation depends on (batch normalisation's running means and
   * variances), absent when there is none. The training loop copies it together with the
   * parameters when it saves and restores the best epoch.
   */
  readonly buffers?: Float64Array;
}

/**
 * Checks a data set has regression targets of the model's input width. The shape scan runs once
 * per data set (src/data/check.ts); later calls are a lookup, so this is safe in lossAndGradient.
 */
export function requireRegression(model: string, data: Dataset, d: number): RegressionDataset {
  checkDataset(data);
  if (data.d !== d) throw new DescentInputError(`${model} expects ${d} features, data "${data.name}" has ${data.d}`);
  if (!data.y) throw new DescentInputError(`${model} needs regression targets y, data "${data.name}" has none`);
  return data as RegressionDataset;
}

/**
 * Checks a data set has labels in [0, classes) and the model's input width. The label scan runs
 * once per data set (src/data/check.ts); later calls compare the cached largest label with
 * `classes`, so this is safe in lossAndGradient (a label >= classes would otherwise read another
 * example's logit and turn the loss into NaN).
 */
export function requireClassification(
  model: string,
  data: Dataset,
  d: number,
  classes: number,
): ClassificationDataset {
  checkDataset(data);
  if (data.d !== d) throw new DescentInputError(`${model} expects ${d} features, data "${data.name}" has ${data.d}`);
  if (!data.labels) throw new DescentInputError(`${model} needs class labels, data "${data.name}" has none`);
  const dataClasses = data.classes ?? 0;
  if (dataClasses > classes) {
    throw new DescentInputError(`${model} has ${classes} classes, data "${data.name}" has ${dataClasses}`);
  }
  const top = maxLabel(data);
  if (top >= classes) {
    throw new DescentInputError(`${model} has ${classes} classes (labels 0..${classes - 1}), data "${data.name}" has label ${top}`);
  }
  return data as ClassificationDataset;
}

/** Small random weights N(0, scale^2) for initParams. */
export function fillNormal(out: Float64Array, from: number, to: number, scale: number, normal: () => number): void {
  for (let k = from; k < to; k++) out[k] = scale * normal();
}

/**
 * theta = [w_0 .. w_{d-1}, b] of a linear model (linear and logistic regression): w ~ N(0, 0.01^2),
 * b = 0. Both models share this layout, so they share its initialisation and its score below.
 */
export function initAffineParams(d: number, seed: number): Float64Array {
  const p = new Float64Array(d + 1);
  fillNormal(p, 0, d, 0.01, createRng(seed).normal);
  return p;
}

/** z_i = w^T x_i + b for theta = [w, b] and X row-major n x d. */
export function affineScore(params: Float64Array, X: Float64Array, i: number, d: number): number {
  const row = i * d;
  let z = params[d];
  for (let j = 0; j < d; j++) z += params[j] * X[row + j];
  return z;
}

/** 0, 1, ..., n-1 in an array at least n long, grown and reused (for whole-data-set passes). */
export class IdentityIndex {
  private idx = new Int32Array(0);
  get(n: number): Int32Array {
    if (this.idx.length < n) {
      this.idx = new Int32Array(n);
      for (let i = 0; i < n; i++) this.idx[i] = i;
    }
    return this.idx;
  }
}

/**
 * The full-batch training loss of `model` on `data` as an Objective, so a model can be minimised
 * (and plotted) like a 2-D surface. `value` is the same training-mode loss that
 * `valueAndGradient` differentiates (with batch normalisation: full-batch statistics). Calling
 * it leaves the model's running statistics (`buffers`) as they were.
 */
export function modelObjective(model: Model, data: Dataset): Objective {
  checkDataset(data);
  const idx = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) idx[i] = i;
  const theta64 = new Float64Array(model.dim);
  const grad64 = new Float64Array(model.dim);
  const scratch = new Float64Array(model.dim);
  // Models work in double precision; a Float32Array theta is copied in and the gradient copied out.
  const asF64 = (theta: Vec): Float64Array => {
    if (theta.length !== model.dim) {
      throw new DescentInputError(`${model.name} has ${model.dim} parameters, got a vector of length ${theta.length}`);
    }
    if (theta instanceof Float64Array) return theta;
    theta64.set(theta);
    return theta64;
  };
  // An Objective is a pure function of theta: a training-mode pass would also move batch
  // normalisation's running statistics, so they are saved before each pass and put back after.
  const buffers = model.buffers;
  const saved = buffers ? new Float64Array(buffers.length) : undefined;
  const pass = (theta: Vec, grad: Float64Array): number => {
    if (buffers && saved) saved.set(buffers);
    try {
      return model.lossAndGradient(asF64(theta), data, idx, 0, data.n, grad);
    } finally {
      if (buffers && saved) buffers.set(saved);
    }
  };
  return {
    name: `${model.name} on ${data.name}`,
    dim: model.dim,
    value(theta: Vec): number {
      return pass(theta, scratch);
    },
    valueAndGradient(theta: Vec, out: Vec): number {
      if (out instanceof Float64Array) return pass(theta, out);
      const value = pass(theta, grad64);
      out.set(grad64);
      return value;
    },
  };
}

/** Checks a parameter vector's length (for loss and accuracy, which take no gradient buffer). */
export function checkParams(model: Pick<Model, "name" | "dim">, params: Float64Array): void {
  if (!(params instanceof Float64Array) || params.length !== model.dim) {
    throw new DescentInputError(
      `${model.name} has ${model.dim} parameters, got params of ${params instanceof Float64Array ? `length ${params.length}` : "another type (expected a Float64Array)"}`,
    );
  }
}

/** Validates a batch range and the gradient buffer once per call (cheap, no allocation on success). */
export function checkBatch(model: Model, params: Float64Array, idx: Int32Array, start: number, end: number, grad: Float64Array): void {
  if (params.length !== model.dim || grad.length !== model.dim) {
    throw new DescentInputError(
      `${model.name} has ${model.dim} parameters, got params of length ${params.length} and grad of length ${grad.length}`,
    );
  }
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= idx.length)) {
    throw new DescentInputError(`batch range must satisfy 0 <= start < end <= ${idx.length}, got [${start}, ${end})`);
  }
}
