import { adam } from "../../optimizers/adam";
import { sameOutput } from "../compare";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { adamMutant } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 07: Adam with bias correction, eqs. (13)-(15). Reference: src adam (seed). */
const make = (h: Record<string, number>) => adam({ lr: h.lr, betas: [h.beta1, h.beta2], eps: h.eps });

export const ADAM_EXERCISE = defineExercise({
  name: "adam",
  file: "07-adam.ts",
  title: "Adam, eqs. (13)-(15)",
  exports: ["adamStep"],
  cases: optimizerCases("adam", "adamStep", ["m", "v"], standardPlans({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "no-bias-correction",
      "no bias correction",
      "Eq. (14): divide m_t by 1 - beta1^t and v_t by 1 - beta2^t before the step; without it the first steps are far too small.",
      (input) => mutantTrajectory(input, adamMutant({ correct: false })),
    ),
    outputMistake(
      "eps-inside",
      "epsilon inside the square root",
      "Eq. (15) divides by sqrt(v_hat) + eps: epsilon goes outside the root.",
      (input) => mutantTrajectory(input, adamMutant({ epsInside: true })),
    ),
    {
      id: "t-off-by-one",
      title: "t off by one in the bias correction",
      hint: "The bias corrections use the number of this step, t = 1 on the first call: increment state.t first, then use it.",
      matches: (input, got) =>
        sameOutput(mutantTrajectory(input, adamMutant({ tShift: -1 })), got) ||
        sameOutput(mutantTrajectory(input, adamMutant({ tShift: 1 })), got),
    },
    outputMistake(
      "g-not-squared",
      "g instead of g^2 in v",
      "Eq. (13): v_t averages the SQUARED gradients, (1 - beta2) * g * g.",
      (input) => mutantTrajectory(input, adamMutant({ linear: true })),
    ),
    stateNotCarried(make),
  ],
});
