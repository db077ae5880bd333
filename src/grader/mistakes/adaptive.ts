import type { MutantStep } from "./run-mutant";

/**
 * DELIBERATELY WRONG update rules for the adaptive optimizers (catalogue, see run-mutant.ts).
 * Each is the correct rule with exactly one named mistake.
 */

/** Adagrad accumulating g instead of g^2. */
export const adagradLinear: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.G[i] += g[i];
    p[i] -= (h.lr / Math.sqrt(s.G[i] + h.eps)) * g[i];
  }
};

/** Adagrad dividing by G + eps without the square root. */
export const adagradNoRoot: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.G[i] += g[i] * g[i];
    p[i] -= (h.lr / (s.G[i] + h.eps)) * g[i];
  }
};

/** Adadelta with the two accumulators swapped in the step (RMS of gradients over RMS of steps). */
export const adadeltaSwapped: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.Eg2[i] = h.rho * s.Eg2[i] + (1 - h.rho) * g[i] * g[i];
    const d = -(Math.sqrt(s.Eg2[i] + h.eps) / Math.sqrt(s.Edx2[i] + h.eps)) * g[i];
    s.Edx2[i] = h.rho * s.Edx2[i] + (1 - h.rho) * d * d;
    p[i] += d;
  }
};

/** Adadelta with epsilon outside both square roots. */
export const adadeltaEpsOutside: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.Eg2[i] = h.rho * s.Eg2[i] + (1 - h.rho) * g[i] * g[i];
    const d = -((Math.sqrt(s.Edx2[i]) + h.eps) / (Math.sqrt(s.Eg2[i]) + h.eps)) * g[i];
    s.Edx2[i] = h.rho * s.Edx2[i] + (1 - h.rho) * d * d;
    p[i] += d;
  }
};

/** RMSprop averaging g instead of g^2. */
export const rmspropLinear: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.Eg2[i] = h.gamma * s.Eg2[i] + (1 - h.gamma) * g[i];
    p[i] -= (h.lr / Math.sqrt(s.Eg2[i] + h.eps)) * g[i];
  }
};

/** Adam family: one configurable wrong step (bias correction on/off, eps inside, t shifted, g not squared). */
export function adamMutant(options: { correct?: boolean; epsInside?: boolean; tShift?: number; linear?: boolean }): MutantStep {
  const correct = options.correct ?? true;
  const shift = options.tShift ?? 0;
  return (p, g, s, t, h) => {
    const tt = t + shift;
    const bc1 = correct ? 1 - Math.pow(h.beta1, tt) : 1;
    const bc2 = correct ? 1 - Math.pow(h.beta2, tt) : 1;
    for (let i = 0; i < p.length; i++) {
      s.m[i] = h.beta1 * s.m[i] + (1 - h.beta1) * g[i];
      s.v[i] = h.beta2 * s.v[i] + (1 - h.beta2) * (options.linear ? g[i] : g[i] * g[i]);
      const mHat = s.m[i] / bc1;
      const vHat = s.v[i] / bc2;
      const denom = options.epsInside ? Math.sqrt(vHat + h.eps) : Math.sqrt(vHat) + h.eps;
      p[i] -= (h.lr / denom) * mHat;
    }
  };
}

/** AdaMax variants: no bias correction, no decay inside the max, or g instead of |g|. */
export function adamaxMutant(options: { correct?: boolean; decay?: boolean; abs?: boolean }): MutantStep {
  return (p, g, s, t, h) => {
    const bc1 = options.correct === false ? 1 : 1 - Math.pow(h.beta1, t);
    for (let i = 0; i < p.length; i++) {
      s.m[i] = h.beta1 * s.m[i] + (1 - h.beta1) * g[i];
      s.u[i] = Math.max((options.decay === false ? 1 : h.beta2) * s.u[i], options.abs === false ? g[i] : Math.abs(g[i]));
      p[i] -= (h.lr / s.u[i]) * (s.m[i] / bc1);
    }
  };
}

/** Nadam with the gradient term of the look-ahead not bias-corrected: beta1 mHat + (1 - beta1) g. */
export const nadamUncorrectedGradient: MutantStep = (p, g, s, t, h) => {
  const bc1 = 1 - Math.pow(h.beta1, t);
  const bc2 = 1 - Math.pow(h.beta2, t);
  for (let i = 0; i < p.length; i++) {
    s.m[i] = h.beta1 * s.m[i] + (1 - h.beta1) * g[i];
    s.v[i] = h.beta2 * s.v[i] + (1 - h.beta2) * g[i] * g[i];
    const look = h.beta1 * (s.m[i] / bc1) + (1 - h.beta1) * g[i];
    p[i] -= (h.lr / (Math.sqrt(s.v[i] / bc2) + h.eps)) * look;
  }
};

/** AMSGrad without the running maximum: Adam without bias correction. */
export const amsgradNoMax: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.m[i] = h.beta1 * s.m[i] + (1 - h.beta1) * g[i];
    s.v[i] = h.beta2 * s.v[i] + (1 - h.beta2) * g[i] * g[i];
    p[i] -= (h.lr / (Math.sqrt(s.v[i]) + h.eps)) * s.m[i];
  }
};
