import { integerAtLeast, nonNegative, positive } from "../core/validate";
import { checkT, notAbove, rejectUnknownOptions } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * SGDR, stochastic gradient descent with warm restarts (Loshchilov & Hutter, 2017): cosine
 * annealing over a cycle of T_i updates, then an abrupt jump back to the full rate, with each
 * cycle T_mult times longer than the last:
 *
 * $$\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta - \eta_{\min})\left(1 + \cos\frac{\pi\, T_{cur}}{T_i}\right)$$
 *
 * where T_cur counts updates since the last restart; when T_cur reaches T_i, T_cur <- 0 and
 * T_i <- T_i * T_mult (T_0 for the first cycle). Restarts therefore happen at
 * t = T_0, T_0 + T_0 T_mult, T_0 + T_0 T_mult + T_0 T_mult^2, ...
 * This is PyTorch's `CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)` stepped once per update.
 */
export interface SgdrOptions {
  lr: number;
  /** T_0, the length of the first cycle, an integer >= 1. */
  t0?: number;
  /** T_mult, the growth factor of the cycle length, an integer >= 1 (1 = equal cycles). */
  tMult?: number;
  /** eta_min, the floor each cycle anneals to, 0 <= lrMin <= lr. */
  lrMin?: number;
}

export const SGDR_INFO: ScheduleInfo = {
  name: "sgdr",
  summary: "Cosine annealing with warm restarts: anneal over t0 updates, jump back to lr, and make each cycle tMult times longer.",
  formula: String.raw`\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta - \eta_{\min})\bigl(1 + \cos\tfrac{\pi T_{cur}}{T_i}\bigr),\ T_i = T_0 T_{mult}^{i}`,
  // PyTorch's defaults for T_mult and eta_min; T_0 has none there.
  defaults: { t0: 10, tMult: 1, lrMin: 0 },
  accepts: ["lr", "t0", "tMult", "lrMin"],
};

export interface SgdrSchedule extends Schedule {
  /** The update indices t (< steps) at which a new cycle starts (t = 0 excluded). */
  restarts(steps: number): number[];
}

export function sgdr(options: SgdrOptions): SgdrSchedule {
  rejectUnknownOptions("sgdr", options, SGDR_INFO.accepts);
  const lr = positive("lr", options.lr);
  const t0 = integerAtLeast("t0", options.t0 ?? SGDR_INFO.defaults.t0, 1);
  const tMult = integerAtLeast("tMult", options.tMult ?? SGDR_INFO.defaults.tMult, 1);
  const lrMin = notAbove("lrMin", nonNegative("lrMin", options.lrMin ?? SGDR_INFO.defaults.lrMin), "lr", lr);
  return {
    name: "sgdr",
    hyper: { lr, t0, tMult, lrMin },
    at(t: number): number {
      checkT(t);
      let tCur = t;
      let tI = t0;
      if (tMult === 1) {
        tCur = t % t0;
      } else {
        // Peel off whole cycles; their lengths grow geometrically, so this loops O(log t) times
        // and, unlike PyTorch's closed form with log(), never lands on the wrong side of a restart.
        while (tCur >= tI) {
          tCur -= tI;
          tI *= tMult;
        }
      }
      return lrMin + 0.5 * (lr - lrMin) * (1 + Math.cos((Math.PI * tCur) / tI));
    },
    restarts(steps: number): number[] {
      const out: number[] = [];
      let start = t0;
      let length = t0;
      while (start < steps) {
        out.push(start);
        length *= tMult;
        start += length;
      }
      return out;
    },
  };
}
