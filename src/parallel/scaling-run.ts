/**
 * The scaling measurement shared by Node (scaling-node.ts, worker threads) and the browser
 * (scaling-browser.ts, Web Workers or the simulation): the same configurations, order, repeats
 * and statistics; only the runners differ.
 */
import { integerAtLeast, assertOptionsObject } from "../core/validate";
import { DescentInputError } from "../core/errors";
import type { SparseDataset } from "../data/dataset";
import type { HogwildOptions, HogwildResult } from "./hogwild-run";

/**
 * "sequential": the baseline, the same worker kernel on one thread with a private vector
 * (runSequentialSgdWorker); "lock-free": Hogwild!; "locked": every update under a global mutex.
 */
export type HogwildMode = "sequential" | "lock-free" | "locked";
const MODES: readonly HogwildMode[] = ["sequential", "lock-free", "locked"];

export interface ScalingOptions {
  data: SparseDataset;
  epochs: number;
  /** Thread counts to try, e.g. [1, 2, 4] ("sequential" always runs on 1). */
  workersList: readonly number[];
  lr?: number;
  seed?: number;
  /** Which variants to time (default: lock-free and locked, so the lesson can compare them). */
  modes?: readonly HogwildMode[];
  /** Runs of every configuration (default 1); rows report the median and the range. */
  repeats?: number;
}

export interface ScalingRow {
  mode: HogwildMode;
  workers: number;
  updates: number;
  /** Median over the repeats of the wall time of the epochs. */
  elapsedMs: number;
  /** Median per-example updates per second of wall time (thread start-up and loss evaluation excluded). */
  updatesPerSecond: number;
  /** Slowest and fastest of the repeats, and every run's figure, so the spread is visible. */
  updatesPerSecondMin: number;
  updatesPerSecondMax: number;
  updatesPerSecondRuns: number[];
  /** Final loss of the median run. */
  finalLoss: number;
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
}

/** The three runs a scaling measurement times (Node threads or browser Web Workers). */
export interface ScalingRunners<R extends HogwildResult> {
  runHogwild(options: HogwildOptions): Promise<R>;
  runLockedSgd(options: HogwildOptions): Promise<R>;
  runSequentialSgdWorker(options: Omit<HogwildOptions, "workers">): Promise<R>;
}

/**
 * Throughput of Hogwild! (and of its baselines) per worker count, for the benchmark script and
 * the lesson's scaling plot. Runs are sequential so they do not compete for cores, and repeats
 * are interleaved (every configuration once, then again) so a slow phase of the machine does
 * not fall on one configuration only.
 */
export async function measureScaling<R extends HogwildResult>(options: ScalingOptions, runners: ScalingRunners<R>): Promise<{ row: ScalingRow; runs: R[] }[]> {
  assertOptionsObject("measureHogwildScaling", options, "data, epochs and workersList");
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  const repeats = integerAtLeast("repeats", options.repeats ?? 1, 1);
  if (!Array.isArray(options.workersList) || options.workersList.length === 0) {
    throw new DescentInputError(`workersList must name at least one worker count, got ${JSON.stringify(options.workersList) ?? "undefined"}`);
  }
  const modes = options.modes ?? ["lock-free", "locked"];
  const configs: { mode: HogwildMode; workers: number }[] = [];
  for (const mode of modes) {
    if (!MODES.includes(mode)) {
      throw new DescentInputError(`mode must be one of ${MODES.map((m) => JSON.stringify(m)).join(", ")}, got ${JSON.stringify(mode)}`);
    }
    if (mode === "sequential") configs.push({ mode, workers: 1 });
    else for (const workers of options.workersList) configs.push({ mode, workers });
  }
  const runs: R[][] = configs.map(() => []);
  for (let r = 0; r < repeats; r++) {
    for (let c = 0; c < configs.length; c++) {
      const { mode, workers } = configs[c];
      const common = { data: options.data, epochs, lr: options.lr ?? 0.01, seed: options.seed ?? 0, lossEveryEpoch: false };
      const result =
        mode === "sequential"
          ? await runners.runSequentialSgdWorker(common)
          : await (mode === "locked" ? runners.runLockedSgd : runners.runHogwild)({ ...common, workers });
      runs[c].push(result);
    }
  }
  return configs.map(({ mode, workers }, c) => {
    const rate = (x: HogwildResult): number => (x.elapsedMs > 0 ? (x.updates / x.elapsedMs) * 1000 : Infinity);
    const byRate = [...runs[c]].sort((a, b) => rate(a) - rate(b));
    const rates = byRate.map(rate);
    const mid = byRate[byRate.length >> 1];
    const row: ScalingRow = {
      mode,
      workers,
      updates: mid.updates,
      elapsedMs: median(byRate.map((x) => x.elapsedMs).sort((a, b) => a - b)),
      updatesPerSecond: median(rates),
      updatesPerSecondMin: rates[0],
      updatesPerSecondMax: rates[rates.length - 1],
      updatesPerSecondRuns: runs[c].map(rate),
      finalLoss: mid.stopped ? NaN : mid.lossPerEpoch[epochs - 1],
    };
    return { row, runs: runs[c] };
  });
}
