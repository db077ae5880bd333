import { integerAtLeast } from "../core/validate";
import { DescentInputError } from "../core/errors";
import type { SparseDataset } from "../data/dataset";
import { runHogwild, runLockedSgd } from "./hogwild-node";

export type HogwildMode = "lock-free" | "locked";

export interface ScalingOptions {
  data: SparseDataset;
  epochs: number;
  /** Thread counts to try, e.g. [1, 2, 4]. */
  workersList: readonly number[];
  lr?: number;
  seed?: number;
  /** Which variants to time (default: both, so the lesson can show lock-free vs locked). */
  modes?: readonly HogwildMode[];
}

export interface ScalingRow {
  mode: HogwildMode;
  workers: number;
  updates: number;
  elapsedMs: number;
  /** Per-example updates per second of wall time (thread start-up and loss evaluation excluded). */
  updatesPerSecond: number;
  finalLoss: number;
}

/**
 * Throughput of Hogwild! (and of the locked baseline) per worker count, for the benchmark script
 * and the lesson's scaling plot. Runs are sequential so they do not compete for cores.
 */
export async function measureHogwildScaling(options: ScalingOptions): Promise<ScalingRow[]> {
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  if (options.workersList.length === 0) throw new DescentInputError("workersList must name at least one worker count, got []");
  const modes = options.modes ?? ["lock-free", "locked"];
  const rows: ScalingRow[] = [];
  for (const mode of modes) {
    if (mode !== "lock-free" && mode !== "locked") {
      throw new DescentInputError(`mode must be "lock-free" or "locked", got ${JSON.stringify(mode)}`);
    }
    for (const workers of options.workersList) {
      const run = mode === "locked" ? runLockedSgd : runHogwild;
      const r = await run({
        data: options.data,
        workers,
        epochs,
        lr: options.lr ?? 0.01,
        seed: options.seed ?? 0,
        lossEveryEpoch: false,
      });
      rows.push({
        mode,
        workers,
        updates: r.updates,
        elapsedMs: r.elapsedMs,
        updatesPerSecond: r.elapsedMs > 0 ? (r.updates / r.elapsedMs) * 1000 : Infinity,
        finalLoss: r.lossPerEpoch[epochs - 1],
      });
    }
  }
  return rows;
}
