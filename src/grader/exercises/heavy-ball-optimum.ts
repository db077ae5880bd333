import { firstBelow } from "../../analysis/first-below";
import { momentumOptimal, stepsForRate } from "../../analysis/quadratic-theory";
import { momentum } from "../../optimizers/momentum";
import { longValley } from "../../problems/surfaces/long-valley";
import { minimize } from "../../train/minimize";
import { formatValue } from "../compare";
import type { CallsCaseData, ConstantsCaseData } from "../drivers";
import { compareJudge, defineExercise, outputMistake } from "../exercise";
import type { DriverInput, Mistake, PlainValue, TestCase, Verdict } from "../types";

/**
 * Exercise 19 (derive and predict): heavy-ball momentum's optimal pair on a quadratic with
 * curvatures in [mu, L], eta* = 4/(sqrt L + sqrt mu)^2 and gamma* = ((sqrt kappa - 1)/(sqrt kappa + 1))^2
 * (src momentumOptimal, notebook 03), and the number of steps it then needs on the long valley with
 * kappa = 100 to reach J < 1e-6, which the grader measures with the library's momentum.
 */

type Args = [number, number];
const calls = (input: DriverInput): Args[] => (input.data as unknown as CallsCaseData).calls as Args[];
const KAPPA = 100;
const TOL = 1e-6;

export function optimumCase(id: string, title: string, points: number, visible: boolean, args: Args[]): TestCase {
  const data: CallsCaseData = { calls: args };
  return { id, title, points, visible, input: { driver: "calls", exportName: "heavyBallOptimum", data: data as unknown as PlainValue } };
}

export function stepsCase(id: string, title: string, points: number, visible: boolean, slack: number): TestCase {
  const data: ConstantsCaseData = { slack };
  return { id, title, points, visible, input: { driver: "constants", exportName: "stepsAtOptimum", data } };
}

/** Steps the library's momentum at the optimum needs on the kappa = 100 valley to reach J < 1e-6. */
export function measuredStepsAtOptimum(): number {
  const best = momentumOptimal(1, KAPPA);
  const f = longValley({ kappa: KAPPA });
  return firstBelow(minimize(f, f.start, momentum({ lr: best.lr, momentum: best.momentum }), { steps: 1000 }).loss, TOL) ?? Infinity;
}

const via = (f: (mu: number, L: number) => { lr: number; momentum: number }) => (input: DriverInput): PlainValue =>
  input.exportName === "heavyBallOptimum" ? calls(input).map(([mu, L]) => f(mu, L)) : "(not this export)";

function judgeSteps(testCase: TestCase, got: unknown): Verdict {
  if (typeof got !== "number" || !Number.isInteger(got) || got < 0) return { pass: false, fraction: 0, message: `stepsAtOptimum must return a whole number of steps, got ${String(got)}` };
  const slack = (testCase.input.data as unknown as { slack: number }).slack;
  const measured = measuredStepsAtOptimum();
  if (Math.abs(got - measured) <= slack) return { pass: true, fraction: 1, message: "" };
  const side = got < measured ? "too few" : "too many";
  return testCase.visible
    ? { pass: false, fraction: 0, message: `the library's momentum at (eta*, gamma*) needs ${measured} steps; you predicted ${got} (${side})`, expected: String(measured), got: String(got) }
    : { pass: false, fraction: 0, message: `your prediction is ${side} (allowed error: ${slack} steps)` };
}

const optimumJudge = compareJudge(via((mu, L) => {
  const o = momentumOptimal(mu, L);
  return { lr: o.lr, momentum: o.momentum };
}), { rtol: 1e-9, atol: 1e-12 });

const rateOnly: Mistake = {
  id: "rate-only",
  title: "steps from rho^t alone",
  hint: "At critical damping the two roots of M coincide and the error is (a + b t) rho^t, not a rho^t: count with M^t (predictQuadraticRun) or run it.",
  matches: (input, got) => {
    if (input.exportName !== "stepsAtOptimum" || typeof got !== "number") return false;
    const f = longValley({ kappa: KAPPA });
    return Math.abs(got - stepsForRate(momentumOptimal(1, KAPPA).rate, f.value(Float64Array.from(f.start)), TOL)) <= 1;
  },
};

export const HEAVY_BALL_OPTIMUM_EXERCISE = defineExercise({
  name: "heavy-ball-optimum",
  file: "19-heavy-ball-optimum.ts",
  title: "Derive: momentum's optimal learning rate and momentum, and the steps they need",
  exports: ["heavyBallOptimum", "stepsAtOptimum"],
  cases: [
    optimumCase("kappa-50", "mu = 1, L = 50 (notebook 03's valley)", 1, true, [[1, 50]]),
    optimumCase("scaled", "other curvature ranges", 1, true, [[1, 100], [0.5, 2], [2, 2]]),
    stepsCase("steps", "steps to J < 1e-6 on the kappa = 100 valley, within 2", 1, true, 2),
  ],
  expected: via((mu, L) => {
    const o = momentumOptimal(mu, L);
    return { lr: o.lr, momentum: o.momentum };
  }),
  judge: (testCase, got) => (testCase.input.exportName === "stepsAtOptimum" ? judgeSteps(testCase, got) : optimumJudge(testCase, got)),
  describe: (input) =>
    input.exportName === "heavyBallOptimum"
      ? `heavyBallOptimum(mu, L) for ${formatValue(calls(input))}`
      : `momentum at (eta*, gamma*) on the long valley, kappa = ${KAPPA}, from (-1.8, 0.5), until J < ${TOL}`,
  mistakes: [
    outputMistake("gd-optimum", "gradient descent's optimum", "2/(mu + L) with no momentum is the best plain GD can do; momentum critically damps both ends: eta* = 4/(sqrt L + sqrt mu)^2.", via((mu, L) => ({ lr: 2 / (mu + L), momentum: 0 }))),
    outputMistake(
      "rate-as-momentum",
      "the rate used as gamma",
      "(sqrt kappa - 1)/(sqrt kappa + 1) is the convergence factor rho* = sqrt(gamma*): gamma* is its square.",
      via((mu, L) => ({ lr: momentumOptimal(mu, L).lr, momentum: momentumOptimal(mu, L).rate })),
    ),
    outputMistake(
      "kappa-not-root",
      "kappa where sqrt(kappa) belongs",
      "Critical damping at both ends gives sqrt(gamma) = (sqrt kappa - 1)/(sqrt kappa + 1): the square roots of the curvatures, not kappa itself.",
      via((mu, L) => ({ lr: 4 / (L + mu), momentum: ((L / mu - 1) / (L / mu + 1)) ** 2 })),
    ),
    rateOnly,
  ],
});
