import { adamStepScale } from "../../analysis/without-bias-correction";
import { formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { defineExercise, outputMistake } from "../exercise";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 18 (derive and predict): the length of Adam's step WITHOUT bias correction after t
 * equal gradients, in units of eta: m_t = (1 - beta1^t) g, v_t = (1 - beta2^t) g^2, so the step is
 * eta (1 - beta1^t) / sqrt(1 - beta2^t), the inverse of src's adamStepScale (notebook 08).
 */

type Args = [number, number, number];
const calls = (input: DriverInput): Args[] => (input.data as unknown as CallsCaseData).calls as Args[];

export function stepFactorCase(id: string, title: string, points: number, visible: boolean, args: Args[]): TestCase {
  const data: CallsCaseData = { calls: args };
  return { id, title, points, visible, input: { driver: "calls", exportName: "uncorrectedStep", data: data as unknown as PlainValue } };
}

const via = (f: (b1: number, b2: number, t: number) => number) => (input: DriverInput): PlainValue => calls(input).map(([b1, b2, t]) => f(b1, b2, t));

export const ADAM_STEP_FACTOR_EXERCISE = defineExercise({
  name: "adam-step-factor",
  file: "18-adam-step-factor.ts",
  title: "Derive: Adam's step without bias correction",
  exports: ["uncorrectedStep"],
  cases: [
    stepFactorCase("first-step", "the first step, usual betas", 1, true, [[0.9, 0.999, 1], [0.9, 0.9999, 1]]),
    stepFactorCase("later-steps", "later steps: t = 10, 100, 1000", 1, true, [[0.9, 0.999, 10], [0.9, 0.999, 100], [0.9, 0.999, 1000]]),
  ],
  expected: via((b1, b2, t) => 1 / adamStepScale(b1, b2, t)),
  tolerance: { rtol: 1e-9, atol: 1e-12 },
  describe: (input) => `uncorrectedStep(beta1, beta2, t) for ${formatValue(calls(input))}`,
  mistakes: [
    outputMistake("corrected", "the corrected step", "With the correction every step of a constant gradient is eta; without it, m_t = (1 - beta1^t) g and v_t = (1 - beta2^t) g^2.", via(() => 1)),
    outputMistake("first-step-only", "t ignored", "The sums are geometric: after t equal gradients m_t = (1 - beta1^t) g, not (1 - beta1) g.", via((b1, b2) => (1 - b1) / Math.sqrt(1 - b2))),
    outputMistake("inverted", "the correction factor itself", "adamStepScale c_t = sqrt(1 - beta2^t)/(1 - beta1^t) multiplies the uncorrected step to give eta: the uncorrected step is 1/c_t.", via((b1, b2, t) => adamStepScale(b1, b2, t))),
    outputMistake("no-root", "v without its square root", "Adam divides by sqrt(v_t): the step is (1 - beta1^t) / sqrt(1 - beta2^t), a root in the denominator.", via((b1, b2, t) => (1 - b1 ** t) / (1 - b2 ** t))),
  ],
});
