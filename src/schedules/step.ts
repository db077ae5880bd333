import { integerAtLeast, positive } from "../core/validate";
import { checkT, decayFactor, rejectUnknownOptions } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * Step decay: the rate is multiplied by gamma every `stepSize` updates, giving plateaus
 * (PyTorch's `StepLR` with `step_size` counted in updates):
 *
 * $$\eta_t = \eta \, \gamma^{\lfloor t / s \rfloor}$$
 */
export interface StepOptions {
  lr: number;
  /** Factor applied at the end of each plateau, in (0, 1]. */
  gamma?: number;
  /** Length s of each plateau in updates, an integer >= 1. */
  stepSize?: number;
}

export const STEP_INFO: ScheduleInfo = {
  name: "step",
  summary: "Multiply the learning rate by gamma every stepSize updates (piecewise-constant plateaus).",
  formula: String.raw`\eta_t = \eta\,\gamma^{\lfloor t/s \rfloor}`,
  defaults: { gamma: 0.1, stepSize: 10 },
  accepts: ["lr", "gamma", "stepSize"],
};

export function stepDecay(options: StepOptions): Schedule {
  rejectUnknownOptions("step", options, STEP_INFO.accepts);
  const lr = positive("lr", options.lr);
  const gamma = decayFactor("gamma", options.gamma ?? STEP_INFO.defaults.gamma);
  const stepSize = integerAtLeast("stepSize", options.stepSize ?? STEP_INFO.defaults.stepSize, 1);
  return {
    name: "step",
    hyper: { lr, gamma, stepSize },
    at(t: number): number {
      checkT(t);
      return lr * Math.pow(gamma, Math.floor(t / stepSize));
    },
  };
}
