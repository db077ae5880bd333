import { adam } from "../../optimizers/adam";
import { nadam } from "../../optimizers/nadam";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { nadamUncorrectedGradient } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 09: Nadam (the seed's form, constant beta1). Reference: src nadam (seed). */
const make = (h: Record<string, number>) => nadam({ lr: h.lr, betas: [h.beta1, h.beta2], eps: h.eps });

export const NADAM_EXERCISE = defineExercise({
  name: "nadam",
  file: "09-nadam.ts",
  title: "Nadam",
  exports: ["nadamStep"],
  cases: optimizerCases("nadam", "nadamStep", ["m", "v"], standardPlans({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "no-lookahead",
      "no Nesterov look-ahead (this is Adam)",
      "Nadam replaces m_hat in Adam's step by beta1 * m_hat + (1 - beta1) * g / (1 - beta1^t).",
      (input) => optimizerTrajectory((h) => adam({ lr: h.lr, betas: [h.beta1, h.beta2], eps: h.eps }), input),
    ),
    outputMistake(
      "gradient-term-uncorrected",
      "gradient term not bias-corrected",
      "The current gradient's term is (1 - beta1) * g / (1 - beta1^t): it is corrected like m_hat.",
      (input) => mutantTrajectory(input, nadamUncorrectedGradient),
    ),
    stateNotCarried(make),
  ],
});
