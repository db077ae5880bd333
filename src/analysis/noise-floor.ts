import { DescentInputError, show } from "../core/errors";

/**
 * Where SGD settles on a quadratic when every gradient carries noise. Along one eigendirection
 * (curvature $\lambda$, error $e$), with a gradient $\lambda e_t + \xi_t$ whose noise has variance
 * $s^2 = \sigma^2 / b$ (per-example variance $\sigma^2$, batch size $b$), plain SGD is
 * $e_{t+1} = (1 - \eta\lambda) e_t - \eta \xi_t$. Squaring and taking expectations
 * ($\xi_t$ independent of $e_t$): $E e_{t+1}^2 = (1-\eta\lambda)^2 E e_t^2 + \eta^2 s^2$, whose fixed point is
 *
 * $$E[e^2]_\infty = \frac{\eta\, s^2}{\lambda\,(2 - \eta\lambda)}, \qquad
 *   E[J - J^\star]_\infty = \frac{\lambda}{2} E[e^2]_\infty = \frac{\eta\, \sigma^2}{2b\,(2 - \eta\lambda)}
 *   \approx \frac{\eta\,\sigma^2}{4b}.$$
 *
 * With momentum $\gamma$ the error is the AR(2) process $e_{t+1} = (1 + \gamma - \eta\lambda) e_t - \gamma e_{t-1} - \eta\xi_t$,
 * whose stationary variance is
 *
 * $$E[e^2]_\infty = \frac{(1+\gamma)\,\eta\, s^2}{(1-\gamma)\,\lambda\,\big(2(1+\gamma) - \eta\lambda\big)}
 *   \approx \frac{\eta}{1-\gamma}\cdot\frac{s^2}{2\lambda}$$
 *
 * (small $\eta\lambda$): momentum behaves like SGD with the effective rate $\eta/(1-\gamma)$.
 * The excess loss summed over directions is what `noiseFloor` returns; it needs the run to be
 * stable on every direction. The noise is added in the same coordinates as the Hessian's
 * eigenvectors (isotropic noise, as `minimize`'s `gradientNoise` with gamma = 0 adds it).
 */
export function noiseFloor(options: {
  lr: number;
  curvatures: readonly number[];
  /**
   * s^2, the variance of the gradient noise along each direction (sigma^2 / b for a mini-batch of b):
   * one number for isotropic noise, or one per curvature (least squares: s_i^2 = sigma_r^2 lambda_i / b).
   */
  noiseVariance: number | readonly number[];
  momentum?: number;
}): { excessLoss: number; errorVariance: number[] } {
  const { lr, curvatures, noiseVariance } = options;
  const gamma = options.momentum ?? 0;
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) throw new DescentInputError(`lr must be a positive number, got ${show(lr)}`);
  const variances = typeof noiseVariance === "number" ? curvatures.map(() => noiseVariance) : noiseVariance;
  if (!Array.isArray(variances) || variances.length !== curvatures.length || variances.some((v) => typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))) {
    throw new DescentInputError(`noiseVariance must be a number >= 0 or one such number per curvature, got ${show(noiseVariance)}`);
  }
  if (typeof gamma !== "number" || !(gamma >= 0 && gamma < 1)) throw new DescentInputError(`momentum must be in [0, 1), got ${show(gamma)}`);
  if (!Array.isArray(curvatures) || curvatures.length === 0) throw new DescentInputError(`curvatures must be a non-empty array, got ${show(curvatures)}`);
  const errorVariance = curvatures.map((lambda, i) => {
    if (typeof lambda !== "number" || !(lambda > 0)) throw new DescentInputError(`every curvature must be > 0, got ${show(lambda)}`);
    const h = lr * lambda;
    if (h >= 2 * (1 + gamma)) {
      throw new DescentInputError(`lr ${lr} is unstable on curvature ${lambda} (needs lr * lambda < ${2 * (1 + gamma)}): no stationary floor`);
    }
    return ((1 + gamma) * lr * variances[i]) / ((1 - gamma) * lambda * (2 * (1 + gamma) - h));
  });
  const excessLoss = curvatures.reduce((s, lambda, i) => s + 0.5 * lambda * errorVariance[i], 0);
  return { excessLoss, errorVariance };
}

/**
 * Adam's floor on a quadratic when noise dominates the gradient (Gaussian noise of standard
 * deviation $\sigma$ per coordinate, the gradient itself small next to it). Then $\sqrt{\hat v_t} \approx \sigma$, and
 * Adam is heavy-ball momentum with $\gamma = \beta_1$ and the rate $\eta(1-\beta_1)/\sigma$ (its $m_t$ is an average,
 * $v_t = \gamma v_{t-1} + \eta(1 - \beta_1) g_t / \sigma$). Into `noiseFloor`:
 *
 * $$E[e^2]_\infty \approx \frac{\eta(1-\beta_1)/\sigma}{1 - \beta_1}\cdot\frac{\sigma^2}{2\lambda} = \frac{\eta\,\sigma}{2\lambda},
 *   \qquad E[J - J^\star]_\infty \approx \frac{\eta\,\sigma}{4}\ \text{per direction}$$
 *
 * Linear in $\sigma$ (SGD's is quadratic) and independent of the curvature: Adam divides the noise
 * by its own size. Needs $\eta\lambda \ll \sigma$ (the gradient much smaller than the noise).
 */
export function adamNoiseFloor(options: { lr: number; curvatures: readonly number[]; sigma: number; beta1?: number }): { excessLoss: number; errorVariance: number[] } {
  const beta1 = options.beta1 ?? 0.9;
  const { sigma } = options;
  if (typeof sigma !== "number" || !(sigma > 0) || !Number.isFinite(sigma)) throw new DescentInputError(`sigma must be a positive number, got ${show(sigma)}`);
  return noiseFloor({ lr: (options.lr * (1 - beta1)) / sigma, curvatures: options.curvatures, noiseVariance: sigma * sigma, momentum: beta1 });
}
