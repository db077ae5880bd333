import type { MutantStep } from "./run-mutant";

/** DELIBERATELY WRONG (catalogue, see run-mutant.ts): theta moves by v_{t-1}, then v is updated. */
export const momentumOldVelocity: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    p[i] -= s.v[i];
    s.v[i] = h.gamma * s.v[i] + h.lr * g[i];
  }
};

/** DELIBERATELY WRONG: an exponential average, v = gamma v + (1 - gamma) eta g. */
export const momentumAveraged: MutantStep = (p, g, s, _t, h) => {
  for (let i = 0; i < p.length; i++) {
    s.v[i] = h.gamma * s.v[i] + (1 - h.gamma) * h.lr * g[i];
    p[i] -= s.v[i];
  }
};
