import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { decayFactor, integerAtLeast, positive, assertOptionsObject } from "../core/validate";
import { checkSparseRows } from "../data/check";
import type { SparseDataset } from "../data/dataset";
import { sparseLeastSquaresLoss } from "../models/sparse-linear-regression";
import { workerSeed } from "./sparse-sgd-kernel";

/**
 * The coordinator of Hogwild! and its baselines on real workers, shared by Node (worker threads,
 * hogwild-node.ts) and the browser (Web Workers, hogwild-browser.ts): validation, the shared
 * buffers, the epoch barrier, the loss and divergence checks. Only how a worker is started differs,
 * and that comes in as a `WorkerHost`. The algorithm and its equation: hogwild-node.ts.
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

export type SharedMode = "lock-free" | "locked" | "sequential";

export type HogwildWorkerMessage = { type: "ready" } | { type: "epoch"; epoch: number } | { type: "done"; updates: number };

/** What a runner needs from its platform: a worker cap and a way to start a worker on `workerData`. */
export interface WorkerHost {
  checkWorkers(runner: string, value: unknown): number;
  /**
   * Starts worker k on the Hogwild! worker source with `workerData`; `exit(code)` must be called
   * once when it has stopped. The handle's `terminate` resolves when it has stopped.
   */
  spawn(
    k: number,
    workerData: Record<string, unknown>,
    on: { message(msg: HogwildWorkerMessage): void; error(err: Error): void; exit(code: number): void },
  ): { terminate(): Promise<void> };
}

/** The runner's name in messages. */
export function runnerName(mode: SharedMode): string {
  return mode === "locked" ? "runLockedSgd" : mode === "sequential" ? "runSequentialSgdWorker" : "runHogwild";
}

/** The options validated (the same checks, in the same order, on every platform and backend). */
export interface SharedRunPlan {
  data: SparseDataset;
  workers: number;
  epochs: number;
  lr: number;
  lrDecay: number;
  seed: number;
  lossEveryEpoch: boolean;
}

export function planSharedRun(options: HogwildOptions, mode: SharedMode, checkWorkers: WorkerHost["checkWorkers"]): SharedRunPlan {
  assertOptionsObject(runnerName(mode), options, "data, workers, epochs and lr");
  const { data } = options;
  checkSparseRows(data);
  const workers = checkWorkers(mode === "locked" ? "runLockedSgd" : "runHogwild", options.workers);
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  const lr = positive("lr", options.lr);
  const lrDecay = decayFactor("lrDecay", options.lrDecay ?? 1);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const lossEveryEpoch = options.lossEveryEpoch ?? true;
  return { data, workers, epochs, lr, lrDecay, seed, lossEveryEpoch };
}

/** A copy of a typed array's bytes in shared memory, for the worker threads to view. */
function share(a: Float64Array | Int32Array): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(buf).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return buf;
}

/** Runs the plan on `plan.workers` workers started by `host`, sharing w through a SharedArrayBuffer. */
export async function runSharedSgd(plan: SharedRunPlan, mode: SharedMode, host: WorkerHost): Promise<HogwildResult> {
  const { data, workers, epochs, lr, lrDecay, seed, lossEveryEpoch } = plan;
  const locked = mode === "locked";

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

  const threads: { terminate(): Promise<void> }[] = [];
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
      const onMessage = (msg: HogwildWorkerMessage): void => {
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
        let exit: () => void = () => {};
        exited.push(new Promise<void>((res) => (exit = res)));
        const thread = host.spawn(
          k,
          { ...shared, workerIndex: k, workers, epochs, lr, lrDecay, locked, sequential: mode === "sequential", seed: workerSeed(seed, k) },
          {
            message: onMessage,
            error: (err) => reject(err),
            exit: (code) => {
              threadsExited++;
              if (done < workers && code !== 0) reject(new Error(`Hogwild! worker ${k} exited with code ${code}`));
              exit();
            },
          },
        );
        threads.push(thread);
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
