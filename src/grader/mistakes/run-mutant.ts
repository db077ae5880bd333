import { optimizerData, withSecondRun } from "../exercise";
import type { DriverInput, PlainValue } from "../types";

/**
 * The mistake catalogue's mutants: small, DELIBERATELY WRONG update rules, one per catalogued
 * mistake that cannot be produced by running `src/` with altered hyperparameters or inputs.
 *
 * Why they exist: to recognise a mistake we must know what it outputs on the grader's cases.
 * These are the only wrong update rules in the repository; they are never used to compute an
 * expected value, and each is tested to be diagnosed as itself (test/grader/mistakes.test.ts).
 */

export type MutantStep = (params: Float64Array, grad: Float64Array, s: Record<string, Float64Array>, t: number, hyper: Record<string, number>) => void;

/** Runs a mutant step like the "optimizer" driver does; `t` is the 1-based step number. */
export function mutantTrajectory(input: DriverInput, step: MutantStep): PlainValue {
  const data = optimizerData(input);
  return withSecondRun(data, (params0, grads) => {
    const params = Float64Array.from(params0);
    const state: Record<string, Float64Array> = {};
    for (const s of data.slots) state[s] = new Float64Array(params.length);
    const trajectory: number[][] = [];
    let t = 0;
    for (const g of grads) {
      t++;
      step(params, Float64Array.from(g), state, t, data.hyper);
      trajectory.push(Array.from(params));
    }
    return trajectory;
  });
}
