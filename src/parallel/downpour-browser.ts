import { sharedMemoryUnavailable, simulatedNote, startWebWorker, warnSimulatedOnce, webWorkerSource, type ParallelBackend } from "./browser-workers";
import { runDownpour } from "./downpour";
import { planDownpour, runDownpourServer, type DownpourThreadsOptions, type DownpourThreadsResult, type ReplicaMessage, type ReplicaSpawner } from "./downpour-run";
import { DOWNPOUR_WORKER_SOURCE } from "./downpour-worker-source";
import { checkWorkers } from "./worker-cap-browser";

/**
 * Downpour SGD in the browser, with downpour-node.ts's name, options and result (the algorithm and
 * its equations are documented there).
 *
 * Where the page is cross-origin isolated, each model replica is a Web Worker running the Node
 * version's replica source (downpour-worker-source.ts, unchanged) and the parameter server is the
 * same code (downpour-run.ts) in the calling thread. Pushes and fetch requests are messages, as in
 * Node. A fetch REPLY cannot be a message here: the replica polls for it between steps without
 * returning to its event loop (Node's `receiveMessageOnPort`), which a browser has no call for. So
 * the server writes the reply into the replica's mailbox, a SharedArrayBuffer holding
 * [version, theta...] and a ready flag raised with Atomics after the copy; the replica's poll reads
 * the flag and copies theta out. At most one fetch is in flight per replica, so the server never
 * writes a mailbox the replica is reading.
 *
 * Elsewhere (no shared memory) the run is the seeded simulation `runDownpour` (downpour.ts) with
 * the same data, replicas, rates, windows, server and seed for epochs x n replica steps, and
 * `backend`/`note` say so; `maxStaleness` is then NaN (the simulation does not measure it) and
 * `fetches` counts the simulation's.
 */
export type { DownpourThreadsOptions, DownpourThreadsResult } from "./downpour-run";
export { sparseShard } from "./downpour-run";

export interface BrowserDownpourResult extends DownpourThreadsResult {
  backend: ParallelBackend;
  note: string;
}

const MAILBOX_SHIM = `  const mailbox = new Float64Array(workerData.mailbox); // [version, theta...]
  const mailboxFlags = new Int32Array(workerData.mailboxFlags); // [reply ready, started]
  let started = false;
  workerData.port = { postMessage(m) { self.postMessage(m); } };
  const shim = {
    workerData,
    receiveMessageOnPort() {
      if (!started) {
        if (Atomics.load(mailboxFlags, 1) !== 1) return undefined;
        started = true;
        return { message: "start" };
      }
      if (Atomics.load(mailboxFlags, 0) !== 1) return undefined;
      const message = { w: mailbox.slice(1), version: mailbox[0] };
      Atomics.store(mailboxFlags, 0, 0);
      return { message };
    },
  };`;

const WEB_WORKER_SOURCE = webWorkerSource(DOWNPOUR_WORKER_SOURCE, MAILBOX_SHIM);

const spawnWebWorker: ReplicaSpawner = (k, data, transfer, on) => {
  const dim = data.dim as number;
  const mailbox = new Float64Array(new SharedArrayBuffer(8 * (dim + 1)));
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const handle = startWebWorker<ReplicaMessage>(
    WEB_WORKER_SOURCE,
    `Downpour replica ${k}`,
    { ...data, mailbox: mailbox.buffer, mailboxFlags: flags.buffer },
    transfer,
    on,
  );
  return {
    start: () => Atomics.store(flags, 1, 1),
    reply(w, version) {
      mailbox[0] = version;
      mailbox.set(w, 1);
      Atomics.store(flags, 0, 1); // after the copy: the replica reads theta only once it sees the flag
    },
    close: () => undefined,
    terminate: () => handle.terminate(),
  };
};

export async function runDownpourThreads(options: DownpourThreadsOptions): Promise<BrowserDownpourResult> {
  const plan = planDownpour(options, checkWorkers);
  const why = sharedMemoryUnavailable();
  if (why === null) {
    const result = await runDownpourServer(plan, spawnWebWorker);
    return {
      ...result,
      backend: "web-workers",
      note: `runDownpourThreads ran ${plan.workers} replica${plan.workers === 1 ? "" : "s"} on Web Workers, the parameter server in this thread.`,
    };
  }
  const { data, workers, epochs, localLr, nFetch, nPush, seed, server } = plan;
  const steps = epochs * data.n;
  const t0 = performance.now();
  const sim = runDownpour({ problem: data, workers, steps, localLr, server, nFetch, nPush, maxDelay: 0, seed, evalEvery: data.n });
  const elapsedMs = performance.now() - t0;
  const note = simulatedNote(
    "runDownpourThreads",
    why,
    `runDownpour with ${workers} simulated replica${workers === 1 ? "" : "s"} for ${steps} steps (maxStaleness is not measured there: NaN)`,
  );
  warnSimulatedOnce("runDownpourThreads", note);
  return {
    w: sim.theta,
    initialLoss: sim.loss[0],
    lossPerEpoch: sim.loss.slice(1),
    pushes: sim.pushes,
    fetches: sim.fetches,
    maxStaleness: NaN,
    steps,
    workers,
    elapsedMs,
    threadsExited: 0,
    synchronous: plan.synchronous,
    stopped: sim.stopped,
    backend: "simulated",
    note,
  };
}
