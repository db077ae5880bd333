import { Worker } from "worker_threads";
import { assertOptionsObject } from "../core/validate";
import { HOGWILD_WORKER_SOURCE } from "./hogwild-worker-source";
import { planSharedRun, runSharedSgd, type HogwildOptions, type HogwildResult, type SharedMode, type WorkerHost } from "./hogwild-run";
import { checkWorkers } from "./worker-cap-node";

export type { HogwildOptions, HogwildResult } from "./hogwild-run";

/**
 * Hogwild! (Niu, Recht, Re, Wright 2011) on real threads: W workers run SGD on ONE shared
 * parameter vector with no locks,
 * $$ w_j \leftarrow w_j - \eta\,(x_i^\top w - y_i)\,x_{ij}, \quad j \in \operatorname{supp}(x_i), $$
 * each over its own shard of a sparse least-squares data set in a seeded random order.
 * w and the CSR arrays live in SharedArrayBuffers; the workers are plain-JS `eval` threads
 * (see hogwild-worker-source.ts for the race this tolerates). Epochs end at a barrier so the
 * main thread can measure J(w) on a quiet vector; the per-epoch step size decays by `lrDecay`
 * (in (0, 1]). Workers are capped at max(4 x cores, 16) (worker-cap-node.ts).
 *
 * Divergence: at every barrier (w is quiet there) w is checked with the shared check
 * (src/core/divergence.ts; O(d), outside the timing); when it is no longer finite the workers are
 * told to stop, `stopped` says why, and w and lossPerEpoch end at the last finite epoch.
 *
 * This function: lock-free Hogwild! on `workers` threads.
 */
export function runHogwild(options: HogwildOptions): Promise<HogwildResult> {
  return runSharedSgdThreads(options, "lock-free");
}

/**
 * The sequential baseline for the scaling benchmark: the SAME worker script and kernel as
 * Hogwild!, on ONE worker thread, but on a private (non-shared) parameter vector, copied to the
 * shared one only at each epoch barrier for the loss. So "vs sequential" compares like with like:
 * same code, same kind of thread, no other writer and no shared-memory traffic. (`workers` must
 * be 1 or absent.)
 */
export async function runSequentialSgdWorker(options: Omit<HogwildOptions, "workers"> & { workers?: 1 }): Promise<HogwildResult> {
  assertOptionsObject("runSequentialSgdWorker", options, "data, epochs and lr");
  if (options.workers !== undefined && options.workers !== 1) {
    throw new RangeError(`workers must be 1 for the sequential baseline, got ${String(options.workers)}`);
  }
  return runSharedSgdThreads({ ...options, workers: 1 }, "sequential");
}

/**
 * The locked baseline: the same threads and data, but every per-example update takes a global
 * mutex (Atomics on a SharedArrayBuffer Int32), so updates are serialised exactly as a
 * lock-based parameter store would do it.
 */
export function runLockedSgd(options: HogwildOptions): Promise<HogwildResult> {
  return runSharedSgdThreads(options, "locked");
}

/** Worker threads running HOGWILD_WORKER_SOURCE (plain JavaScript, `eval: true`: no file, no transpiler). */
const NODE_HOST: WorkerHost = {
  checkWorkers,
  spawn(_k, workerData, on) {
    const thread = new Worker(HOGWILD_WORKER_SOURCE, { eval: true, workerData });
    thread.once("exit", (code) => on.exit(code));
    thread.on("message", on.message);
    thread.on("error", on.error);
    return { terminate: () => thread.terminate().then(() => undefined) };
  },
};

function runSharedSgdThreads(options: HogwildOptions, mode: SharedMode): Promise<HogwildResult> {
  try {
    return runSharedSgd(planSharedRun(options, mode, checkWorkers), mode, NODE_HOST);
  } catch (e) {
    return Promise.reject(e);
  }
}
