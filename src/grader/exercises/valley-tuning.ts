import { momentum } from "../../optimizers/momentum";
import { formatNumber } from "../compare";
import type { ConstantsCaseData } from "../drivers";
import { defineExercise } from "../exercise";
import { distanceAfter } from "./valley-run";
import type { DriverInput, Mistake, TestCase, Verdict } from "../types";

/**
 * Exercise 15 (analysis), graded numerically with the library itself: choose lr and momentum
 * (gamma) so that Momentum, eq. (1), started at the long valley's start point (condition number
 * 50), ends within 1e-6 of the minimum (0, 0) after 100 steps. Plain gradient descent cannot (it
 * needs lr < 2/50 and then crawls along the valley at rate 1 - lr per step), so the answer has to
 * use momentum.
 */

const STEPS = 100;

function answers(got: unknown): Record<string, unknown> {
  return got !== null && typeof got === "object" && !Array.isArray(got) ? (got as Record<string, unknown>) : {};
}


function readTuning(got: unknown): { lr: number; gamma: number } | string {
  const a = answers(got);
  const lr = a.lr;
  const gamma = a.momentum;
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) return `lr must be a positive number, got ${String(lr)}`;
  if (typeof gamma !== "number" || !(gamma >= 0 && gamma < 1)) return `momentum must be a number in [0, 1), got ${String(gamma)}`;
  return { lr, gamma };
}

function tuningDistance(got: unknown): number | string {
  const r = readTuning(got);
  if (typeof r === "string") return r;
  return distanceAfter(() => momentum({ lr: r.lr, momentum: r.gamma }), STEPS);
}

export function tuningCase(id: string, title: string, points: number, visible: boolean, tolerance: number): TestCase {
  const data: ConstantsCaseData = { tolerance };
  return { id, title, points, visible, input: { driver: "constants", exportName: "valleySettings", data } };
}

const tol = (input: DriverInput): number => (input.data as unknown as { tolerance: number }).tolerance;

function judgeTuning(testCase: TestCase, got: unknown): Verdict {
  const d = tuningDistance(got);
  if (typeof d === "string") return { pass: false, fraction: 0, message: d };
  const limit = tol(testCase.input);
  if (d <= limit) return { pass: true, fraction: 1, message: "" };
  const where = Number.isFinite(d) ? `ends ${formatNumber(d)} from the minimum` : "diverges";
  return { pass: false, fraction: 0, message: `after ${STEPS} steps your setting ${where}; the target is ${limit}` };
}

const tuningMistake = (id: string, title: string, hint: string, when: (lr: number, gamma: number, distance: number) => boolean): Mistake => ({
  id,
  title,
  hint,
  matches: (_input, got) => {
    const r = readTuning(got);
    if (typeof r === "string") return false;
    return when(r.lr, r.gamma, distanceAfter(() => momentum({ lr: r.lr, momentum: r.gamma }), STEPS));
  },
});

export const VALLEY_TUNING_EXERCISE = defineExercise({
  name: "valley-tuning",
  file: "15-valley-tuning.ts",
  title: "Analysis: tune Momentum for the long valley",
  exports: ["valleySettings"],
  cases: [
    tuningCase("converges", "converges: within 1e-2 after 100 steps", 1, true, 1e-2),
    tuningCase("close", "within 1e-4 after 100 steps", 1, true, 1e-4),
  ],
  expected: () => null,
  judge: judgeTuning,
  describe: () => `Momentum (eq. (1)) on the long valley, kappa = 50, from (-1.8, 0.5), ${STEPS} steps`,
  mistakes: [
    tuningMistake("diverges", "learning rate too large", "The steep direction (curvature 50) blows up: with momentum gamma it needs lr < 2 (1 + gamma) / 50.", (lr, g, d) => !Number.isFinite(d) || (d > 1 && lr * 50 > 2 * (1 + g))),
    tuningMistake("no-momentum", "no momentum", "With momentum 0 this is gradient descent, which crawls along the valley at rate 1 - lr per step: raise gamma.", (_lr, g, d) => g === 0 && d > 1e-6),
    tuningMistake("too-much-momentum", "too much momentum", "With gamma close to 1 the iterates spiral slowly: at most sqrt(gamma) contraction per step. Try gamma near 0.5-0.8 with a larger lr.", (_lr, g, d) => g >= 0.9 && d > 1e-6),
  ],
});

