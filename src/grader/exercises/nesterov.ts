import { momentum } from "../../optimizers/momentum";
import { nesterov } from "../../optimizers/nesterov";
import type { Optimizer } from "../../optimizers/optimizer";
import { sgd } from "../../optimizers/sgd";
import { formatValue } from "../compare";
import type { LookaheadCaseData } from "../drivers";
import { caseRng, defineExercise, outputMistake, uniformVector } from "../exercise";
import { lookaheadWrongSign } from "../mistakes/nesterov";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 03: Nesterov accelerated gradient as the seed writes it, with the gradient taken at
 * the look-ahead point theta - gamma v. The student gets a gradient FUNCTION (the driver's
 * quadratic) so the look-ahead is theirs to place.
 *
 * Reference: src nesterov (seed) keeps the look-ahead point phi = theta - gamma v as its
 * parameters (see src/optimizers/nesterov.ts), so theta = phi + gamma v, read from its state.
 */

function data(input: DriverInput): LookaheadCaseData {
  return input.data as unknown as LookaheadCaseData;
}

/** Runs a src optimizer on the case's quadratic; `theta` maps (params, state) to the reported point. */
function quadraticRun(
  opt: Optimizer,
  input: DriverInput,
  report: (params: Float64Array, v: Float64Array | undefined, gamma: number) => number[],
): PlainValue {
  const d = data(input);
  const params = Float64Array.from(d.params0);
  const state = opt.init(params);
  const grad = new Float64Array(params.length);
  const trajectory: number[][] = [];
  for (let k = 0; k < d.steps; k++) {
    for (let i = 0; i < params.length; i++) grad[i] = d.a[i] * params[i] - d.b[i];
    opt.step(params, grad, state);
    trajectory.push(report(params, state.slots.v as Float64Array | undefined, d.hyper.gamma));
  }
  return { trajectory };
}

const thetaFromLookahead = (phi: Float64Array, v: Float64Array | undefined, gamma: number): number[] =>
  Array.from(phi, (x, i) => x + gamma * (v ? v[i] : 0));
const asIs = (p: Float64Array): number[] => Array.from(p);

const nag = (input: DriverInput) => nesterov({ lr: data(input).hyper.lr, momentum: data(input).hyper.gamma });

export interface NesterovPlan {
  id: string;
  title: string;
  points: number;
  visible: boolean;
  dim: number;
  steps: number;
  hyper: Record<string, number>;
}

const PLANS: NesterovPlan[] = [
  { id: "one-step", title: "one step (v starts at 0)", points: 1, visible: true, dim: 2, steps: 1, hyper: { lr: 0.1, gamma: 0.9 } },
  { id: "three-steps", title: "three steps: the look-ahead uses v", points: 1, visible: true, dim: 2, steps: 3, hyper: { lr: 0.1, gamma: 0.9 } },
];

/** Cases on seeded quadratics, one per plan. */
export const nesterovCases = (plans: readonly NesterovPlan[]): TestCase[] => plans.map((p) => {
  const rng = caseRng("nesterov", p.id);
  const d: LookaheadCaseData = {
    params0: uniformVector(rng, p.dim, -2, 2),
    a: uniformVector(rng, p.dim, 0.5, 5),
    b: uniformVector(rng, p.dim, -1, 1),
    steps: p.steps,
    slots: ["v"],
    hyper: p.hyper,
  };
  return { id: p.id, title: p.title, points: p.points, visible: p.visible, input: { driver: "lookahead", exportName: "nesterovStep", data: d as unknown as PlainValue } };
});

export const NESTEROV_EXERCISE = defineExercise({
  name: "nesterov",
  file: "03-nesterov.ts",
  title: "Nesterov accelerated gradient",
  exports: ["nesterovStep"],
  cases: nesterovCases(PLANS),
  expected: (input) => quadraticRun(nag(input), input, thetaFromLookahead),
  describe: (input) => {
    const d = data(input);
    return `J(x) = sum(a x^2 / 2 - b x) with a = ${formatValue(d.a)}, b = ${formatValue(d.b)}; params0 = ${formatValue(d.params0)}, hyper = ${formatValue(d.hyper)}, ${d.steps} step(s)`;
  },
  mistakes: [
    outputMistake(
      "lookahead-missing",
      "gradient taken at theta, not at the look-ahead point",
      "That is plain momentum: NAG evaluates the gradient at theta - gamma * v (the point momentum is about to carry you to).",
      (input) => quadraticRun(momentum({ lr: data(input).hyper.lr, momentum: data(input).hyper.gamma }), input, asIs),
    ),
    outputMistake(
      "lookahead-sign",
      "look-ahead in the wrong direction",
      "You took the gradient at theta + gamma * v; the look-ahead point is theta - gamma * v.",
      (input) => lookaheadWrongSign(data(input)),
    ),
    outputMistake(
      "returns-lookahead",
      "params left at the look-ahead point",
      "params must hold theta_t = theta_{t-1} - v_t; you stored theta - gamma v (the look-ahead point) instead.",
      (input) => quadraticRun(nag(input), input, asIs),
    ),
    outputMistake(
      "state-not-carried",
      "velocity not carried to the next step",
      "Every step behaves like the first (v = 0): write the new velocity into state.v so the next call sees it.",
      (input) => quadraticRun(sgd({ lr: data(input).hyper.lr }), input, asIs),
    ),
  ],
});
