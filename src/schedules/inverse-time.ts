import { nonNegative, positive } from "../core/validate";
import { checkT, rejectUnknownOptions } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * Inverse-time annealing. With power p = 1 this is the classic 1/t schedule of stochastic
 * approximation (Robbins-Monro: the rates sum to infinity but their squares do not, which is
 * what lets SGD converge despite its noise); p in (1/2, 1] keeps that property.
 *
 * $$\eta_t = \frac{\eta}{(1 + k\,t)^{p}}$$
 */
export interface InverseTimeOptions {
  lr: number;
  /** k >= 0: the rate has fallen to eta / 2^p at t = 1/k. */
  decay?: number;
  /** p > 0, default 1. */
  power?: number;
}

export const INVERSE_TIME_INFO: ScheduleInfo = {
  name: "inverse-time",
  summary: "Divide the learning rate by (1 + decay*t)^power: the slowly decreasing rate SGD's convergence theory asks for.",
  formula: String.raw`\eta_t = \frac{\eta}{(1 + k\,t)^{p}}`,
  defaults: { decay: 0.01, power: 1 },
  accepts: ["lr", "decay", "power"],
};

export function inverseTime(options: InverseTimeOptions): Schedule {
  rejectUnknownOptions("inverse-time", options, INVERSE_TIME_INFO.accepts);
  const lr = positive("lr", options.lr);
  const decay = nonNegative("decay", options.decay ?? INVERSE_TIME_INFO.defaults.decay);
  const power = positive("power", options.power ?? INVERSE_TIME_INFO.defaults.power);
  return {
    name: "inverse-time",
    hyper: { lr, decay, power },
    at(t: number): number {
      checkT(t);
      return lr / Math.pow(1 + decay * t, power);
    },
  };
}
