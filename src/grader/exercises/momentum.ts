import { momentum } from "../../optimizers/momentum";
import {
  defineExercise,
  describeOptimizerCase,
  optimizerCases,
  optimizerTrajectory,
  outputMistake,
  standardPlans,
  stateNotCarried,
  wrongSign,
} from "../exercise";
import { mutantTrajectory } from "../mistakes/run-mutant";
import { momentumOldVelocity, momentumAveraged } from "../mistakes/momentum";

/** Exercise 02: Momentum, eq. (1). Reference: src momentum (seed convention). */
const make = (h: Record<string, number>) => momentum({ lr: h.lr, momentum: h.gamma });

export const MOMENTUM_EXERCISE = defineExercise({
  name: "momentum",
  file: "02-momentum.ts",
  title: "Momentum, eq. (1)",
  exports: ["momentumStep"],
  // lr differs from 1 - gamma (0.1), so "lr applied twice" (lr^2 g) and the "(1 - gamma) factor"
  // ((1 - gamma) lr g) give different outputs and are not mistaken for each other.
  cases: optimizerCases("momentum", "momentumStep", ["v"], standardPlans({ lr: 0.05, gamma: 0.9 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    wrongSign(make),
    stateNotCarried(make),
    outputMistake(
      "old-velocity",
      "parameters updated with the previous velocity",
      "You move theta by v before updating v: compute v_t = gamma v_{t-1} + eta g first, then theta = theta - v_t.",
      (input) => mutantTrajectory(input, momentumOldVelocity),
    ),
    outputMistake(
      "averaged-gradient",
      "(1 - gamma) factor on the gradient",
      "Eq. (1) adds eta * g to gamma * v; the (1 - gamma) weighting belongs to Adam's moving averages, not to momentum.",
      (input) => mutantTrajectory(input, momentumAveraged),
    ),
  ],
});
