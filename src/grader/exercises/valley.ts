import { momentum } from "../../optimizers/momentum";
import { sgd } from "../../optimizers/sgd";
import { longValley } from "../../problems/surfaces/long-valley";
import { minimize } from "../../train/minimize";
import { formatNumber } from "../compare";
import type { ConstantsCaseData } from "../drivers";
import { defineExercise } from "../exercise";
import type { DriverInput, Mistake, TestCase, Verdict } from "../types";

/**
 * Exercises 15 and 16, graded numerically with the library itself:
 *
 * 15 "valley-tuning": choose lr and momentum (gamma) so that Momentum, eq. (1), started at the
 *    long valley's start point (condition number 50), ends within 1e-6 of the minimum (0, 0)
 *    after 100 steps. Plain gradient descent cannot (it needs lr < 2/50 and then crawls along the
 *    valley at rate 1 - lr per step), so the answer has to use momentum.
 * 16 "stable-lr": the largest learning rate at which plain gradient descent converges on that
 *    valley. Graded by running src sgd just below and just above the student's value.
 */

const STEPS = 100;

function answers(got: unknown): Record<string, unknown> {
  return got !== null && typeof got === "object" && !Array.isArray(got) ? (got as Record<string, unknown>) : {};
}

/** Distance to (0, 0) after `steps` steps of `opt` from the valley's start; Infinity if it diverged. */
function distanceAfter(make: () => ReturnType<typeof sgd>, steps: number): number {
  const f = longValley();
  const run = minimize(f, f.start, make(), { steps, record: "none" });
  if (run.stopped) return Infinity;
  return Math.hypot(run.final[0], run.final[1]);
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

// ----------------------------------------------------------------- 16: largest stable lr

const KAPPA = 50;
const STABLE_STEPS = 3000;

/** True when src sgd at `lr` ends closer to the minimum than it started on the valley. */
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
