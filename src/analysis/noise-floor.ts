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
  /** s^2, the variance of each gradient coordinate's noise (sigma^2 / b for a mini-batch of b). */
  noiseVariance: number;
  momentum?: number;
}): { excessLoss: number; errorVariance: number[] } {
  const { lr, curvatures, noiseVariance } = options;
  const gamma = options.momentum ?? 0;
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) throw new DescentInputError(`lr must be a positive number, got ${show(lr)}`);
  if (typeof noiseVariance !== "number" || !(noiseVariance >= 0) || !Number.isFinite(noiseVariance)) {
    throw new DescentInputError(`noiseVariance must be a number >= 0, got ${show(noiseVariance)}`);
  }
  if (typeof gamma !== "number" || !(gamma >= 0 && gamma < 1)) throw new DescentInputError(`momentum must be in [0, 1), got ${show(gamma)}`);
  if (!Array.isArray(curvatures) || curvatures.length === 0) throw new DescentInputError(`curvatures must be a non-empty array, got ${show(curvatures)}`);
  const errorVariance = curvatures.map((lambda) => {
    if (typeof lambda !== "number" || !(lambda > 0)) throw new DescentInputError(`every curvature must be > 0, got ${show(lambda)}`);
    const h = lr * lambda;
    if (h >= 2 * (1 + gamma)) {
      throw new DescentInputError(`lr ${lr} is unstable on curvature ${lambda} (needs lr * lambda < ${2 * (1 + gamma)}): no stationary floor`);
    }
    return ((1 + gamma) * lr * noiseVariance) / ((1 - gamma) * lambda * (2 * (1 + gamma) - h));
  });
  const excessLoss = curvatures.reduce((s, lambda, i) => s + 0.5 * lambda * errorVariance[i], 0);
  return { excessLoss, errorVariance };
}
