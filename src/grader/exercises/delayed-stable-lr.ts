import { runDelayedSgd } from "../../parallel/delay-tolerant";
import type { SparseDataset } from "../../data/dataset";
import { formatNumber, formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { defineExercise } from "../exercise";
import type { DriverInput, Mistake, PlainValue, TestCase, Verdict } from "../types";

/**
 * Exercise 22 (derive and predict): how staleness shrinks the stable learning rate. Delayed SGD
 * (notebook 13's `runDelayedSgd`) on J(w) = w^2 / 2 applies at step t the gradient read tau steps
 * earlier: w_{t+1} = w_t - eta w_{t-tau}. Its characteristic polynomial z^{tau+1} - z^tau + eta has a
 * root on the unit circle first at eta = 2 sin(pi / (2 (2 tau + 1))). Graded by running the
 * library's delayed SGD just below and just above the student's value for each tau.
 */

const STEPS = 20000;
/** One example, one feature of value 1, target 0: the loss is w^2 / 2 and every gradient is exact. */
const ONE: SparseDataset = { name: "w^2/2", n: 1, d: 1, indptr: Int32Array.from([0, 1]), indices: Int32Array.from([0]), values: Float64Array.from([1]), y: Float64Array.from([0]), wTrue: Float64Array.from([0]) };

/**
 * True when the library's delayed SGD at lr with delay tau (from w_0 = 1) is still shrinking at the
 * end: the loss after STEPS steps is below the loss halfway (near the edge the slowest root decides
 * both, and a run just past the edge grows too slowly to beat its start within a budget).
 */
export function delayedConverges(lr: number, tau: number): boolean {
  const r = runDelayedSgd({ problem: ONE, method: "sgd", lr, steps: STEPS, delay: tau, theta0: [1], evalEvery: STEPS / 2 });
  // a loss that has underflowed to 0 has converged too
  return r.stopped === null && r.loss.length === 3 && (r.loss[2] < r.loss[1] || r.loss[2] === 0);
}

type Args = [number];
const taus = (input: DriverInput): number[] => ((input.data as unknown as CallsCaseData).calls as Args[]).map((a) => a[0]);

export function delayedCase(id: string, title: string, points: number, visible: boolean, ts: number[], below: number, above: number): TestCase {
  const data = { calls: ts.map((t) => [t]), below, above };
  return { id, title, points, visible, input: { driver: "calls", exportName: "delayedStableLr", data: data as unknown as PlainValue } };
}

function judge(testCase: TestCase, got: unknown): Verdict {
  const ts = taus(testCase.input);
  const { below, above } = testCase.input.data as unknown as { below: number; above: number };
  if (!Array.isArray(got) || got.length !== ts.length) return { pass: false, fraction: 0, message: `expected one number per call, got ${formatValue(got)}` };
  let passed = 0;
  let first = "";
  ts.forEach((tau, k) => {
    const v = got[k];
    let problem = "";
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) problem = `delayedStableLr(${tau}) must be a positive number, got ${String(v)}`;
    else if (!delayedConverges(v * below, tau)) problem = `tau = ${tau}: delayed SGD at ${formatNumber(v * below)} (${below} x your value) does not converge: too large`;
    else if (delayedConverges(v * above, tau)) problem = `tau = ${tau}: delayed SGD at ${formatNumber(v * above)} (${above} x your value) still converges: too small`;
    if (problem === "") passed++;
    else if (first === "") first = problem;
  });
  return passed === ts.length ? { pass: true, fraction: 1, message: "" } : { pass: false, fraction: passed / ts.length, message: first };
}

const formulaMistake = (id: string, title: string, hint: string, f: (tau: number) => number): Mistake => ({
  id,
  title,
  hint,
  matches: (input, got) => Array.isArray(got) && taus(input).every((tau, k) => typeof got[k] === "number" && Math.abs((got[k] as number) - f(tau)) <= 0.02 * f(tau)),
});

export const DELAYED_STABLE_LR_EXERCISE = defineExercise({
  name: "delayed-stable-lr",
  file: "22-delayed-stable-lr.ts",
  title: "Derive: the largest stable learning rate with stale gradients",
  exports: ["delayedStableLr"],
  cases: [delayedCase("small-delays", "tau = 1 and 4: converges at 0.95x your value, not at 1.05x", 1, true, [1, 4], 0.95, 1.05)],
  expected: () => null,
  judge,
  describe: (input) => `delayed SGD on w^2/2 from w = 1 with delay tau = ${taus(input).join(", ")}, ${STEPS} steps`,
  mistakes: [
    formulaMistake("no-delay", "the delay ignored", "2 is the edge without delay; a stale gradient keeps pushing after the sign has changed. Write the recursion w_{t+1} = w_t - eta w_{t-tau} and look for a root of modulus 1.", () => 2),
    formulaMistake(
      "averaged-delay",
      "2/(tau + 1)",
      "Right for tau = 1 only. At the edge a root z = e^{i omega} of z^{tau+1} - z^tau + eta = 0 has |z - 1| = eta; the angle condition gives omega = pi/(2 tau + 1).",
      (tau) => 2 / (tau + 1),
    ),
  ],
});
