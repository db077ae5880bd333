import { availableParallelism } from "node:os";
import { checkWorkerCount, workerCap } from "./worker-cap";

/**
 * The most worker threads a parallel run may start on this machine:
 * max(4 x availableParallelism(), 16) (why: worker-cap.ts).
 */
export function maxWorkers(): number {
  return workerCap(availableParallelism());
}

/** `workers` validated: an integer in [1, maxWorkers()], with a message naming the cap and the cores. */
export function checkWorkers(runner: string, value: unknown): number {
  return checkWorkerCount(runner, value, availableParallelism(), "an OS thread");
}
