import { createRng, type Rng } from "../core/rng";
import type { Vec } from "../core/vector";
import { integerAtLeast, nonNegative, positive } from "../core/validate";
import { saltedSeed } from "../data/salt";

/**
 * Annealed Gaussian gradient noise (Neelakantan et al., 2015): at update t (0-based) add
 *
 * $$g_t \leftarrow g_t + \mathcal{N}\left(0, \sigma_t^2\right), \qquad \sigma_t^2 = \frac{\eta}{(1 + t)^{\gamma}}$$
 *
 * independently to every coordinate. The noise helps escape poor regions early and fades as
 * training settles (the paper uses eta in {0.01, 0.3, 1} and gamma = 0.55).
 */
export interface GradientNoiseOptions {
  /** eta, the variance at t = 0 (> 0). */
  eta: number;
  /** gamma, the decay exponent (default 0.55). */
  gamma?: number;
  seed?: number;
}

/** sigma_t^2 = eta / (1 + t)^gamma, for the 0-based training step t. */
export function gradientNoiseVariance(t: number, eta: number, gamma: number = 0.55): number {
  integerAtLeast("t", t, 0);
  positive("eta", eta);
  nonNegative("gamma", gamma);
  return varianceAt(t, eta, gamma);
}

// Unchecked form for `add`, whose arguments were validated when the noise was created.
function varianceAt(t: number, eta: number, gamma: number): number {
  return eta / Math.pow(1 + t, gamma);
}

export interface GradientNoise {
  readonly eta: number;
  readonly gamma: number;
  /** Adds N(0, sigma_t^2) to every entry of grad, in place; returns sigma_t. */
  add(grad: Vec, t: number): number;
}

export function createGradientNoise(options: GradientNoiseOptions): GradientNoise {
  const eta = positive("gradientNoise.eta", options.eta);
  const gamma = nonNegative("gradientNoise.gamma", options.gamma ?? 0.55);
  // saltedSeed would silently truncate 1.5 to 1; refuse it instead.
  const seed = integerAtLeast("gradientNoise.seed", options.seed ?? 0, 0);
  const rng: Rng = createRng(saltedSeed(seed, "noise"));
  return {
    eta,
    gamma,
    add(grad: Vec, t: number): number {
      const sigma = Math.sqrt(varianceAt(t, eta, gamma));
      for (let i = 0; i < grad.length; i++) grad[i] += sigma * rng.normal();
      return sigma;
    },
  };
}
