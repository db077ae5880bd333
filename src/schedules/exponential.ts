import { positive } from "../core/validate";
import { checkT, decayFactor, rejectUnknownOptions } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * Exponential decay: the rate shrinks by a constant factor every update
 * (PyTorch's `ExponentialLR` stepped once per update):
 *
 * $$\eta_t = \eta \, \gamma^{t}$$
 */
export interface ExponentialOptions {
  lr: number;
  /** Per-update factor in (0, 1]; close to 1 (e.g. 0.99) for a gentle decay. */
  gamma?: number;
}

export const EXPONENTIAL_INFO: ScheduleInfo = {
  name: "exponential",
  summary: "Multiply the learning rate by gamma after every update (smooth geometric decay).",
  formula: String.raw`\eta_t = \eta\,\gamma^{t}`,
  defaults: { gamma: 0.99 },
  accepts: ["lr", "gamma"],
};

export function exponential(options: ExponentialOptions): Schedule {
  rejectUnknownOptions("exponential", options, EXPONENTIAL_INFO.accepts);
  const lr = positive("lr", options.lr);
  const gamma = decayFactor("gamma", options.gamma ?? EXPONENTIAL_INFO.defaults.gamma);
  return {
    name: "exponential",
    hyper: { lr, gamma },
    at(t: number): number {
      checkT(t);
      return lr * Math.pow(gamma, t);
    },
  };
}
