import { Worker } from "worker_threads";
import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { decayFactor, integerAtLeast, positive, assertOptionsObject } from "../core/validate";
import { checkSparseRows } from "../data/check";
import type { SparseDataset } from "../data/dataset";
import { HOGWILD_WORKER_SOURCE } from "./hogwild-worker-source";
import { sparseLeastSquaresLoss } from "../models/sparse-linear-regression";
import { workerSeed } from "./sparse-sgd-kernel";
import { checkWorkers } from "./worker-cap-node";

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
 */
export interface HogwildOptions {
  data: SparseDataset;
  /** Number of threads W (>= 1). */
  workers: number;
  epochs: number;
  lr: number;
  seed?: number;
  /** Step-size decay per epoch (the paper's beta); 1 keeps lr constant. */
  lrDecay?: number;
  /** Measure J(w) after every epoch (default true); with false only the last epoch is measured. */
  lossEveryEpoch?: boolean;
}

export interface HogwildResult {
  w: Float64Array;
  initialLoss: number;
  /** J(w) after each epoch (NaN for epochs not measured when lossEveryEpoch is false). */
  lossPerEpoch: number[];
  /** Per-example updates the workers made (= epochs * n). */
  updates: number;
  workers: number;
  /** Wall time of the epochs, from the start signal to the last barrier, without loss evaluation or thread start-up. */
  elapsedMs: number;
  /** Threads that had stopped when the call returned (= workers, or the test fails). */
  threadsExited: number;
  locked: boolean;
  /** True for runSequentialSgdWorker (one thread, private parameter vector). */
  sequential: boolean;
  /** Why the run stopped early (divergence after epoch `step`), else null. */
  stopped: Stopped | null;
}

/** Lock-free Hogwild! on `workers` threads. */
export function runHogwild(options: HogwildOptions): Promise<HogwildResult> {
  return runSharedSgd(options, "lock-free");
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
  return runSharedSgd({ ...options, workers: 1 }, "sequential");
}

/**
 * The locked baseline: the same threads and data, but every per-example update takes a global
 * mutex (Atomics on a SharedArrayBuffer Int32), so updates are serialised exactly as a
 * lock-based parameter store would do it.
 */
export function runLockedSgd(options: HogwildOptions): Promise<HogwildResult> {
  return runSharedSgd(options, "locked");
}

/** A copy of a typed array's bytes in shared memory, for the worker threads to view. */
function share(a: Float64Array | Int32Array): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(buf).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return buf;
}

type WorkerMessage = { type: "ready" } | { type: "epoch"; epoch: number } | { type: "done"; updates: number };

type SharedMode = "lock-free" | "locked" | "sequential";

async function runSharedSgd(options: HogwildOptions, mode: SharedMode): Promise<HogwildResult> {
  assertOptionsObject(mode === "locked" ? "runLockedSgd" : mode === "sequential" ? "runSequentialSgdWorker" : "runHogwild", options, "data, workers, epochs and lr");
  const { data } = options;
  checkSparseRows(data);
  const locked = mode === "locked";
  const workers = checkWorkers(mode === "locked" ? "runLockedSgd" : "runHogwild", options.workers);
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  const lr = positive("lr", options.lr);
  const lrDecay = decayFactor("lrDecay", options.lrDecay ?? 1);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const lossEveryEpoch = options.lossEveryEpoch ?? true;

  const wBuf = new SharedArrayBuffer(data.d * 8);
  const w = new Float64Array(wBuf);
  const control = new Int32Array(new SharedArrayBuffer(4));
  const shared = {
    w: wBuf,
    indptr: share(data.indptr),
    indices: share(data.indices),
    values: share(data.values),
    y: share(data.y),
    control: control.buffer,
    mutex: new SharedArrayBuffer(4),
  };
  const initialLoss = sparseLeastSquaresLoss(data, w);
  const lossPerEpoch: number[] = new Array<number>(epochs).fill(NaN);

  const threads: Worker[] = [];
  let threadsExited = 0;
  const exited: Promise<void>[] = [];
  let ready = 0;
  let updates = 0;
  let done = 0;
  const epochReports = new Int32Array(epochs);
  let startMs = 0;
  let lossMs = 0;
  let elapsedMs = 0;

  const open = (generation: number): void => {
    Atomics.store(control, 0, generation);
    Atomics.notify(control, 0);
  };
  const lastGood = new Float64Array(data.d);
  let stopped: Stopped | null = null;
  let epochsDone = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: WorkerMessage): void => {
        if (msg.type === "ready") {
          if (++ready === workers) {
            startMs = performance.now();
            open(1);
          }
        } else if (msg.type === "epoch") {
          if (++epochReports[msg.epoch] === workers) {
            // Every worker is parked at the barrier: w is quiet and safe to read.
            const last = msg.epoch === epochs - 1;
            const t0 = performance.now();
            const loss = lossEveryEpoch || last ? sparseLeastSquaresLoss(data, w) : undefined;
            const bad = nonFiniteProblem(w, loss);
            if (bad === null) {
              if (loss !== undefined) lossPerEpoch[msg.epoch] = loss;
              lastGood.set(w);
              epochsDone = msg.epoch + 1;
            } else {
              stopped = diverged(msg.epoch + 1, `after epoch ${msg.epoch + 1}`, bad, (msg.epoch + 1) * data.n);
            }
            lossMs += performance.now() - t0;
            if (last || stopped) elapsedMs = performance.now() - startMs - lossMs;
            if (stopped) open(-1); // the workers leave their barrier and report "done"
            else if (!last) open(msg.epoch + 2);
          }
        } else {
          updates += msg.updates;
          if (++done === workers) resolve();
        }
      };
      for (let k = 0; k < workers; k++) {
        const thread = new Worker(HOGWILD_WORKER_SOURCE, {
          eval: true,
          workerData: { ...shared, workerIndex: k, workers, epochs, lr, lrDecay, locked, sequential: mode === "sequential", seed: workerSeed(seed, k) },
        });
        threads.push(thread);
        exited.push(
          new Promise<void>((res) => {
            thread.once("exit", (code) => {
              threadsExited++;
              if (done < workers && code !== 0) reject(new Error(`Hogwild! worker ${k} exited with code ${code}`));
              res();
            });
          }),
        );
        thread.on("message", onMessage);
        thread.on("error", (err) => reject(err));
      }
    });
  } finally {
    // Always stop every thread, on success and on error, and wait until they have stopped.
    await Promise.all(threads.map((t) => t.terminate()));
    await Promise.all(exited);
  }
  if (stopped) {
    w.set(lastGood);
    lossPerEpoch.length = epochsDone;
  }
  return {
    w: Float64Array.from(w),
    initialLoss,
    lossPerEpoch,
    updates,
    workers,
    elapsedMs,
    threadsExited,
    locked,
    sequential: mode === "sequential",
    stopped,
  };
}
