import { sgdr } from "../../schedules/sgdr";
import { stepDecay } from "../../schedules/step";
import { formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { defineExercise, outputMistake } from "../exercise";
import { sgdrNoRestart, stepDecayEarly, stepDecayNoFloor } from "../mistakes/schedules";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 11: learning-rate schedules, step decay and SGDR (cosine annealing with warm
 * restarts). Reference: src stepDecay and sgdr, evaluated at the same t.
 */

type Args = number[];
const calls = (input: DriverInput): Args[] => (input.data as unknown as CallsCaseData).calls as Args[];

export function stepCase(id: string, title: string, points: number, visible: boolean, lr: number, gamma: number, s: number, ts: number[]): TestCase {
  const data: CallsCaseData = { calls: ts.map((t) => [t, lr, gamma, s]) };
  return { id, title, points, visible, input: { driver: "calls", exportName: "stepDecay", data: data as unknown as PlainValue } };
}

export function sgdrCase(id: string, title: string, points: number, visible: boolean, lr: number, t0: number, tMult: number, lrMin: number, ts: number[]): TestCase {
  const data: CallsCaseData = { calls: ts.map((t) => [t, lr, t0, tMult, lrMin]) };
  return { id, title, points, visible, input: { driver: "calls", exportName: "sgdrRate", data: data as unknown as PlainValue } };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

const CASES: TestCase[] = [
  stepCase("step-plateaus", "step decay: the first plateaus", 1, true, 0.1, 0.5, 3, range(8)),
  sgdrCase("sgdr-first-cycle", "SGDR: one cycle and the first restart", 1, true, 0.1, 4, 1, 0, range(9)),
  sgdrCase("sgdr-growing", "SGDR: cycles that double", 1, true, 0.1, 2, 2, 0.01, range(15)),
];

function expected(input: DriverInput): PlainValue {
  if (input.exportName === "stepDecay") {
    return calls(input).map(([t, lr, gamma, stepSize]) => stepDecay({ lr, gamma, stepSize }).at(t));
  }
  return calls(input).map(([t, lr, t0, tMult, lrMin]) => sgdr({ lr, t0, tMult, lrMin }).at(t));
}

/** The same calls through another function (a mutant or src with altered options). */
function via(exportName: string, f: (...args: number[]) => number): (input: DriverInput) => PlainValue {
  return (input) => (input.exportName === exportName ? calls(input).map((a) => f(...a)) : "(not this export)");
}

export const SCHEDULES_EXERCISE = defineExercise({
  name: "schedules",
  file: "11-schedules.ts",
  title: "Learning-rate schedules: step decay and SGDR",
  exports: ["stepDecay", "sgdrRate"],
  cases: CASES,
  expected,
  describe: (input) => {
    const args = calls(input);
    const names = input.exportName === "stepDecay" ? "(t, lr, gamma, stepSize)" : "(t, lr, t0, tMult, lrMin)";
    return `${input.exportName}${names} for t = ${formatValue(args.map((a) => a[0]), 20)} with ${formatValue(args[0].slice(1))}`;
  },
  mistakes: [
    outputMistake("step-no-floor", "step decay without the floor", "eta_t = eta * gamma^floor(t / s): the rate stays constant on each plateau of s updates.", via("stepDecay", stepDecayNoFloor)),
    outputMistake("step-early", "step decay one update early", "The first plateau is t = 0 .. s - 1: use Math.floor(t / stepSize), with t counted from 0.", via("stepDecay", stepDecayEarly)),
    outputMistake(
      "sgdr-no-restart",
      "no warm restart",
      "At the end of a cycle (T_cur = T_i) SGDR jumps back to the full rate: T_cur restarts from 0.",
      via("sgdrRate", sgdrNoRestart),
    ),
    outputMistake(
      "sgdr-no-growth",
      "cycles do not grow",
      "After each restart the cycle length is multiplied by tMult: T_i = t0 * tMult^i.",
      via("sgdrRate", (t, lr, t0, _tMult, lrMin) => sgdr({ lr, t0, tMult: 1, lrMin }).at(t)),
    ),
    outputMistake(
      "sgdr-lrmin-ignored",
      "lrMin ignored",
      "The cosine anneals from lr down to lrMin: eta_t = lrMin + (lr - lrMin) (1 + cos(pi T_cur / T_i)) / 2.",
      via("sgdrRate", (t, lr, t0, tMult) => sgdr({ lr, t0, tMult, lrMin: 0 }).at(t)),
    ),
  ],
});
