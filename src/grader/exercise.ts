import { createRng, type Rng } from "../core/rng";
import { saltedSeed } from "../data/salt";
import type { Optimizer } from "../optimizers/optimizer";
import { DEFAULT_TOLERANCE, firstDifference, formatValue, sameOutput, type Tolerance } from "./compare";
import type { OptimizerCaseData } from "./drivers";
import type { DriverInput, ExerciseSpec, Mistake, PlainValue, TestCase, Verdict } from "./types";

/**
 * Building blocks for exercise definitions: cases from seeds, a judge that compares with the
 * reference output computed from `src/`, and catalogued mistakes recognised by their output.
 */

export interface ExerciseDef {
  readonly name: string;
  readonly file: string;
  readonly title: string;
  readonly exports: readonly string[];
  readonly cases: readonly TestCase[];
  /** The right output for a case, computed with `src/` (never a second copy of the rule). */
  expected(input: DriverInput): PlainValue;
  readonly tolerance?: Tolerance;
  readonly mistakes: readonly Mistake[];
  describe(input: DriverInput): string;
  /** A judge of its own (property checks, analysis exercises); the default compares with `expected`. */
  judge?(testCase: TestCase, got: unknown): Verdict;
}

/** Turns "trajectory[2][1]" into "after step 3, params[1]" (other paths are kept). */
export function pathInWords(path: string): string {
  const m = /^trajectory\[(\d+)\]\[(\d+)\]$/.exec(path);
  if (m) return `after step ${Number(m[1]) + 1}, params[${m[2]}]`;
  const s = /^second\[(\d+)\]\[(\d+)\]$/.exec(path);
  if (s) return `in the second of two interleaved runs (its own params and state), after step ${Number(s[1]) + 1}, params[${s[2]}] (keep everything in \`state\`, nothing in module variables)`;
  if (path === "gradUnchanged") return "`grad` after your step (do not modify it)";
  const r = /^\[(\d+)\](.*)$/.exec(path);
  if (r) return `call ${Number(r[1]) + 1}${r[2] ? ` ${r[2]}` : ""}`;
  return path || "the result";
}

/** The default judge: the student's output against `expected`, first difference in words. */
export function compareJudge(
  expected: (input: DriverInput) => PlainValue,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): (testCase: TestCase, got: unknown) => Verdict {
  return (testCase, got) => {
    const want = expected(testCase.input);
    const d = firstDifference(want, got, tolerance);
    if (d === null) return { pass: true, fraction: 1, message: "" };
    const where = pathInWords(d.path);
    if (!testCase.visible) return { pass: false, fraction: 0, message: `${where}: ${d.whatHidden}` };
    return {
      pass: false,
      fraction: 0,
      message: `${where}: ${d.what}`,
      expected: formatValue(want),
      got: formatValue(got),
    };
  };
}

export function defineExercise(def: ExerciseDef): ExerciseSpec {
  const ids = new Set<string>();
  for (const c of def.cases) {
    if (ids.has(c.id)) throw new Error(`internal: exercise ${def.name} has two cases named ${c.id}`);
    ids.add(c.id);
  }
  return {
    name: def.name,
    file: def.file,
    title: def.title,
    exports: def.exports,
    cases: def.cases,
    mistakes: def.mistakes,
    describe: def.describe,
    reference: def.expected,
    judge: def.judge ?? compareJudge(def.expected, def.tolerance),
  };
}

/** A mistake recognised when the student's output equals `output(input)` (a mutant's output). */
export function outputMistake(
  id: string,
  title: string,
  hint: string,
  output: (input: DriverInput) => PlainValue,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): Mistake {
  return {
    id,
    title,
    hint,
    matches: (input, got) => sameOutput(output(input), got, tolerance),
  };
}

/** A seeded generator for one case of one exercise (same cases on every run and machine). */
export function caseRng(exercise: string, caseId: string): Rng {
  return createRng(saltedSeed(7, `${exercise}/${caseId}`));
}

/** n numbers uniform in [lo, hi), rounded to 4 decimals so inputs print briefly. */
export function uniformVector(rng: Rng, n: number, lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round((lo + (hi - lo) * rng.uniform()) * 1e4) / 1e4);
  return out;
}

/** A random sign and magnitude per coordinate, never 0 (so g and g^2, g and |g| always differ). */
export function gradientVector(rng: Rng, n: number, scale: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const mag = scale * (0.2 + 1.8 * rng.uniform());
    out.push(Math.round((rng.uniform() < 0.5 ? -mag : mag) * 1e6) / 1e6);
  }
  return out;
}

// ---------------------------------------------------------------- optimizer exercises

export interface OptimizerCasePlan {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly visible: boolean;
  readonly dim: number;
  readonly steps: number;
  /** Gradient scale (the size of typical entries). */
  readonly scale: number;
  readonly hyper: Record<string, number>;
  /** Also run a second, independent state interleaved with the first, and check `grad` is unchanged. */
  readonly interleave?: boolean;
}

/** Optimizer cases: seeded parameters and a sequence of seeded gradients per plan. */
export function optimizerCases(exercise: string, exportName: string, slots: string[], plans: readonly OptimizerCasePlan[]): TestCase[] {
  return plans.map((p) => {
    const rng = caseRng(exercise, p.id);
    const grads: number[][] = [];
    for (let k = 0; k < p.steps; k++) grads.push(gradientVector(rng, p.dim, p.scale));
    const data: OptimizerCaseData = { params0: uniformVector(rng, p.dim, -2, 2), grads, slots, hyper: { ...p.hyper } };
    if (p.interleave) {
      const grads2: number[][] = [];
      for (let k = 0; k < p.steps; k++) grads2.push(gradientVector(rng, p.dim, p.scale));
      data.second = { params0: uniformVector(rng, p.dim, -2, 2), grads: grads2 };
    }
    return {
      id: p.id,
      title: p.title,
      points: p.points,
      visible: p.visible,
      input: { driver: "optimizer", exportName, data: data as unknown as PlainValue },
    };
  });
}

/** The two visible plans of every optimizer exercise (1 point each); hidden plans are in hidden/. */
export function standardPlans(hyper: Record<string, number>): OptimizerCasePlan[] {
  return [
    { id: "one-step", title: "one step from a small start", points: 1, visible: true, dim: 2, steps: 1, scale: 1, hyper },
    { id: "three-steps", title: "three steps: the state carries over", points: 1, visible: true, dim: 2, steps: 3, scale: 1, hyper },
  ];
}

export function optimizerData(input: DriverInput): OptimizerCaseData {
  return input.data as unknown as OptimizerCaseData;
}

/** Runs a `src/` optimizer on a case's gradients and records the parameters after each step. */
export function optimizerTrajectory(
  make: (hyper: Record<string, number>) => Optimizer,
  input: DriverInput,
  options: { freshState?: boolean; negateGrad?: boolean } = {},
): PlainValue {
  const data = optimizerData(input);
  const one = (params0: readonly number[], grads: readonly number[][]): number[][] => {
    const opt = make(data.hyper);
    const params = Float64Array.from(params0);
    let state = opt.init(params);
    const trajectory: number[][] = [];
    for (const g of grads) {
      if (options.freshState) state = opt.init(params);
      const grad = Float64Array.from(g);
      if (options.negateGrad) for (let i = 0; i < grad.length; i++) grad[i] = -grad[i];
      opt.step(params, grad, state);
      trajectory.push(Array.from(params));
    }
    return trajectory;
  };
  return withSecondRun(data, one);
}

/**
 * The output shape of the "optimizer" driver: `{ trajectory }`, or, for an interleaved case,
 * `{ gradUnchanged: true, trajectory, second }` (the reference and every mutant leave grad alone).
 */
export function withSecondRun(data: OptimizerCaseData, one: (params0: readonly number[], grads: readonly number[][]) => number[][]): PlainValue {
  const trajectory = one(data.params0, data.grads);
  if (!data.second) return { trajectory };
  return { gradUnchanged: true, trajectory, second: one(data.second.params0, data.second.grads) };
}

/** Shared text for an optimizer case's input. */
export function describeOptimizerCase(input: DriverInput): string {
  const d = optimizerData(input);
  const grads = d.grads.length <= 3 ? d.grads.map((g) => formatValue(g)).join(", ") : `${d.grads.length} gradients, the first ${formatValue(d.grads[0])}`;
  return `params0 = ${formatValue(d.params0)}, hyper = ${formatValue(d.hyper)}, grads: ${grads}`;
}

/** The "state not carried" mistake, common to every optimizer with state: fresh state each step. */
export function stateNotCarried(make: (hyper: Record<string, number>) => Optimizer): Mistake {
  return outputMistake(
    "state-not-carried",
    "state not carried to the next step",
    "Your first step is right but later ones are not: update the buffers in `state` in place (state.m[i] = ...) instead of local copies, so the next call sees them.",
    (input) => optimizerTrajectory(make, input, { freshState: true }),
  );
}

/** The "wrong sign" mistake: stepping up the gradient (the rule run on -g). */
export function wrongSign(make: (hyper: Record<string, number>) => Optimizer): Mistake {
  return outputMistake(
    "wrong-sign",
    "wrong sign",
    "Your parameters move up the gradient: gradient descent subtracts the step (theta = theta - ...).",
    (input) => optimizerTrajectory(make, input, { negateGrad: true }),
  );
}

/** Cuts an order into batches of `batchSize`; `keepLast` false drops a short final batch. */
export function cut(order: ArrayLike<number>, batchSize: number, keepLast: boolean): number[][] {
  const all = Array.from(order);
  const out: number[][] = [];
  for (let start = 0; start < all.length; start += batchSize) {
    const batch = all.slice(start, start + batchSize);
    if (batch.length < batchSize && !keepLast) break;
    out.push(batch);
  }
  return out;
}
