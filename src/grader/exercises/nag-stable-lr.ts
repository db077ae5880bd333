import { nesterov } from "../../optimizers/nesterov";
import { formatNumber } from "../compare";
import type { ConstantsCaseData } from "../drivers";
import { defineExercise } from "../exercise";
import type { Mistake, TestCase, Verdict } from "../types";
import { distanceAfter } from "./valley-run";

/**
 * Exercise 17 (derive and predict): the largest stable learning rate of Nesterov's method with
 * gamma = 0.9 on the long valley (kappa = 50). The answer, 2(1 + gamma) / ((1 + 2 gamma) kappa),
 * comes from NAG's iteration matrix (trace (1+gamma)(1-h), determinant gamma(1-h), notebook 04).
 * Graded by running the library's NAG just below and just above the student's value.
 */

const KAPPA = 50;
const GAMMA = 0.9;
const STEPS = 3000;

/** True when src NAG at `lr` ends within 1e-3 of its starting distance from the minimum. */
export function nagConverges(lr: number): boolean {
  const d = distanceAfter(() => nesterov({ lr, momentum: GAMMA }), STEPS);
  return Number.isFinite(d) && d < Math.hypot(1.8, 0.5) * 1e-3;
}

export function nagEdgeCase(id: string, title: string, points: number, visible: boolean, below: number, above: number): TestCase {
  const data: ConstantsCaseData = { below, above };
  return { id, title, points, visible, input: { driver: "constants", exportName: "nagLargestStableLr", data } };
}

function readLr(got: unknown): number | string {
  if (typeof got !== "number" || !(got > 0) || !Number.isFinite(got)) return `nagLargestStableLr must return a positive number, got ${String(got)}`;
  return got;
}

function judge(testCase: TestCase, got: unknown): Verdict {
  const v = readLr(got);
  if (typeof v === "string") return { pass: false, fraction: 0, message: v };
  const { below, above } = testCase.input.data as unknown as { below: number; above: number };
  if (!nagConverges(v * below)) return { pass: false, fraction: 0, message: `NAG at ${formatNumber(v * below)} (${below} x your value) does not converge: your value is too large` };
  if (nagConverges(v * above)) return { pass: false, fraction: 0, message: `NAG at ${formatNumber(v * above)} (${above} x your value) still converges: your value is too small` };
  return { pass: true, fraction: 1, message: "" };
}

const near = (v: number, target: number): boolean => Math.abs(v - target) <= 0.02 * target;
const answerNear = (id: string, title: string, hint: string, target: number): Mistake => ({
  id,
  title,
  hint,
  matches: (_i, got) => {
    const v = readLr(got);
    return typeof v === "number" && near(v, target);
  },
});

export const NAG_STABLE_LR_EXERCISE = defineExercise({
  name: "nag-stable-lr",
  file: "17-nag-stable-lr.ts",
  title: "Derive: the largest stable learning rate of Nesterov's method",
  exports: ["nagLargestStableLr"],
  cases: [nagEdgeCase("edge", "converges at 0.95x your value and not at 1.05x", 1, true, 0.95, 1.05)],
  expected: () => null,
  judge,
  describe: () => `Nesterov (gamma = ${GAMMA}) on the long valley, kappa = ${KAPPA}, ${STEPS} steps from (-1.8, 0.5)`,
  mistakes: [
    answerNear(
      "momentum-edge",
      "heavy-ball momentum's edge",
      "2(1 + gamma)/kappa is the edge of plain momentum (det M = gamma). NAG's matrix has det gamma(1 - h) and trace (1 + gamma)(1 - h): redo 1 + tr M + det M > 0 with those.",
      (2 * (1 + GAMMA)) / KAPPA,
    ),
    answerNear("gd-edge", "gradient descent's edge", "2/kappa is plain gradient descent's limit; the look-ahead changes it: write NAG's 2x2 iteration matrix on the steep direction.", 2 / KAPPA),
    answerNear(
      "lost-one-plus-gamma",
      "a factor 1 + gamma lost",
      "1 + (1 + 2 gamma)(1 - h) > 0 gives h < 1 + 1/(1 + 2 gamma) = 2(1 + gamma)/(1 + 2 gamma): check the numerator.",
      2 / ((1 + 2 * GAMMA) * KAPPA),
    ),
  ],
});
