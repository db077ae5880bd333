import { noiseFloor } from "../../analysis/noise-floor";
import { formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { defineExercise, outputMistake } from "../exercise";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 21 (derive and predict): SGD's noise floor. On J = lambda theta^2 / 2 with mini-batch
 * gradients lambda theta + xi, Var(xi) = sigma2 / b, constant rate lr: the expected excess loss once
 * the run has settled, E[J - J*] = lr sigma2 / (2 b (2 - lr lambda)) (src noiseFloor, notebook 01,
 * where the prediction is checked against runs).
 */

type Args = [number, number, number, number]; // lr, sigma2, b, lambda
const calls = (input: DriverInput): Args[] => (input.data as unknown as CallsCaseData).calls as Args[];

export function floorCase(id: string, title: string, points: number, visible: boolean, args: Args[]): TestCase {
  const data: CallsCaseData = { calls: args };
  return { id, title, points, visible, input: { driver: "calls", exportName: "noiseFloorPrediction", data: data as unknown as PlainValue } };
}

const via = (f: (lr: number, sigma2: number, b: number, lambda: number) => number) => (input: DriverInput): PlainValue =>
  calls(input).map(([lr, s2, b, l]) => f(lr, s2, b, l));

export const NOISE_FLOOR_EXERCISE = defineExercise({
  name: "noise-floor",
  file: "21-noise-floor.ts",
  title: "Derive: SGD's noise floor",
  exports: ["noiseFloorPrediction"],
  cases: [
    floorCase("small-rate", "small rates, batch 1", 1, true, [[0.01, 1, 1, 1], [0.001, 4, 1, 2]]),
    floorCase("batches", "larger batches and steep curvature (lr lambda = 1)", 1, true, [[0.1, 2, 8, 10], [0.05, 1, 32, 20]]),
  ],
  expected: via((lr, s2, b, l) => noiseFloor({ lr, curvatures: [l], noiseVariance: s2 / b }).excessLoss),
  tolerance: { rtol: 1e-9, atol: 1e-15 },
  describe: (input) => `noiseFloorPrediction(lr, sigma2, b, lambda) for ${formatValue(calls(input))}`,
  mistakes: [
    outputMistake("no-batch", "batch size ignored", "Averaging b independent gradients divides their variance by b: s^2 = sigma2 / b.", via((lr, s2, _b, l) => (lr * s2) / (2 * (2 - lr * l)))),
    outputMistake("error-not-loss", "E[e^2] instead of E[J - J*]", "The fixed point of E[e^2] is lr s^2/(lambda (2 - lr lambda)); the loss is lambda/2 times that.", via((lr, s2, b, l) => (lr * s2) / (b * l * (2 - lr * l)))),
    outputMistake("small-rate-only", "2 - lr lambda replaced by 2", "lr sigma2/(4b) is the small-rate limit; keep (1 - lr lambda)^2 exactly: the fixed point has 1 - (1 - lr lambda)^2 = lr lambda (2 - lr lambda).", via((lr, s2, b) => (lr * s2) / (4 * b))),
    outputMistake("no-half", "the loss without its 1/2", "J = lambda theta^2 / 2: E[J - J*] = (lambda / 2) E[e^2].", via((lr, s2, b, l) => (lr * s2) / (b * (2 - lr * l)))),
  ],
});
