import { integerAtLeast, nonNegative, positive } from "../core/validate";
import { checkT, notAbove, rejectUnknownOptions } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * Cosine annealing over T updates (Loshchilov & Hutter), then constant at the floor:
 *
 * $$\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta - \eta_{\min})\left(1 + \cos\frac{\pi t}{T}\right)
 *   \quad (t \le T), \qquad \eta_t = \eta_{\min} \quad (t > T)$$
 *
 * For t <= T it equals PyTorch's `CosineAnnealingLR(T_max=T, eta_min)`; unlike PyTorch, whose
 * closed form climbs back up after T_max, it stays at the floor (restarts are `sgdr`'s job).
 */
export interface CosineOptions {
  lr: number;
  /** T, the number of updates over which the rate falls from lr to lrMin; an integer >= 1. */
  tMax?: number;
  /** eta_min, the floor, 0 <= lrMin <= lr. */
  lrMin?: number;
}

export const COSINE_INFO: ScheduleInfo = {
  name: "cosine",
  summary: "Half a cosine from lr down to lrMin over tMax updates, then hold lrMin.",
  formula: String.raw`\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta - \eta_{\min})\bigl(1 + \cos\tfrac{\pi \min(t,T)}{T}\bigr)`,
  defaults: { tMax: 100, lrMin: 0 },
  accepts: ["lr", "tMax", "lrMin"],
};

export function cosine(options: CosineOptions): Schedule {
  rejectUnknownOptions("cosine", options, COSINE_INFO.accepts);
  const lr = positive("lr", options.lr);
  const tMax = integerAtLeast("tMax", options.tMax ?? COSINE_INFO.defaults.tMax, 1);
  const lrMin = notAbove("lrMin", nonNegative("lrMin", options.lrMin ?? COSINE_INFO.defaults.lrMin), "lr", lr);
  return {
    name: "cosine",
    hyper: { lr, tMax, lrMin },
    at(t: number): number {
      checkT(t);
      // At t = T exactly, cos(pi) = -1 gives lrMin up to rounding; return it exactly.
      if (t >= tMax) return lrMin;
      return lrMin + 0.5 * (lr - lrMin) * (1 + Math.cos((Math.PI * t) / tMax));
    },
  };
}
