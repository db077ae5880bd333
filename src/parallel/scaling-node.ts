import { runHogwild, runLockedSgd, runSequentialSgdWorker } from "./hogwild-node";
import { measureScaling, type ScalingOptions, type ScalingRow } from "./scaling-run";

export type { HogwildMode, ScalingOptions, ScalingRow } from "./scaling-run";

/**
 * Throughput of Hogwild! (and of its baselines) per worker count on worker threads, for the
 * benchmark script and the lesson's scaling plot. Runs are sequential so they do not compete for
 * cores, and repeats are interleaved (every configuration once, then again) so a slow phase of the
 * machine does not fall on one configuration only (scaling-run.ts).
 */
export async function measureHogwildScaling(options: ScalingOptions): Promise<ScalingRow[]> {
  const measured = await measureScaling(options, { runHogwild, runLockedSgd, runSequentialSgdWorker });
  return measured.map((m) => m.row);
}
