import { adadelta } from "../../optimizers/adadelta";
import { formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { defineExercise, outputMistake } from "../exercise";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 20 (derive and predict): where Adadelta locks on a steep direction. On J = h theta^2 / 2
 * the ratio RMS[dtheta]/RMS[g] that replaces the learning rate grows until the iterate flips sign
 * every step with a constant size: then |dtheta| = 2|theta| and |g| = h|theta|, so the ratio is 2/h,
 * the edge of stability (notebook 06). The reference is MEASURED: the library's Adadelta (rho 0.9,
 * eps 1e-6) run for 20,000 steps from theta = 1, its ratio read from its state.
 */

type Args = [number];
const calls = (input: DriverInput): Args[] => (input.data as unknown as CallsCaseData).calls as Args[];
const EPS = 1e-6;

/** RMS[dtheta]/RMS[g] of src adadelta after 20,000 steps on h theta^2/2 from theta = 1. */
export function measuredLockRatio(h: number): number {
  const opt = adadelta({ rho: 0.9, eps: EPS });
  const theta = new Float64Array([1]);
  const state = opt.init(theta);
  const g = new Float64Array(1);
  for (let t = 0; t < 20000; t++) {
    g[0] = h * theta[0];
    opt.step(theta, g, state);
  }
  return Math.sqrt(state.slots.delta[0] + EPS) / Math.sqrt(state.slots.sq[0] + EPS);
}

export function lockCase(id: string, title: string, points: number, visible: boolean, hs: number[]): TestCase {
  const data: CallsCaseData = { calls: hs.map((h) => [h]) };
  return { id, title, points, visible, input: { driver: "calls", exportName: "adadeltaLockRatio", data: data as unknown as PlainValue } };
}

const via = (f: (h: number) => number) => (input: DriverInput): PlainValue => calls(input).map(([h]) => f(h));
// The measured lock sits a hair above 2/h (eps in the numerator, about 4e-5 relative): 1e-3 accepts it and the formula.
const LOCK_TOLERANCE = { rtol: 1e-3, atol: 1e-12 };

export const ADADELTA_LOCK_EXERCISE = defineExercise({
  name: "adadelta-lock",
  file: "20-adadelta-lock.ts",
  title: "Derive: where Adadelta's ratio locks on a steep direction",
  exports: ["adadeltaLockRatio"],
  cases: [lockCase("curvatures", "curvatures h = 10 and 50", 1, true, [10, 50])],
  expected: via(measuredLockRatio),
  tolerance: LOCK_TOLERANCE,
  describe: (input) => `adadeltaLockRatio(h) for h = ${formatValue(calls(input).map((a) => a[0]))} (Adadelta, rho 0.9, eps 1e-6, 20,000 steps from theta = 1)`,
  mistakes: [
    outputMistake("newton", "Newton's step 1/h", "1/h would jump to the minimum in one step; Adadelta does not settle there. Look at the iterate: it flips sign every step with a constant size.", via((h) => 1 / h), LOCK_TOLERANCE),
    outputMistake("squares", "a ratio of mean squares", "RMS is the ROOT of the mean square: sqrt(E[dtheta^2]) / sqrt(E[g^2]) = 2|theta| / (h|theta|).", via((h) => 4 / (h * h)), LOCK_TOLERANCE),
  ],
});
