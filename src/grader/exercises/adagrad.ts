import { adagrad } from "../../optimizers/adagrad";
import { defineExercise, describeOptimizerCase, optimizerCases, optimizerTrajectory, outputMistake, standardPlans, stateNotCarried } from "../exercise";
import { adagradLinear, adagradNoRoot } from "../mistakes/adaptive";
import { mutantTrajectory } from "../mistakes/run-mutant";

/** Exercise 04: Adagrad (seed: epsilon inside the root). Reference: src adagrad (seed). */
const make = (h: Record<string, number>) => adagrad({ lr: h.lr, eps: h.eps });

export const ADAGRAD_EXERCISE = defineExercise({
  name: "adagrad",
  file: "04-adagrad.ts",
  title: "Adagrad",
  exports: ["adagradStep"],
  cases: optimizerCases("adagrad", "adagradStep", ["G"], standardPlans({ lr: 0.5, eps: 1e-3 })),
  expected: (input) => optimizerTrajectory(make, input),
  describe: describeOptimizerCase,
  mistakes: [
    outputMistake(
      "eps-outside",
      "epsilon outside the square root",
      "The course's Adagrad divides by sqrt(G + eps); you divided by sqrt(G) + eps (PyTorch's form).",
      (input) => optimizerTrajectory((h) => adagrad({ convention: "pytorch", lr: h.lr, eps: h.eps }), input),
    ),
    outputMistake(
      "g-not-squared",
      "g instead of g^2 in the accumulator",
      "G sums the SQUARES of the gradients: G = G + g * g.",
      (input) => mutantTrajectory(input, adagradLinear),
    ),
    outputMistake(
      "no-root",
      "square root missing",
      "The step is eta / sqrt(G + eps) * g: take the square root of the accumulator.",
      (input) => mutantTrajectory(input, adagradNoRoot),
    ),
    stateNotCarried(make),
  ],
});
