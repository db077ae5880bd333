import { rmsprop } from "../../optimizers/rmsprop";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { rmspropLinear } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 06: RMSprop, eq. (12). Reference: src rmsprop (seed: eps inside the root). */
const make = (h: Record<string, number>) => rmsprop({ lr: h.lr, alpha: h.gamma, eps: h.eps });

export const RMSPROP_EXERCISE = defineExercise({
  name: "rmsprop",
  file: "06-rmsprop.ts",
  title: "RMSprop, eq. (12)",
  exports: ["rmspropStep"],
  cases: optimizerCases("rmsprop", "rmspropStep", ["Eg2"], standardPlans({ lr: 0.01, gamma: 0.9, eps: 1e-3 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "eps-outside",
      "epsilon outside the square root",
      "Eq. (12) divides by sqrt(E[g^2] + eps); you divided by sqrt(E[g^2]) + eps (PyTorch's form).",
      (input) => optimizerTrajectory((h) => rmsprop({ convention: "pytorch", lr: h.lr, alpha: h.gamma, eps: h.eps }), input),
    ),
    outputMistake(
      "g-not-squared",
      "g instead of g^2 in the average",
      "E[g^2] averages the SQUARED gradients: (1 - gamma) * g * g.",
      (input) => mutantTrajectory(input, rmspropLinear),
    ),
    outputMistake(
      "gamma-swapped",
      "gamma and 1 - gamma swapped",
      "E[g^2]_t = gamma E[g^2]_{t-1} + (1 - gamma) g^2: the old average keeps the weight gamma.",
      (input) => optimizerTrajectory((h) => rmsprop({ lr: h.lr, alpha: 1 - h.gamma, eps: h.eps }), input),
    ),
    stateNotCarried(make),
  ],
});
