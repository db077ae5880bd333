/**
 * Web Workers for the parallel runners' browser paths (hogwild-browser.ts, downpour-browser.ts).
 *
 * The Node runners start worker threads on plain-JavaScript source strings
 * (hogwild-worker-source.ts, downpour-worker-source.ts) that read `workerData` and talk through
 * `require("worker_threads")`. Here the SAME source runs in a Web Worker made from a Blob URL (no
 * file to serve, no bundler step): a small prologue waits for the first message, which carries
 * the worker data, and hands the source a `require` that returns a stand-in for worker_threads
 * (`workerData`, `parentPort`, and for Downpour a synchronous `receiveMessageOnPort`). So the
 * arithmetic and the protocol are the Node ones, line for line.
 *
 * Workers can share memory (SharedArrayBuffer, Atomics.wait) only on a cross-origin isolated
 * page (served with COOP: same-origin and COEP: require-corp, as `npm start` does); elsewhere
 * the runners fall back to their seeded simulations and say so in the result's `note`.
 */

/** Where the parallel runners ran: on Web Workers sharing memory, or simulated in this thread. */
export type ParallelBackend = "web-workers" | "simulated";

/** Why shared-memory workers cannot run here, or null when they can. */
export function sharedMemoryUnavailable(): string | null {
  const g = globalThis as { crossOriginIsolated?: unknown; SharedArrayBuffer?: unknown; Worker?: unknown; Blob?: unknown };
  if (typeof g.Worker !== "function" || typeof g.Blob !== "function") return "this environment has no Web Workers";
  if (typeof g.SharedArrayBuffer !== "function" || g.crossOriginIsolated !== true) {
    return "this page is not cross-origin isolated, so browser Workers cannot share memory (SharedArrayBuffer)";
  }
  return null;
}

/** The text a lesson can show when a run was simulated instead of run on workers. */
export function simulatedNote(runner: string, why: string, instead: string): string {
  return (
    `${runner} was simulated, not run on parallel workers: ${why}. It ran ${instead} in this thread instead, ` +
    "so timings are the simulation's, not those of threads. For real threads open the lesson in Jupyter " +
    "(npm run notebooks) or serve the site with `npm start` (which sends the isolation headers)."
  );
}

const warned = new Set<string>();
/** Says once per runner on the console that a run was simulated (the result's `note` says it too). */
export function warnSimulatedOnce(runner: string, note: string): void {
  if (warned.has(runner)) return;
  warned.add(runner);
  console.warn(note);
}

/** The Node worker source wrapped for a Web Worker: `require("worker_threads")` answers `shim`. */
export function webWorkerSource(nodeSource: string, shimSource: string): string {
  return `"use strict";
self.onmessage = function (event) {
  self.onmessage = null;
  const workerData = event.data;
${shimSource}
  (function (require) {
${nodeSource}
  })(function (name) {
    if (name !== "worker_threads") throw new Error("only worker_threads is available here, not " + name);
    return shim;
  });
};
`;
}

/** The shim of a worker that only posts to its parent (Hogwild!). */
export const PARENT_PORT_SHIM = `  const shim = { workerData, parentPort: { postMessage(m) { self.postMessage(m); } } };`;

export interface WebWorkerHandlers<M> {
  message(msg: M): void;
  error(err: Error): void;
  exit(code: number): void;
}

/** A started Web Worker; `terminate` stops it at once and reports its exit (code 0). */
export interface WebWorkerHandle {
  worker: Worker;
  terminate(): Promise<void>;
}

/** Starts a classic Web Worker on `source` (from a Blob URL) and sends it `data` as its first message. */
export function startWebWorker<M>(
  source: string,
  label: string,
  data: Record<string, unknown>,
  transfer: Transferable[],
  on: WebWorkerHandlers<M>,
): WebWorkerHandle {
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  let worker: Worker;
  try {
    worker = new Worker(url, { name: label });
  } finally {
    // The URL is resolved when the worker is constructed; it is not needed after that.
    URL.revokeObjectURL(url);
  }
  let exited = false;
  worker.onmessage = (event: MessageEvent) => on.message(event.data as M);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    on.error(new Error(`${label} failed: ${event.message || "the worker could not start (blocked or invalid script)"}`));
  };
  worker.onmessageerror = () => on.error(new Error(`${label} sent a message that could not be read`));
  worker.postMessage(data, transfer);
  return {
    worker,
    terminate() {
      worker.terminate();
      if (!exited) {
        exited = true;
        on.exit(0);
      }
      return Promise.resolve();
    },
  };
}
