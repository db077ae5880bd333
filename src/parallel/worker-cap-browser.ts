import { checkWorkerCount, workerCap } from "./worker-cap";

/**
 * The browser's worker cap: max(4 x navigator.hardwareConcurrency, 16), the same rule as
 * worker-cap-node.ts (why: worker-cap.ts). The cores are what the browser reports (1 when it
 * reports nothing).
 */
export function browserCores(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: unknown } }).navigator?.hardwareConcurrency;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 ? n : 1;
}

/** The most Web Workers a parallel run may start in this browser. */
export function maxWorkers(): number {
  return workerCap(browserCores());
}

/** `workers` validated: an integer in [1, maxWorkers()], with a message naming the cap and the cores. */
export function checkWorkers(runner: string, value: unknown): number {
  return checkWorkerCount(runner, value, browserCores(), "a Web Worker");
}
