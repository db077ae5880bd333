import { closedUnitInterval, integerAtLeast, positive } from "../core/validate";
import { DescentInputError } from "../core/errors";
import { checkT, rejectUnknownOptions, scheduledLr } from "./options";
import type { Schedule, ScheduleInfo } from "./schedule";

/**
 * Linear warm-up: start at a fraction s of the target rate and rise linearly to it over W
 * updates, then hold it or hand over to another schedule. Adaptive methods need this because
 * their second-moment estimates are poor for the first few steps, so the first steps are too big.
 *
 * $$\eta_t = \eta\left(s + (1 - s)\frac{t}{W}\right) \quad (t < W), \qquad
 *   \eta_t = \eta \ \text{or}\ \text{after}(t - W) \quad (t \ge W)$$
 *
 * Up to W this is PyTorch's `LinearLR(start_factor=s, end_factor=1, total_iters=W)` (torch
 * requires s > 0; s = 0 is allowed here).
 * The schedule that follows sees its own clock, starting at 0 when the warm-up ends.
 */
export interface WarmupOptions {
  /** Target rate reached at t = W; defaults to `after.at(0)` so the hand-over is continuous. */
  lr?: number;
  /** W, an integer >= 1. */
  warmupSteps?: number;
  /** s in [0, 1]: eta_0 = s * lr. */
  warmupStart?: number;
  /** The schedule used from t = W on, called as `after.at(t - W)`. */
  after?: Schedule;
}

export interface WarmupSchedule extends Schedule {
  readonly after?: Schedule;
}

export const WARMUP_INFO: ScheduleInfo = {
  name: "warmup",
  summary: "Rise linearly from warmupStart*lr to lr over warmupSteps updates, then hold lr (or hand over to another schedule).",
  formula: String.raw`\eta_t = \eta\bigl(s + (1-s)\tfrac{t}{W}\bigr)\ (t < W),\quad \eta_t = \eta\ (t \ge W)`,
  // s = 1/3 is PyTorch LinearLR's default start_factor; s = 0 would waste the first update.
  defaults: { warmupSteps: 10, warmupStart: 1 / 3 },
  accepts: ["lr", "warmupSteps", "warmupStart"],
};

export function warmup(options: WarmupOptions): WarmupSchedule {
  rejectUnknownOptions("warmup", options, [...WARMUP_INFO.accepts, "after"]);
  const after = options.after;
  if (after !== undefined && (typeof after !== "object" || typeof after.at !== "function")) {
    throw new DescentInputError("warmup's after must be a schedule (an object with at(t)), got " + typeof after);
  }
  const lr = positive("lr", options.lr ?? (after ? scheduledLr(after, 0) : undefined));
  const warmupSteps = integerAtLeast("warmupSteps", options.warmupSteps ?? WARMUP_INFO.defaults.warmupSteps, 1);
  const warmupStart = closedUnitInterval("warmupStart", options.warmupStart ?? WARMUP_INFO.defaults.warmupStart);
  const slope = (1 - warmupStart) / warmupSteps;
  return {
    name: "warmup",
    hyper: { lr, warmupSteps, warmupStart },
    after,
    at(t: number): number {
      checkT(t);
      if (t < warmupSteps) return lr * (warmupStart + slope * t);
      // `after` may be any object with at(t): its rate is checked so warmup never returns a bad one.
      return after ? scheduledLr(after, t - warmupSteps) : lr;
    },
  };
}
