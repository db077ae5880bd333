import { adamax } from "../../optimizers/adamax";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { adamaxMutant } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 08: AdaMax (seed: no epsilon). Reference: src adamax (seed). */
const make = (h: Record<string, number>) => adamax({ lr: h.lr, betas: [h.beta1, h.beta2] });

export const ADAMAX_EXERCISE = defineExercise({
  name: "adamax",
  file: "08-adamax.ts",
  title: "AdaMax",
  exports: ["adamaxStep"],
  cases: optimizerCases("adamax", "adamaxStep", ["m", "u"], standardPlans({ lr: 0.1, beta1: 0.9, beta2: 0.999 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "no-bias-correction",
      "no bias correction",
      "AdaMax still divides m_t by 1 - beta1^t (m_hat as in eq. (14)); only u_t needs none.",
      (input) => mutantTrajectory(input, adamaxMutant({ correct: false })),
    ),
    outputMistake(
      "no-decay",
      "u not decayed inside the max",
      "u_t = max(beta2 * u_{t-1}, |g_t|): the old value is multiplied by beta2 before the max.",
      (input) => mutantTrajectory(input, adamaxMutant({ decay: false })),
    ),
    outputMistake(
      "no-abs",
      "g instead of |g| in the max",
      "The infinity norm takes the absolute value: max(beta2 * u, Math.abs(g)).",
      (input) => mutantTrajectory(input, adamaxMutant({ abs: false })),
    ),
    stateNotCarried(make),
  ],
});
