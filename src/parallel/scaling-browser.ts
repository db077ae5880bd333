import type { ParallelBackend } from "./browser-workers";
import { runHogwild, runLockedSgd, runSequentialSgdWorker } from "./hogwild-browser";
import { measureScaling, type ScalingOptions, type ScalingRow } from "./scaling-run";

export type { HogwildMode, ScalingOptions, ScalingRow } from "./scaling-run";

export interface BrowserScalingRow extends ScalingRow {
  /** "web-workers" on a cross-origin isolated page, else "simulated" (then the rates are the simulation's). */
  backend: ParallelBackend;
  note: string;
}

/**
 * scaling-node.ts's measurement in the browser: the same configurations, repeats and statistics,
 * timed on Web Workers sharing memory where the page is cross-origin isolated. Elsewhere every
 * run is the seeded simulation (hogwild-browser.ts) and each row's `backend`/`note` say so: its
 * "updates per second" then measure the simulation in one thread, not parallel threads.
 */
export async function measureHogwildScaling(options: ScalingOptions): Promise<BrowserScalingRow[]> {
  const measured = await measureScaling(options, { runHogwild, runLockedSgd, runSequentialSgdWorker });
  return measured.map(({ row, runs }) => ({ ...row, backend: runs[0].backend, note: runs[0].note }));
}
