import { DescentInputError } from "../core/errors";
import { integerAtLeast, positive, unitInterval } from "../core/validate";

/**
 * Batch normalisation (Ioffe & Szegedy, 2015) on a (batch x features) block, row-major:
 * x[i*F + f] is feature f of example i. For a batch of m examples, per feature:
 *
 * $$\mu_B = \frac{1}{m}\sum_{i=1}^m x_i, \qquad \sigma_B^2 = \frac{1}{m}\sum_{i=1}^m (x_i - \mu_B)^2$$
 *
 * $$\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \qquad y_i = \gamma \hat{x}_i + \beta$$
 *
 * Backward pass (the paper's chain rule, collapsed):
 *
 * $$\frac{\partial \ell}{\partial \gamma} = \sum_i \frac{\partial \ell}{\partial y_i} \hat{x}_i, \qquad
 *   \frac{\partial \ell}{\partial \beta} = \sum_i \frac{\partial \ell}{\partial y_i}$$
 *
 * $$\frac{\partial \ell}{\partial x_i} = \frac{\gamma}{m \sqrt{\sigma_B^2 + \epsilon}}
 *   \Big( m \frac{\partial \ell}{\partial y_i} - \sum_j \frac{\partial \ell}{\partial y_j}
 *   - \hat{x}_i \sum_j \frac{\partial \ell}{\partial y_j} \hat{x}_j \Big)$$
 *
 * At evaluation the batch statistics are replaced by running averages, updated in training as
 * PyTorch does: running <- (1 - momentum) running + momentum * batch, with the unbiased batch
 * variance sigma_B^2 m / (m - 1) for the running variance. Training needs m >= 2: with one example
 * the batch variance is 0 and every output equals beta.
 */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** Weight of the current batch in the running averages (default 0.1, PyTorch's convention). */
  momentum?: number;
  /** Where the running mean / variance live (e.g. views into a model's buffer); fresh arrays by default. */
  runningMean?: Float64Array;
  runningVar?: Float64Array;
}

export class BatchNorm {
  readonly features: number;
  readonly eps: number;
  readonly momentum: number;
  /** Running averages for evaluation (mean starts at 0, variance at 1). */
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
  /** The last training batch's statistics, per feature. */
  readonly batchMean: Float64Array;
  readonly batchInvStd: Float64Array;
  /** x-hat of the last training batch (capacity grows to the largest batch seen). */
  private xhat = new Float64Array(0);
  private readonly sumDy: Float64Array;
  private readonly sumDyXhat: Float64Array;

  constructor(features: number, options: BatchNormOptions = {}) {
    this.features = integerAtLeast("features", features, 1);
    this.eps = positive("eps", options.eps ?? 1e-5);
    this.momentum = unitInterval("momentum", options.momentum ?? 0.1);
    this.runningMean = options.runningMean ?? new Float64Array(features);
    this.runningVar = options.runningVar ?? new Float64Array(features);
    if (this.runningMean.length !== features || this.runningVar.length !== features) {
      throw new DescentInputError(`batch norm running statistics must have length ${features}`);
    }
    this.resetRunningStats();
    this.batchMean = new Float64Array(features);
    this.batchInvStd = new Float64Array(features);
    this.sumDy = new Float64Array(features);
    this.sumDyXhat = new Float64Array(features);
  }

  resetRunningStats(): void {
    this.runningMean.fill(0);
    this.runningVar.fill(1);
  }

  /**
   * Training-mode forward on the first m rows of x: writes y into out (may be x itself), keeps
   * x-hat for `backward`, and (when updateRunning) updates the running averages.
   * gamma = params[gammaOff .. +F), beta = params[betaOff .. +F).
   */
  forwardTrain(
    x: Float64Array,
    m: number,
    params: Float64Array,
    gammaOff: number,
    betaOff: number,
    out: Float64Array,
    updateRunning: boolean = true,
  ): void {
    const F = this.features;
    if (m < 2) throw new DescentInputError(`batch normalisation in training needs a batch of at least 2 examples, got ${m}`);
    if (this.xhat.length < m * F) this.xhat = new Float64Array(m * F);
    const { xhat, batchMean, batchInvStd } = this;
    for (let f = 0; f < F; f++) {
      let mu = 0;
      for (let i = 0; i < m; i++) mu += x[i * F + f];
      mu /= m;
      let v = 0;
      for (let i = 0; i < m; i++) {
        const c = x[i * F + f] - mu;
        v += c * c;
      }
      v /= m;
      const inv = 1 / Math.sqrt(v + this.eps);
      batchMean[f] = mu;
      batchInvStd[f] = inv;
      const g = params[gammaOff + f];
      const b = params[betaOff + f];
      for (let i = 0; i < m; i++) {
        const h = (x[i * F + f] - mu) * inv;
        xhat[i * F + f] = h;
        out[i * F + f] = g * h + b;
      }
      if (updateRunning) {
        const mom = this.momentum;
        this.runningMean[f] = (1 - mom) * this.runningMean[f] + mom * mu;
        this.runningVar[f] = (1 - mom) * this.runningVar[f] + mom * ((v * m) / (m - 1));
      }
    }
  }

  /** Evaluation-mode forward with the running statistics: y = gamma (x - mean_run) / sqrt(var_run + eps) + beta. */
  forwardEval(x: Float64Array, m: number, params: Float64Array, gammaOff: number, betaOff: number, out: Float64Array): void {
    const F = this.features;
    for (let f = 0; f < F; f++) {
      const inv = 1 / Math.sqrt(this.runningVar[f] + this.eps);
      const mu = this.runningMean[f];
      const g = params[gammaOff + f];
      const b = params[betaOff + f];
      for (let i = 0; i < m; i++) out[i * F + f] = g * (x[i * F + f] - mu) * inv + b;
    }
  }

  /**
   * Backward through the last `forwardTrain` (same m): reads dL/dy from dy, ADDS dL/dgamma and
   * dL/dbeta into grad[gammaGradOff ..], grad[betaGradOff ..], and writes dL/dx into dx (may be dy).
   */
  backward(
    dy: Float64Array,
    m: number,
    params: Float64Array,
    gammaOff: number,
    grad: Float64Array,
    gammaGradOff: number,
    betaGradOff: number,
    dx: Float64Array,
  ): void {
    const F = this.features;
    const { xhat, sumDy, sumDyXhat, batchInvStd } = this;
    sumDy.fill(0);
    sumDyXhat.fill(0);
    for (let i = 0; i < m; i++) {
      for (let f = 0; f < F; f++) {
        const g = dy[i * F + f];
        sumDy[f] += g;
        sumDyXhat[f] += g * xhat[i * F + f];
      }
    }
    for (let f = 0; f < F; f++) {
      grad[gammaGradOff + f] += sumDyXhat[f];
      grad[betaGradOff + f] += sumDy[f];
    }
    for (let f = 0; f < F; f++) {
      const scale = (params[gammaOff + f] * batchInvStd[f]) / m;
      for (let i = 0; i < m; i++) {
        const k = i * F + f;
        dx[k] = scale * (m * dy[k] - sumDy[f] - xhat[k] * sumDyXhat[f]);
      }
    }
  }
}
