import { availableParallelism } from "node:os";
import { integerAtLeast } from "../core/validate";

/**
 * The most worker threads a parallel run may start on this machine:
 * max(4 x availableParallelism(), 16).
 *
 * WHY this number: every worker is an OS thread with its own V8 isolate (about 10 MB before
 * it touches any data, plus its copy of the shard for Downpour), and threads beyond the cores only
 * take turns. 4 x the cores still lets a lesson show what oversubscription does to Hogwild!'s
 * throughput and to Downpour's staleness; the floor of 16 keeps that demonstration possible on a
 * 2-core laptop. 1000 workers on one row used to take 35-99 s and 8 GB here; 16 threads start in
 * well under a second.
 */
export function maxWorkers(): number {
  return Math.max(4 * availableParallelism(), 16);
}

/** `workers` validated: an integer in [1, maxWorkers()], with a message naming the cap and the cores. */
export function checkWorkers(runner: string, value: unknown): number {
  const workers = integerAtLeast("workers", value, 1);
  const cap = maxWorkers();
  if (workers > cap) {
    throw new RangeError(
      `workers must be at most ${cap} for ${runner} on this machine (${availableParallelism()} cores; the cap is ` +
        `max(4 x cores, 16): each worker is an OS thread with its own JavaScript heap), got ${workers}`,
    );
  }
  return workers;
}
