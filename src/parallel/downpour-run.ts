import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { DescentInputError } from "../core/errors";
import { flag, integerAtLeast, positive, assertOptionsObject } from "../core/validate";
import { checkSparseRows } from "../data/check";
import type { SparseDataset } from "../data/dataset";
import { sparseLeastSquaresLoss } from "../models/sparse-linear-regression";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";
import { sgd } from "../optimizers/sgd";
import { shardRows, workerSeed } from "./sparse-sgd-kernel";

/**
 * The parameter server of Downpour SGD on real workers, shared by Node (worker threads,
 * downpour-node.ts) and the browser (Web Workers, downpour-browser.ts): validation, shards,
 * fetch replies, pushes through the server optimizer, staleness, loss and divergence checks.
 * Only how a replica is started and how a fetch reply reaches it differ (a `ReplicaSpawner`).
 * The algorithm and its equations: downpour-node.ts.
 */
export interface DownpourThreadsOptions {
  data: SparseDataset;
  /** Number of model replicas (threads), >= 1. */
  workers: number;
  /** Passes each replica makes over its own shard. */
  epochs: number;
  /** The replicas' local learning rate alpha (> 0). */
  localLr: number;
  /** Fetch fresh parameters every nFetch local steps (>= 1). */
  nFetch: number;
  /** Push the accumulated gradient every nPush local steps (>= 1). */
  nPush: number;
  /** The server's update rule (default plain SGD with lr = localLr; Adagrad in the paper). */
  server?: Optimizer;
  seed?: number;
  /** Wait for every fetched copy before the next step (default false: asynchronous). */
  synchronous?: boolean;
}

export interface DownpourThreadsResult {
  /** The server's parameters at the end. */
  w: Float64Array;
  /** J(w) of the starting parameters (zeros). */
  initialLoss: number;
  /** J(server w) when the last replica finished epoch e. */
  lossPerEpoch: number[];
  /** Accumulated gradients applied by the server (= sum_k ceil(steps_k / nPush)). */
  pushes: number;
  /** Parameter copies the server sent (= sum_k ceil(steps_k / nFetch)). */
  fetches: number;
  /** Largest number of server updates between a replica's fetch and the push that used it. */
  maxStaleness: number;
  /** Per-example steps the replicas made (= epochs * n). */
  steps: number;
  workers: number;
  /** Wall time from the start signal to the last replica's "done" (thread start-up excluded). */
  elapsedMs: number;
  /** Threads that had stopped when the call returned (= workers, or the test fails). */
  threadsExited: number;
  synchronous: boolean;
  /** Why the run stopped early (divergence seen after epoch `step`), else null. */
  stopped: Stopped | null;
}

/** The CSR arrays of replica k's shard (rows k, k + W, ...), renumbered 0..count-1 and owned by it. */
export function sparseShard(data: SparseDataset, workers: number, k: number): { indptr: Int32Array; indices: Int32Array; values: Float64Array; y: Float64Array } {
  const rows = shardRows(data.n, workers, k);
  let nnz = 0;
  for (const i of rows) nnz += data.indptr[i + 1] - data.indptr[i];
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const y = new Float64Array(rows.length);
  for (let c = 0; c < rows.length; c++) {
    const i = rows[c];
    const start = data.indptr[i];
    const len = data.indptr[i + 1] - start;
    indices.set(data.indices.subarray(start, start + len), indptr[c]);
    values.set(data.values.subarray(start, start + len), indptr[c]);
    y[c] = data.y[i];
    indptr[c + 1] = indptr[c] + len;
  }
  return { indptr, indices, values, y };
}

export type ReplicaMessage =
  | { type: "ready" }
  | { type: "fetch" }
  | { type: "push"; grad: Float64Array; version: number }
  | { type: "epoch"; epoch: number }
  | { type: "done"; steps: number; fetches: number; pushes: number };

/** The options validated (the same checks, in the same order, on every platform and backend). */
export interface DownpourPlan {
  data: SparseDataset;
  workers: number;
  epochs: number;
  localLr: number;
  nFetch: number;
  nPush: number;
  seed: number;
  synchronous: boolean;
  server: Optimizer;
}

export function planDownpour(options: DownpourThreadsOptions, checkWorkers: (runner: string, value: unknown) => number): DownpourPlan {
  assertOptionsObject("runDownpourThreads", options, "data, workers, epochs, localLr, nFetch and nPush");
  const { data } = options;
  checkSparseRows(data);
  const workers = checkWorkers("runDownpourThreads", options.workers);
  const epochs = integerAtLeast("epochs", options.epochs, 1);
  const localLr = positive("localLr", options.localLr);
  const nFetch = integerAtLeast("nFetch", options.nFetch, 1);
  const nPush = integerAtLeast("nPush", options.nPush, 1);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const synchronous = flag("synchronous", options.synchronous ?? false);
  const server = options.server ?? sgd({ lr: localLr });
  return { data, workers, epochs, localLr, nFetch, nPush, seed, synchronous, server };
}

/** A started replica, as the server sees it. */
export interface ReplicaHandle {
  /** Releases the replica from its start barrier. */
  start(): void;
  /** Answers its fetch with a copy of the server's parameters and their version. */
  reply(w: Float64Array, version: number): void;
  /** Closes the server's end of the replica's channel. */
  close(): void;
  /** Stops it; resolves when it has stopped. */
  terminate(): Promise<void>;
}

/** What the server needs from its platform: how to start replica k on its data (the shard's buffers move to it). */
export type ReplicaSpawner = (
  k: number,
  workerData: Record<string, unknown>,
  transferList: ArrayBuffer[],
  on: { message(msg: ReplicaMessage): void; error(err: Error): void; exit(code: number): void },
) => ReplicaHandle;

/** The parameter server: runs the plan on replicas started by `spawn`. */
export async function runDownpourServer(plan: DownpourPlan, spawn: ReplicaSpawner): Promise<DownpourThreadsResult> {
  const { data, workers, epochs, localLr, nFetch, nPush, seed, synchronous, server } = plan;

  const w = new Float64Array(data.d);
  const state: OptimizerState = server.init(w);
  const initialLoss = sparseLeastSquaresLoss(data, w);
  const lossPerEpoch: number[] = new Array<number>(epochs).fill(NaN);
  const epochReports = new Int32Array(epochs);
  let version = 0; // server steps applied so far
  let pushes = 0;
  let fetches = 0;
  let maxStaleness = 0;
  let steps = 0;
  let ready = 0;
  let done = 0;
  let startMs = 0;
  let elapsedMs = 0;
  const lastGood = new Float64Array(data.d);
  let stopped: Stopped | null = null;
  let epochsGood = 0;
  /** The shared divergence check on the server's w; false (and `stopped` set) when it failed. */
  const healthy = (epoch: number, loss: number | undefined): boolean => {
    const bad = nonFiniteProblem(w, loss);
    if (bad === null) {
      lastGood.set(w);
      return true;
    }
    stopped = diverged(epoch, `after epoch ${epoch}`, bad, pushes);
    return false;
  };

  const threads: ReplicaHandle[] = [];
  const exited: Promise<void>[] = [];
  let threadsExited = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      const handle = (k: number, replica: ReplicaHandle, msg: ReplicaMessage): void => {
        switch (msg.type) {
          case "ready":
            if (++ready === workers) {
              startMs = performance.now();
              for (const t of threads) t.start();
            }
            return;
          case "fetch":
            replica.reply(w, version); // the replica gets its own copy
            fetches++;
            return;
          case "push":
            maxStaleness = Math.max(maxStaleness, version - msg.version);
            server.step(w, msg.grad, state);
            version++;
            pushes++;
            return;
          case "epoch":
            // A port delivers in order, so every push of this replica's epoch is applied already.
            if (++epochReports[msg.epoch] === workers) {
              const loss = sparseLeastSquaresLoss(data, w);
              if (!healthy(msg.epoch + 1, loss)) {
                // Stop now: the replicas would only push more non-finite gradients.
                elapsedMs = performance.now() - startMs;
                resolve();
                return;
              }
              lossPerEpoch[msg.epoch] = loss;
              epochsGood = msg.epoch + 1;
            }
            return;
          case "done":
            steps += msg.steps;
            if (++done === workers) {
              elapsedMs = performance.now() - startMs;
              healthy(epochs, undefined);
              resolve();
            }
            return;
          default:
            reject(new DescentInputError(`Downpour replica ${k} sent an unknown message ${JSON.stringify(msg)}`));
        }
      };
      for (let k = 0; k < workers; k++) {
        const shard = sparseShard(data, workers, k);
        const workerData = {
          indptr: shard.indptr.buffer,
          indices: shard.indices.buffer,
          values: shard.values.buffer,
          y: shard.y.buffer,
          dim: data.d,
          epochs,
          localLr,
          nFetch,
          nPush,
          synchronous,
          seed: workerSeed(seed, k),
        };
        // The shard's buffers move to the replica: it owns them, nothing is shared.
        const transferList = [ownBuffer(shard.indptr), ownBuffer(shard.indices), ownBuffer(shard.values), ownBuffer(shard.y)];
        let exit: () => void = () => {};
        exited.push(new Promise<void>((res) => (exit = res)));
        const replica: ReplicaHandle = spawn(k, workerData, transferList, {
          message: (msg) => {
            try {
              handle(k, replica, msg);
            } catch (err) {
              reject(err); // e.g. the server optimizer throwing on a malformed gradient
            }
          },
          error: (err) => reject(err),
          exit: (code) => {
            threadsExited++;
            // A clean exit may overtake the replica's last port messages; only a crash is an error.
            if (done < workers && code !== 0) reject(new Error(`Downpour replica ${k} exited with code ${code} before it finished`));
            exit();
          },
        });
        threads.push(replica);
      }
    });
  } finally {
    // Always stop every thread and close every server port (an open port keeps Node alive).
    for (const t of threads) t.close();
    await Promise.all(threads.map((t) => t.terminate()));
    await Promise.all(exited);
  }
  if (stopped) {
    w.set(lastGood);
    lossPerEpoch.length = epochsGood;
  }
  return { w, initialLoss, lossPerEpoch, pushes, fetches, maxStaleness, steps, workers, elapsedMs, threadsExited, synchronous, stopped };
}

/**
 * The plain ArrayBuffer behind a shard array, for transferList: only a non-shared ArrayBuffer can
 * be transferred (TypeScript types `.buffer` as either kind). Shards are fresh copies, so this holds.
 */
function ownBuffer(view: { readonly buffer: ArrayBufferLike }): ArrayBuffer {
  const buffer = view.buffer;
  if (!(buffer instanceof ArrayBuffer)) {
    throw new TypeError("a Downpour shard must own a plain ArrayBuffer to move it to its replica");
  }
  return buffer;
}
