import { sgd } from "../../optimizers/sgd";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, wrongSign } from "../exercise";

/** Exercise 01: the basic gradient-descent step, theta = theta - eta * g. Reference: src sgd (seed). */
const make = (h: Record<string, number>) => sgd({ lr: h.lr });

export const SGD_EXERCISE = defineExercise({
  name: "sgd",
  file: "01-sgd.ts",
  title: "SGD step",
  exports: ["sgdStep"],
  cases: optimizerCases("sgd", "sgdStep", [], standardPlans({ lr: 0.1 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    wrongSign(make),
    outputMistake(
      "lr-ignored",
      "learning rate ignored",
      "Your step is the whole gradient: multiply it by the learning rate hyper.lr.",
      (input) => optimizerTrajectory(() => sgd({ lr: 1 }), input),
    ),
  ],
});
