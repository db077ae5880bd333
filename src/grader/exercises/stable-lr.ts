import { sgd } from "../../optimizers/sgd";
import { formatNumber } from "../compare";
import type { ConstantsCaseData } from "../drivers";
import { defineExercise } from "../exercise";
import type { TestCase, Verdict } from "../types";
import { distanceAfter } from "./valley-run";

/**
 * Exercise 16 (analysis): the largest learning rate at which plain gradient descent converges on
 * the long valley (kappa = 50; the answer is 2 / kappa). Graded by running src sgd just below and
 * just above the student's value: it must converge below and not above.
 */

const KAPPA = 50;
const STABLE_STEPS = 3000;

/** True when src sgd at `lr` ends within 1e-3 of its starting distance from the valley's minimum. */
export function gdConverges(lr: number): boolean {
  const d = distanceAfter(() => sgd({ lr }), STABLE_STEPS);
  return Number.isFinite(d) && d < Math.hypot(1.8, 0.5) * 1e-3;
}

export function stableCase(id: string, title: string, points: number, visible: boolean, below: number, above: number): TestCase {
  const data: ConstantsCaseData = { below, above };
  return { id, title, points, visible, input: { driver: "constants", exportName: "largestStableLr", data } };
}

function readLr(got: unknown): number | string {
  const v = got;
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) return `largestStableLr must be a positive number, got ${String(v)}`;
  return v;
}

function judgeStable(testCase: TestCase, got: unknown): Verdict {
  const v = readLr(got);
  if (typeof v === "string") return { pass: false, fraction: 0, message: v };
  const { below, above } = testCase.input.data as unknown as { below: number; above: number };
  if (!gdConverges(v * below)) return { pass: false, fraction: 0, message: `gradient descent at ${formatNumber(v * below)} (${below} x your value) does not converge: your value is too large` };
  if (gdConverges(v * above)) return { pass: false, fraction: 0, message: `gradient descent at ${formatNumber(v * above)} (${above} x your value) still converges: your value is too small` };
  return { pass: true, fraction: 1, message: "" };
}

const near = (v: number, target: number): boolean => Math.abs(v - target) <= 0.02 * target;

export const STABLE_LR_EXERCISE = defineExercise({
  name: "stable-lr",
  file: "16-stable-lr.ts",
  title: "Analysis: the largest stable learning rate",
  exports: ["largestStableLr"],
  cases: [
    stableCase("below", "converges just below (0.95x) and diverges above (1.05x)", 1, true, 0.95, 1.05),
  ],
  expected: () => null,
  judge: judgeStable,
  describe: () => `gradient descent on the long valley, kappa = ${KAPPA}, ${STABLE_STEPS} steps`,
  mistakes: [
    {
      id: "one-over-kappa",
      title: "1 / kappa: the step that solves the steep direction in one step",
      hint: "lr = 1/kappa is the fastest rate for the steep direction, not the largest stable one: GD on curvature kappa diverges when |1 - lr kappa| > 1.",
      matches: (_i, got) => {
        const v = readLr(got);
        return typeof v === "number" && near(v, 1 / KAPPA);
      },
    },
    {
      id: "flat-direction",
      title: "the flat direction's limit",
      hint: "2 is where the flat direction (curvature 1) would diverge; the steep direction (curvature kappa) diverges first, at 2 / kappa.",
      matches: (_i, got) => {
        const v = readLr(got);
        return typeof v === "number" && near(v, 2);
      },
    },
  ],
});
