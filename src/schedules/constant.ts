import { positive } from "../core/validate";
import { rejectUnknownOptions, checkT } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * Constant learning rate, the baseline every annealing schedule is compared with:
 *
 * $$\eta_t = \eta$$
 */
export interface ConstantOptions {
  lr: number;
}

export const CONSTANT_INFO: ScheduleInfo = {
  name: "constant",
  summary: "The same learning rate for every update (no annealing).",
  formula: String.raw`\eta_t = \eta`,
  defaults: {},
  accepts: ["lr"],
};

export function constant(options: ConstantOptions): Schedule {
  rejectUnknownOptions("constant", options, CONSTANT_INFO.accepts);
  const lr = positive("lr", options.lr);
  return {
    name: "constant",
    hyper: { lr },
    at(t: number): number {
      checkT(t);
      return lr;
    },
  };
}
