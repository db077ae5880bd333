import { integerAtLeast } from "../core/validate";

/**
 * The most workers a parallel run may start: max(4 x cores, 16), shared by the Node cap
 * (worker-cap-node.ts: OS threads) and the browser cap (worker-cap-browser.ts: Web Workers).
 *
 * WHY this number: every worker has its own JavaScript heap (about 10 MB before it touches any
 * data, plus its copy of the shard for Downpour), and workers beyond the cores only take turns.
 * 4 x the cores still lets a lesson show what oversubscription does to Hogwild!'s throughput and to
 * Downpour's staleness; the floor of 16 keeps that demonstration possible on a 2-core laptop.
 * 1000 workers on one row used to take 35-99 s and 8 GB here; 16 threads start in well under a second.
 */
export function workerCap(cores: number): number {
  return Math.max(4 * cores, 16);
}

/** `workers` validated: an integer in [1, workerCap(cores)], with a message naming the cap and the cores. */
export function checkWorkerCount(runner: string, value: unknown, cores: number, kind: string): number {
  const workers = integerAtLeast("workers", value, 1);
  const cap = workerCap(cores);
  if (workers > cap) {
    throw new RangeError(
      `workers must be at most ${cap} for ${runner} on this machine (${cores} cores; the cap is ` +
        `max(4 x cores, 16): each worker is ${kind} with its own JavaScript heap), got ${workers}`,
    );
  }
  return workers;
}
