import type { Vec } from "../core/vector";
import type { Objective } from "../problems/objective";
import type { MinimizeResult } from "../train/minimize";
import { recordedRows } from "./bounds";

/**
 * Keeps every k-th point of a run in one preallocated Float64Array, so what a run records is
 * bounded whatever its length and dimension (`minimize` with record "all" keeps every point).
 *
 * It sees the points by wrapping the objective: `minimize` evaluates the gradient once per point,
 * theta_0, theta_1, ..., in order, and stops at the first point that is not finite, so the n-th
 * evaluation is theta_n. `finish` checks that count against what `minimize` reports, so a change
 * in that contract fails loudly instead of printing wrong rows.
 */
export interface RecordedRun {
  /** Step index of each kept row: 0, k, 2k, ..., and the last point reached. */
  readonly steps: Float64Array;
  /** Row-major parameter values, rows x dim. */
  readonly values: Float64Array;
  readonly dim: number;
  readonly rows: number;
  /** J at each kept row. */
  readonly loss: Float64Array;
  /** The stride k (1: every point). */
  readonly every: number;
}

export interface Recorder {
  /** Pass this to `minimize` (with record "none") instead of the objective. */
  readonly objective: Objective;
  /** The kept rows, after the run. */
  finish(result: MinimizeResult): RecordedRun;
}

export function recordEvery(objective: Objective, steps: number, every: number): Recorder {
  const dim = objective.dim;
  const capacity = Math.floor(steps / every) + 1;
  // One spare row for the last point reached when it falls between two kept ones.
  const values = new Float64Array((capacity + 1) * dim);
  let calls = 0;
  const wrapped: Objective = {
    name: objective.name,
    dim,
    value: (theta: Vec) => objective.value(theta),
    valueAndGradient(theta: Vec, out: Vec): number {
      const n = calls++;
      if (n % every === 0 && n / every < capacity) values.set(theta, (n / every) * dim);
      return objective.valueAndGradient(theta, out);
    },
  };
  return {
    objective: wrapped,
    finish(result: MinimizeResult): RecordedRun {
      const reached = result.loss.length; // points 0 .. reached - 1 are finite and kept by minimize
      const expectedCalls = reached + (result.stopped ? 1 : 0);
      if (calls !== expectedCalls) {
        throw new Error(`recorder saw ${calls} evaluations for ${reached} points reached; minimize's evaluation order changed`);
      }
      if (reached === 0) {
        return { steps: new Float64Array(0), values: new Float64Array(0), dim, rows: 0, loss: new Float64Array(0), every };
      }
      const last = reached - 1;
      const rows = recordedRows(last, every);
      const stepIndex = new Float64Array(rows);
      const loss = new Float64Array(rows);
      const kept = Math.floor(last / every) + 1;
      for (let r = 0; r < kept; r++) {
        stepIndex[r] = r * every;
        loss[r] = result.loss[r * every];
      }
      if (rows > kept) {
        // The last point reached is off the stride: minimize returns it as `final`.
        values.set(result.final, kept * dim);
        stepIndex[kept] = last;
        loss[kept] = result.loss[last];
      }
      return { steps: stepIndex, values: values.subarray(0, rows * dim), dim, rows, loss, every };
    },
  };
}
