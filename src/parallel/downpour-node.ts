import { MessageChannel, Worker } from "worker_threads";
import { DOWNPOUR_WORKER_SOURCE } from "./downpour-worker-source";
import { planDownpour, runDownpourServer, type DownpourThreadsOptions, type DownpourThreadsResult, type ReplicaSpawner } from "./downpour-run";
import { checkWorkers } from "./worker-cap-node";

export { sparseShard, type DownpourThreadsOptions, type DownpourThreadsResult } from "./downpour-run";

/** Replica k as a worker thread on DOWNPOUR_WORKER_SOURCE, talking over its own MessageChannel. */
const spawnThread: ReplicaSpawner = (k, data, transfer, on) => {
  const channel = new MessageChannel();
  const thread = new Worker(DOWNPOUR_WORKER_SOURCE, { eval: true, workerData: { ...data, port: channel.port2 }, transferList: [channel.port2, ...transfer] });
  channel.port1.on("message", on.message);
  thread.once("exit", (code) => on.exit(code));
  thread.on("error", on.error);
  return {
    start: () => channel.port1.postMessage("start"),
    reply: (w, version) => channel.port1.postMessage({ w, version }), // structured clone: the replica gets its own copy
    close: () => channel.port1.close(), // an open port keeps Node alive
    terminate: () => thread.terminate().then(() => undefined),
  };
};

/**
 * Downpour SGD (Dean et al. 2012) on real threads, by message passing as in the paper (no shared
 * parameter memory). The parameter server is this (main) thread: it holds theta and the state
 * of any `Optimizer` and applies each pushed accumulated gradient when it arrives,
 * $$ \theta \leftarrow \text{server.step}(\theta, a_k), \qquad a_k = \sum_{s \in \text{window}} r_s\, x_s , $$
 * and answers each fetch with a copy of theta and its version (the number of server steps so
 * far). Each model replica is a worker_thread with its own strided data shard (rows k, k+W, ...)
 * and its own copy of theta, running local SGD with rate alpha (see downpour-worker-source.ts).
 *
 * Asynchronous by default: a replica keeps computing on its stale copy while a fetch is in
 * flight, and never waits for a push to be applied; the staleness of every push (server steps
 * between the fetch its gradients started from and its application) is measured.
 * `synchronous: true` makes every fetch a blocking round trip; with one replica and
 * nFetch = nPush = 1 that is sequential SGD, theta -= lr (r x).
 *
 * Loss is measured on the server's theta when the slowest replica finishes an epoch (replicas
 * are not synchronised, so faster ones may already be further on).
 *
 * Divergence: at each of those measurements, and at the end, the server's theta is checked with
 * the shared check (src/core/divergence.ts); when it is no longer finite the replicas are
 * stopped, `stopped` says why, and w and lossPerEpoch end at the last finite measurement.
 * Replicas are capped at max(4 x cores, 16) threads (worker-cap-node.ts).
 */
export function runDownpourThreads(options: DownpourThreadsOptions): Promise<DownpourThreadsResult> {
  try {
    return runDownpourServer(planDownpour(options, checkWorkers), spawnThread);
  } catch (e) {
    return Promise.reject(e);
  }
}
