import { assertOptionsObject } from "../core/validate";
import {
  PARENT_PORT_SHIM,
  sharedMemoryUnavailable,
  simulatedNote,
  startWebWorker,
  warnSimulatedOnce,
  webWorkerSource,
  type ParallelBackend,
} from "./browser-workers";
import { planSharedRun, runSharedSgd, runnerName, type HogwildOptions, type HogwildResult, type HogwildWorkerMessage, type SharedMode, type WorkerHost } from "./hogwild-run";
import { runSimulatedHogwild } from "./hogwild-simulated";
import { HOGWILD_WORKER_SOURCE } from "./hogwild-worker-source";
import { checkWorkers } from "./worker-cap-browser";

/**
 * Hogwild! and its two baselines in the browser, with hogwild-node.ts's names, options and
 * results (the algorithm and its equation are documented there).
 *
 * Where the page is cross-origin isolated, W Web Workers run the Node version's worker source
 * (hogwild-worker-source.ts, unchanged) on ONE parameter vector in a SharedArrayBuffer, with the
 * same coordinator (hogwild-run.ts): lock-free races, the global mutex, the epoch barrier, all as
 * in Node. `backend` is then "web-workers".
 *
 * Elsewhere workers cannot share memory, so the run is the seeded simulation
 * (hogwild-simulated.ts) with the same data, epochs, rate, decay and seed: lock-free Hogwild! on W
 * workers reads w stale by the W - 1 updates the other workers may have in flight (staleness
 * W - 1), the global lock serialises updates (staleness 0), the sequential baseline is one worker
 * (exactly sequential SGD, as the threaded one). `backend` is "simulated", `note` says so in words
 * a lesson can print, and the console gets the note once. `elapsedMs` is then the simulation's wall
 * time (loss evaluations included) and `threadsExited` is 0.
 */
export type { HogwildOptions, HogwildResult } from "./hogwild-run";

export interface BrowserHogwildResult extends HogwildResult {
  backend: ParallelBackend;
  /** What ran, in a sentence the lesson can show ("" never: it names the backend either way). */
  note: string;
}

/** Lock-free Hogwild! on `workers` Web Workers (or simulated; see `backend`). */
export function runHogwild(options: HogwildOptions): Promise<BrowserHogwildResult> {
  return runSharedSgdBrowser(options, "lock-free");
}

/** The sequential baseline: the same worker kernel on one worker with a private vector (`workers` must be 1 or absent). */
export async function runSequentialSgdWorker(options: Omit<HogwildOptions, "workers"> & { workers?: 1 }): Promise<BrowserHogwildResult> {
  assertOptionsObject("runSequentialSgdWorker", options, "data, epochs and lr");
  if (options.workers !== undefined && options.workers !== 1) {
    throw new RangeError(`workers must be 1 for the sequential baseline, got ${String(options.workers)}`);
  }
  return runSharedSgdBrowser({ ...options, workers: 1 }, "sequential");
}

/** The locked baseline: every per-example update under a global mutex. */
export function runLockedSgd(options: HogwildOptions): Promise<BrowserHogwildResult> {
  return runSharedSgdBrowser(options, "locked");
}

const WEB_WORKER_SOURCE = webWorkerSource(HOGWILD_WORKER_SOURCE, PARENT_PORT_SHIM);

const BROWSER_HOST: WorkerHost = {
  checkWorkers,
  spawn: (k, workerData, on) => startWebWorker<HogwildWorkerMessage>(WEB_WORKER_SOURCE, `Hogwild! worker ${k}`, workerData, [], on),
};

async function runSharedSgdBrowser(options: HogwildOptions, mode: SharedMode): Promise<BrowserHogwildResult> {
  const plan = planSharedRun(options, mode, checkWorkers);
  const why = sharedMemoryUnavailable();
  if (why === null) {
    const result = await runSharedSgd(plan, mode, BROWSER_HOST);
    const what = mode === "sequential" ? "1 Web Worker (private w)" : `${plan.workers} Web Worker${plan.workers === 1 ? "" : "s"} sharing w through a SharedArrayBuffer`;
    return { ...result, backend: "web-workers", note: `${runnerName(mode)} ran on ${what}${mode === "locked" ? " under a global lock" : ""}.` };
  }
  const staleness = mode === "lock-free" ? plan.workers - 1 : 0;
  const t0 = performance.now();
  const sim = runSimulatedHogwild({
    data: plan.data,
    workers: plan.workers,
    epochs: plan.epochs,
    lr: plan.lr,
    lrDecay: plan.lrDecay,
    seed: plan.seed,
    staleness,
  });
  const elapsedMs = performance.now() - t0;
  const lossPerEpoch = sim.lossPerEpoch.map((l, e) => (plan.lossEveryEpoch || e === plan.epochs - 1 ? l : NaN));
  const note = simulatedNote(
    runnerName(mode),
    why,
    `runSimulatedHogwild with ${plan.workers} simulated worker${plan.workers === 1 ? "" : "s"} and staleness ${staleness}` +
      (mode === "locked" ? " (a lock serialises the updates)" : ""),
  );
  warnSimulatedOnce(runnerName(mode), note);
  return {
    w: sim.w,
    initialLoss: sim.initialLoss,
    lossPerEpoch,
    updates: sim.updates,
    workers: plan.workers,
    elapsedMs,
    threadsExited: 0,
    locked: mode === "locked",
    sequential: mode === "sequential",
    stopped: sim.stopped,
    backend: "simulated",
    note,
  };
}
