/**
 * What `descent run` accepts, in one place, so `descent run --help`, the README and the checks
 * state the same numbers. Each bound keeps one run within seconds and a few hundred MB.
 */

/** Longest run, in updates. */
export const MAX_STEPS = 1_000_000;

/**
 * Parameter values a run keeps and prints: (recorded points) x (dimension). Above it the run
 * records every k-th point (the first and the last point reached are always kept) and says so;
 * 2.5 million values are about 50 MB of CSV.
 */
export const MAX_RECORDED_VALUES = 2_500_000;

/** Largest `--data` file. JSON numbers take at least 2 bytes, so this is at most ~8 million numbers. */
export const MAX_DATA_BYTES = 16 * 1024 * 1024;

/**
 * Work of one least-squares run: steps x rows x features (each step computes the residual and the
 * gradient, two passes over X). 5e8 took 2 to 8 s here depending on load: a run the user waits for.
 */
export const MAX_LEAST_SQUARES_WORK = 5e8;

/**
 * Work of one run on a typed formula: steps x (nodes of f + nodes of df/dx + nodes of df/dy + 50),
 * the 50 standing for the fixed cost of one evaluation. mathjs evaluates a compiled node in
 * 30-80 ns here, so 2e8 is 6-16 s at worst: Rosenbrock's formula (51 nodes with its gradient) runs
 * the full million steps, a formula whose gradient has 1,700 nodes about 115,000.
 */
export const MAX_FORMULA_WORK = 2e8;
export const FORMULA_STEP_OVERHEAD = 50;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Points kept with stride k over steps updates: 0, k, 2k, ... <= steps, and the last one. */
export function recordedRows(steps: number, k: number): number {
  return Math.floor(steps / k) + 1 + (steps % k === 0 ? 0 : 1);
}

/**
 * The recording stride k: the smallest k that keeps at most MAX_RECORDED_VALUES values, or
 * undefined when even the first and last points alone are too many (a huge dimension).
 */
export function recordStride(steps: number, dim: number): number | undefined {
  let k = Math.max(1, Math.floor(((steps + 1) * dim) / MAX_RECORDED_VALUES));
  while (recordedRows(steps, k) * dim > MAX_RECORDED_VALUES) {
    if (k > steps) return undefined;
    k++;
  }
  return k;
}
