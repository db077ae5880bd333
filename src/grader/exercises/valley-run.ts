import { sgd } from "../../optimizers/sgd";
import { longValley } from "../../problems/surfaces/long-valley";
import { minimize } from "../../train/minimize";

/** Shared by the two analysis exercises: runs on the long valley with the library itself. */

/** Distance to (0, 0) after `steps` steps of `opt` from the valley's start; Infinity if it diverged. */
export function distanceAfter(make: () => ReturnType<typeof sgd>, steps: number): number {
  const f = longValley();
  const run = minimize(f, f.start, make(), { steps, record: "none" });
  if (run.stopped) return Infinity;
  return Math.hypot(run.final[0], run.final[1]);
}
