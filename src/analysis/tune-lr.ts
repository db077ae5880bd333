import { DescentInputError, show } from "../core/errors";
import type { Optimizer } from "../optimizers/optimizer";
import type { Objective } from "../problems/objective";
import { minimize, type MinimizeResult } from "../train/minimize";

/** One learning rate of a grid search and its run. */
export interface LrTrial {
  readonly lr: number;
  readonly result: MinimizeResult;
  /** The score the search minimised (final loss by default); Infinity for a run that diverged. */
  readonly score: number;
}

export interface TuneLrOptions {
  /** Updates per run. */
  steps: number;
  /** What to minimise over the grid (default: the final loss). Lower is better. */
  score?: (result: MinimizeResult) => number;
  /** Passed to minimize: "none" for large problems (default: minimize's own choice). */
  record?: "all" | "none";
}

export interface TuneLrResult {
  /** The trial with the lowest score, or null when every run diverged. */
  readonly best: LrTrial | null;
  /** Every trial, in grid order. */
  readonly trials: readonly LrTrial[];
  /** True when the best lr is the first or last of the grid: the grid may be too narrow. */
  readonly atEdge: boolean;
}

const finalLoss = (r: MinimizeResult): number => r.loss[r.loss.length - 1];

/**
 * A grid search over the learning rate, the crudest answer to "choosing a learning rate": run
 * `make(lr)` for `steps` updates from x0 for every lr of `grid`, score each run (final loss by
 * default; a run that diverged scores Infinity), keep the lowest. Ties go to the earlier lr of
 * the grid. Each run is src/train's minimize with the optimizer `make` builds, so the comparison
 * a lesson prints is between the library's own rules, each at its own best rate.
 */
export function tuneLr(make: (lr: number) => Optimizer, objective: Objective, x0: ArrayLike<number>, grid: readonly number[], options: TuneLrOptions): TuneLrResult {
  if (typeof make !== "function") throw new DescentInputError(`tuneLr: make must be a function lr => optimizer, got ${typeof make}`);
  if (!Array.isArray(grid) || grid.length === 0) throw new DescentInputError(`tuneLr: grid must be a non-empty array of learning rates, got ${show(grid)}`);
  for (const lr of grid) {
    if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`tuneLr: every lr of the grid must be a finite number > 0, got ${show(lr)}`);
  }
  const score = options?.score ?? finalLoss;
  const trials: LrTrial[] = grid.map((lr) => {
    const result = minimize(objective, x0, make(lr), { steps: options.steps, record: options.record });
    const s = result.stopped ? Infinity : score(result);
    return { lr, result, score: Number.isNaN(s) ? Infinity : s };
  });
  let best: LrTrial | null = null;
  let bestIndex = -1;
  trials.forEach((trial, i) => {
    if (trial.score < Infinity && (best === null || trial.score < best.score)) {
      best = trial;
      bestIndex = i;
    }
  });
  return { best, trials, atEdge: bestIndex === 0 || bestIndex === grid.length - 1 };
}
