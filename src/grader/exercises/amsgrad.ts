import { amsgrad } from "../../optimizers/amsgrad";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { amsgradNoMax } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 10: AMSGrad as the seed writes it (running max of v, no bias correction). Reference: src amsgrad (seed). */
const make = (h: Record<string, number>) => amsgrad({ lr: h.lr, betas: [h.beta1, h.beta2], eps: h.eps });

export const AMSGRAD_EXERCISE = defineExercise({
  name: "amsgrad",
  file: "10-amsgrad.ts",
  title: "AMSGrad",
  exports: ["amsgradStep"],
  cases: optimizerCases("amsgrad", "amsgradStep", ["m", "v", "vHat"], standardPlans({ lr: 0.1, beta1: 0.9, beta2: 0.5, eps: 1e-3 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "bias-corrected",
      "Adam's bias correction kept",
      "The course's AMSGrad uses m_t and the running max of v_t directly, without Adam's bias corrections (PyTorch's amsgrad=True keeps them).",
      (input) => optimizerTrajectory((h) => amsgrad({ convention: "pytorch", lr: h.lr, betas: [h.beta1, h.beta2], eps: h.eps }), input),
    ),
    outputMistake(
      "no-max",
      "running maximum not kept",
      "v_hat_t = max(v_hat_{t-1}, v_t): keep the maximum in state.vHat and divide by its root, not by v_t's.",
      (input) => mutantTrajectory(input, amsgradNoMax),
    ),
    stateNotCarried(make),
  ],
});
