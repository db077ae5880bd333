import { divergenceHint, divergenceReason, firstNonFinite } from "../core/divergence";
import { DescentInputError, show } from "../core/errors";
import { integerAtLeast, nonNegative, optionsObject, positive } from "../core/validate";
import { norm2 } from "../core/vector";
import { checkDataset } from "../data/check";
import type { Dataset } from "../data/dataset";
import type { Model } from "../models/model";
import type { Optimizer } from "../optimizers/optimizer";
import { scheduledLr } from "../schedules/options";
import type { Schedule } from "../schedules/schedule";
import { checkLoopArguments } from "./arguments";
import { clipByGlobalNorm } from "./clip";
import { createGradientNoise } from "./noise";
import { createEpochOrder, type OrderKind } from "./order";

/**
 * Mini-batch training of a Model: the three gradient descent variants of the course differ only
 * in how many examples each update sees.
 *
 * $$\theta \leftarrow \theta - \eta\, \nabla_\theta J\big(\theta; x^{(i:i+b)}, y^{(i:i+b)}\big)$$
 *
 * b = n is batch gradient descent (one update per epoch), b = 1 is SGD (n updates per epoch),
 * anything in between is mini-batch gradient descent (ceil(n / b) updates, the last batch smaller
 * when b does not divide n). The optimizer's `step` replaces the plain update above.
 *
 * Per update: gradient of the batch, then global-norm clipping (clip.ts), then annealed gradient
 * noise (noise.ts), then `optimizer.step` with eta_t = schedule.at(t), t the 0-based update count.
 * Nothing is allocated per update; the index order, gradient and backup buffers are made once.
 *
 * Checked up front, once: the arguments (a missing `options` names `epochs` and `batchSize`), the
 * data set's shapes, labels and finiteness (NaN or Infinity in X, y or difficulty is reported as
 * bad data naming the field and index, not as divergence). Divergence uses the shared check and
 * wording of src/core/divergence.ts; before the first update the hint is the start point and the
 * data, not the learning rate. A schedule's rate is checked at every update (scheduledLr).
 */
export interface TrainOptions {
  /** Passes over the data (integer >= 1). */
  epochs: number;
  /**
   * "full" = batch gradient descent, 1 = SGD, otherwise mini-batch; an integer in [1, n]. (A
   * batch larger than the data set is refused rather than silently clamped: it usually means the
   * wrong data set or a typo.) With batch normalisation, every batch, the last one included, must
   * hold at least model.minBatch = 2 examples.
   */
  batchSize: number | "full";
  /** Example order per epoch (default "shuffle"). */
  order?: OrderKind;
  /** Difficulty per training example for order "curriculum" (default: data.difficulty). */
  difficulty?: ArrayLike<number>;
  /** Seeds the initial parameters (when `params` is not given), the shuffles and the gradient noise. */
  seed?: number;
  /** Start point; trained IN PLACE and returned as history.params. Default: model.initParams(seed). */
  params?: Float64Array;
  /** Learning rate per update. */
  schedule?: Schedule;
  validation?: Dataset;
  /**
   * Stop when the validation loss has not improved by more than minDelta (default 0) for
   * `patience` epochs; the parameters (and model buffers) of the best epoch are then restored.
   * "Improved" means below the best loss so far minus minDelta (as Keras and PyTorch Lightning
   * do): a run of gains each smaller than minDelta does not move the reference, so it adds up
   * and eventually counts.
   */
  earlyStopping?: { patience: number; minDelta?: number };
  /** Neelakantan et al. (2015): add N(0, eta / (1 + t)^gamma) to each gradient entry. */
  gradientNoise?: { eta: number; gamma?: number; seed?: number };
  /** Clip each batch gradient to this global norm. */
  clipNorm?: number;
  /** Keep every k-th update's loss and gradient norm (default 1: all). */
  recordEvery?: number;
  /** Called after each epoch (also after epoch 0, before training); return "stop" to end training. */
  onEpoch?: (report: EpochReport) => void | "stop";
}

export interface EpochReport {
  /** Epochs completed (0 = before training). */
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /** NaN without a validation set. */
  readonly validationLoss: number;
  readonly validationAccuracy: number;
  readonly lr: number;
  readonly params: Float64Array;
}

export type StopKind = "early-stopping" | "diverged" | "callback";

export interface TrainHistory {
  /** Per epoch, index e = after e epochs (index 0 = the initial parameters), on the whole set, evaluation mode. */
  readonly trainLoss: number[];
  readonly trainAccuracy: number[];
  /** Empty without a validation set. */
  readonly validationLoss: number[];
  readonly validationAccuracy: number[];
  /** lr[e] = learning rate of the last update of epoch e (lr[0]: of the first update). */
  readonly lr: number[];
  /** Mini-batch loss of every `recordEvery`-th update (before the update). */
  readonly updateLoss: Float64Array;
  /** Gradient norm of the same updates, before clipping and noise. */
  readonly updateGradNorm: Float64Array;
  readonly recordEvery: number;
  /** Updates made in total, and per full epoch. */
  readonly updates: number;
  readonly updatesPerEpoch: number;
  readonly batchSize: number;
  /** Epochs completed. */
  readonly epochs: number;
  /**
   * Epoch with the lowest validation loss (train loss without validation); with minDelta > 0, the
   * last epoch that improved on the previous best by more than minDelta.
   */
  readonly bestEpoch: number;
  readonly stopped: null | { readonly kind: StopKind; readonly epoch: number; readonly update: number; readonly reason: string };
  /**
   * The trained parameters (the best epoch's when early stopping is on; the last finite ones after
   * divergence). model.buffers match them: the best epoch's, or those from before the diverging update.
   */
  readonly params: Float64Array;
}

export function train(model: Model, data: Dataset, optimizer: Optimizer, options: TrainOptions): TrainHistory {
  checkLoopArguments("train", { model, optimizer });
  options = optionsObject("train", options, 'epochs and batchSize ("full" or an integer in [1, n])') as unknown as TrainOptions;
  checkDataset(data, "data");
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  const n = data.n;
  const batchSize = options.batchSize === "full" ? n : integerAtLeast("batchSize", options.batchSize, 1);
  if (batchSize > n) {
    throw new RangeError(`batchSize must be "full" or an integer in [1, n = ${n}] for data "${data.name}", got ${batchSize}`);
  }
  const minBatch = model.minBatch ?? 1;
  const lastBatch = n % batchSize;
  if (batchSize < minBatch || (lastBatch !== 0 && lastBatch < minBatch)) {
    const size = batchSize < minBatch ? batchSize : lastBatch;
    throw new DescentInputError(
      `${model.name} needs batches of at least ${minBatch} examples (batch normalisation), but batchSize ${batchSize} on n = ${n} ` +
        `gives a batch of ${size}; choose a batchSize whose remainder n mod batchSize is 0 or >= ${minBatch}`,
    );
  }
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const recordEvery = integerAtLeast("recordEvery", options.recordEvery ?? 1, 1);
  const clipNorm = options.clipNorm === undefined ? undefined : positive("clipNorm", options.clipNorm);
  const early = options.earlyStopping;
  const patience = early ? integerAtLeast("earlyStopping.patience", early.patience, 1) : 0;
  const minDelta = early ? nonNegative("earlyStopping.minDelta", early.minDelta ?? 0) : 0;
  const validation = options.validation;
  if (validation !== undefined) checkDataset(validation, "validation");
  if (options.onEpoch !== undefined && typeof options.onEpoch !== "function") {
    throw new DescentInputError(`onEpoch must be a function, got ${show(options.onEpoch)}`);
  }
  if (early && !validation) throw new DescentInputError("earlyStopping needs a validation set (options.validation)");
  const noise = options.gradientNoise
    ? createGradientNoise({ ...options.gradientNoise, seed: options.gradientNoise.seed ?? seed })
    : null;
  const order = createEpochOrder({
    kind: options.order ?? "shuffle",
    n,
    seed,
    difficulty: options.difficulty ?? data.difficulty,
  });
  const params = options.params ?? model.initParams(seed);
  if (params.length !== model.dim) {
    throw new DescentInputError(`params must have ${model.dim} entries for ${model.name}, got ${params.length}`);
  }
  const schedule = options.schedule;
  const lrAt = (t: number): number => (schedule ? scheduledLr(schedule, t) : optimizer.lr);

  const updatesPerEpoch = Math.ceil(n / batchSize);
  const maxRecords = Math.ceil((epochs * updatesPerEpoch) / recordEvery);
  const updateLoss = new Float64Array(maxRecords);
  const updateGradNorm = new Float64Array(maxRecords);
  const grad = new Float64Array(model.dim);
  const previous = new Float64Array(model.dim); // last finite parameters, restored on divergence
  const best = new Float64Array(model.dim);
  const buffers = model.buffers;
  const bestBuffers = buffers ? new Float64Array(buffers.length) : null;
  // Buffers before the current update: the forward pass of a diverging batch can write NaN into
  // batch norm's running statistics, which would poison evaluation of the restored parameters.
  const previousBuffers = buffers ? new Float64Array(buffers.length) : null;
  const state = optimizer.init(params);

  const history = {
    trainLoss: [] as number[],
    trainAccuracy: [] as number[],
    validationLoss: [] as number[],
    validationAccuracy: [] as number[],
    lr: [] as number[],
  };
  let bestEpoch = 0;
  let bestScore = Infinity;
  let sinceBest = 0;
  let t = 0;
  let records = 0;
  let epochsDone = 0;
  let stopped: TrainHistory["stopped"] = null;

  const endOfEpoch = (epoch: number, lr: number): void => {
    const trainLoss = model.loss(params, data);
    const trainAccuracy = model.accuracy(params, data);
    const validationLoss = validation ? model.loss(params, validation) : NaN;
    const validationAccuracy = validation ? model.accuracy(params, validation) : NaN;
    history.trainLoss.push(trainLoss);
    history.trainAccuracy.push(trainAccuracy);
    if (validation) {
      history.validationLoss.push(validationLoss);
      history.validationAccuracy.push(validationAccuracy);
    }
    history.lr.push(lr);
    const score = validation ? validationLoss : trainLoss;
    // The reference bestScore moves only on a real improvement, so it is always the score of
    // bestEpoch, whose parameters and buffers are the ones restored. (A NaN start counts as
    // +Infinity, so any finite later epoch improves on it.)
    if (epoch === 0 || score < bestScore - minDelta) {
      bestScore = Number.isNaN(score) ? Infinity : score;
      bestEpoch = epoch;
      sinceBest = 0;
      best.set(params);
      if (buffers && bestBuffers) bestBuffers.set(buffers);
    } else {
      sinceBest++;
    }
    if (early && sinceBest >= patience && !stopped) {
      stopped = {
        kind: "early-stopping",
        epoch,
        update: t,
        reason: `early stopping after epoch ${epoch}: validation loss did not improve by more than ${minDelta} for ${patience} epochs (best ${Number(bestScore.toPrecision(4))} at epoch ${bestEpoch})`,
      };
    }
    const answer = options.onEpoch?.({ epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, lr, params });
    if (answer === "stop" && !stopped) {
      stopped = { kind: "callback", epoch, update: t, reason: `stopped by onEpoch after epoch ${epoch}` };
    }
  };

  endOfEpoch(0, lrAt(0));
  let lastLr = lrAt(0);
  for (let epoch = 1; epoch <= epochs && !stopped; epoch++) {
    const idx = order.next();
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      if (buffers && previousBuffers) previousBuffers.set(buffers);
      const loss = model.lossAndGradient(params, data, idx, start, end, grad);
      const norm = clipNorm !== undefined ? clipByGlobalNorm(grad, clipNorm) : norm2(grad);
      if (t % recordEvery === 0) {
        updateLoss[records] = loss;
        updateGradNorm[records] = norm;
        records++;
      }
      if (!Number.isFinite(loss) || !Number.isFinite(norm)) {
        stopped = divergence(epoch, t, !Number.isFinite(loss) ? `loss is ${loss}` : `gradient norm is ${norm}`, t);
        if (buffers && previousBuffers) buffers.set(previousBuffers);
        break;
      }
      if (noise) noise.add(grad, t);
      const eta = schedule ? scheduledLr(schedule, t) : undefined;
      lastLr = eta ?? optimizer.lr;
      previous.set(params);
      optimizer.step(params, grad, state, eta);
      t++;
      const bad = firstNonFinite(params);
      if (bad >= 0) {
        stopped = divergence(epoch, t - 1, `parameter ${bad} became ${params[bad]}`, t);
        params.set(previous);
        if (buffers && previousBuffers) buffers.set(previousBuffers);
        break;
      }
    }
    if (stopped) break;
    epochsDone = epoch;
    endOfEpoch(epoch, lastLr);
  }

  if (early) {
    params.set(best);
    if (buffers && bestBuffers) buffers.set(bestBuffers);
  }
  return {
    ...history,
    updateLoss: updateLoss.subarray(0, records),
    updateGradNorm: updateGradNorm.subarray(0, records),
    recordEvery,
    updates: t,
    updatesPerEpoch,
    batchSize,
    epochs: epochsDone,
    bestEpoch,
    stopped,
    params,
  };
}

/** `updatesMade` = optimizer steps taken before the problem appeared (0: not the lr's fault). */
function divergence(epoch: number, update: number, what: string, updatesMade: number): TrainHistory["stopped"] {
  return {
    kind: "diverged",
    epoch,
    update,
    reason: divergenceReason(`in epoch ${epoch} at update ${update}`, what, divergenceHint(updatesMade)),
  };
}
