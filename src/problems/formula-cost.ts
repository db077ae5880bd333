import type { Objective } from "./objective";

/**
 * A typed formula's run is bounded by what it costs, measured, not only by its size: a 13-node
 * formula could once cost 9 ms a step. Before a run, `valueAndGradient` is timed at the start
 * point (two untimed calls, then at least 5, until 20 ms have passed or 2000 calls), and a run whose steps would take
 * longer than FORMULA_TIME_BUDGET_S at that rate is refused with the number of steps that fit.
 * The playground draws contours under the same measure (cost per evaluation x points).
 */

/** Longest a formula run may take, seconds (at the measured cost per step). */
export const FORMULA_TIME_BUDGET_S = 20;

/** Seconds per valueAndGradient call at `point`, measured now on this machine. */
export function secondsPerEvaluation(objective: Objective, point: ArrayLike<number>, budgetMs = 20): number {
  const theta = Float64Array.from(point);
  const out = new Float64Array(objective.dim);
  // Two calls first, untimed: the first calls compile (mathjs's typed dispatch, V8's JIT).
  objective.valueAndGradient(theta, out);
  objective.valueAndGradient(theta, out);
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (calls < 5 || (elapsed < budgetMs && calls < 2000)) {
    objective.valueAndGradient(theta, out);
    calls++;
    elapsed = performance.now() - t0;
  }
  return elapsed / 1000 / calls;
}

/** The most steps that fit in `budgetS` at `secondsPerStep`. */
export function stepsThatFit(secondsPerStep: number, budgetS = FORMULA_TIME_BUDGET_S): number {
  return secondsPerStep > 0 ? Math.floor(budgetS / secondsPerStep) : Number.MAX_SAFE_INTEGER;
}
