import { adadelta } from "../../optimizers/adadelta";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { adadeltaEpsOutside, adadeltaSwapped } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 05: Adadelta (no learning rate). Reference: src adadelta (seed). */
const make = (h: Record<string, number>) => adadelta({ rho: h.rho, eps: h.eps });

export const ADADELTA_EXERCISE = defineExercise({
  name: "adadelta",
  file: "05-adadelta.ts",
  title: "Adadelta",
  exports: ["adadeltaStep"],
  cases: optimizerCases("adadelta", "adadeltaStep", ["Eg2", "Edx2"], standardPlans({ rho: 0.9, eps: 1e-3 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "accumulators-swapped",
      "accumulators swapped",
      "The step is RMS[delta theta]_{t-1} / RMS[g]_t * g: the average of past STEPS goes on top, the average of gradients below.",
      (input) => mutantTrajectory(input, adadeltaSwapped),
    ),
    outputMistake(
      "rho-swapped",
      "rho and 1 - rho swapped in the averages",
      "E[x]_t = rho E[x]_{t-1} + (1 - rho) x_t: the old average keeps the weight rho.",
      (input) => optimizerTrajectory((h) => adadelta({ rho: 1 - h.rho, eps: h.eps }), input),
    ),
    outputMistake(
      "eps-outside",
      "epsilon outside the square roots",
      "Adadelta's RMS is sqrt(E[.] + eps): epsilon goes inside both roots (with it outside the first step is almost 0).",
      (input) => mutantTrajectory(input, adadeltaEpsOutside),
    ),
    stateNotCarried(make),
  ],
});
