import { formatValue } from "./compare";
import { oneLineText, quoteStudent } from "./quote";
import { DriverError, runDriver } from "./drivers";
import type { CaseOutcome, CaseResult, ExerciseResult, ExerciseSpec, FailureKind, GradeReport, Mistake, TestCase, Verdict } from "./types";

/**
 * The checker: runs every case of an exercise through a `CaseRunner` (in-process for notebooks
 * and the site, a sandboxed process for `descent grade`), judges each output against `src/`,
 * and names the catalogued mistake a failing output matches. Browser-safe.
 */

/** Produces the student's output for one case (never throws: failures are outcomes). */
export type CaseRunner = (spec: ExerciseSpec, testCase: TestCase) => Promise<CaseOutcome>;

/** One sentence per failure kind, the start of the message a student reads. */
export const FAILURE_TEXT: Readonly<Record<FailureKind, string>> = {
  "missing-file": "the exercise file is missing",
  "bad-file": "the exercise file is not a regular file, or cannot be read",
  "compile-error": "the file does not compile",
  "missing-export": "a required export is missing",
  threw: "your code threw an error",
  timeout: "your code did not finish in time (an infinite loop, or a promise that never settles?)",
  memory: "your code ran out of memory",
  exited: "your code ended the process",
  crashed: "the process running your code crashed",
  forbidden: "your code used something submissions may not use",
  "bad-output": "your code returned something that is not a value",
  todo: "not done yet: the stub still throws TODO",
};

/** The first catalogued mistake `got` matches on this case (mutants that throw are skipped). */
export function diagnose(spec: ExerciseSpec, testCase: TestCase, got: unknown): Mistake | undefined {
  return candidates(spec, testCase, got)[0];
}

/** Every catalogued mistake `got` matches on this case, in catalogue order. */
function candidates(spec: ExerciseSpec, testCase: TestCase, got: unknown): Mistake[] {
  const out: Mistake[] = [];
  for (const m of spec.mistakes) {
    try {
      if (m.matches(testCase.input, got)) out.push(m);
    } catch {
      // a mutant that cannot run on this input simply does not match
    }
  }
  return out;
}

/**
 * One name per mistake across an exercise: on some inputs two mistakes give the same output
 * (at step 1 Nadam's uncorrected gradient term equals no look-ahead), so each failing case is
 * named by the matching mistake that matches the MOST failing cases of the exercise (ties: the
 * catalogue's order). A student's file is then named as the mistake that explains it all.
 */
function chooseMistakes(matches: readonly Mistake[][]): (Mistake | undefined)[] {
  const count = new Map<string, number>();
  for (const list of matches) for (const m of list) count.set(m.id, (count.get(m.id) ?? 0) + 1);
  return matches.map((list) => {
    let best: Mistake | undefined;
    for (const m of list) if (best === undefined || count.get(m.id)! > count.get(best.id)!) best = m;
    return best;
  });
}

function caseResult(spec: ExerciseSpec, testCase: TestCase, outcome: CaseOutcome, pick: (matches: Mistake[]) => Mistake | undefined = (l) => l[0]): CaseResult {
  const base = {
    id: testCase.id,
    title: testCase.title,
    visible: testCase.visible,
    points: testCase.points,
    ...(testCase.visible ? { input: spec.describe(testCase.input) } : {}),
    ...(outcome.logs ? { logs: outcome.logs } : {}),
  };
  if (outcome.ok === false) {
    // A thrown message is the student's text: quoted. Other messages are the grader's, but may
    // embed names the student chose: kept on one line.
    const detail = !outcome.message ? "" : outcome.kind === "threw" ? `: ${quoteStudent(outcome.message)}` : `: ${oneLineText(outcome.message)}`;
    return { ...base, score: 0, status: "failed", message: `${FAILURE_TEXT[outcome.kind]}${detail}` };
  }
  let verdict: Verdict;
  try {
    verdict = spec.judge(testCase, outcome.value);
  } catch (error) {
    // A judge must never crash on odd output; if it does, the case fails and says why.
    verdict = { pass: false, fraction: 0, message: `could not judge the output (${error instanceof Error ? error.message : String(error)}): got ${formatValue(outcome.value)}` };
  }
  if (verdict.pass) return { ...base, score: testCase.points, status: "passed", message: "" };
  const mistake = pick(candidates(spec, testCase, outcome.value));
  return {
    ...base,
    score: Math.round(testCase.points * Math.max(0, Math.min(1, verdict.fraction)) * 1000) / 1000,
    status: "failed",
    message: verdict.message,
    ...(testCase.visible && verdict.expected !== undefined ? { expected: verdict.expected } : {}),
    ...(verdict.got !== undefined ? { got: verdict.got } : {}),
    ...(mistake ? { diagnosis: { id: mistake.id, title: mistake.title, hint: mistake.hint } } : {}),
  };
}

/** Which cases to run: all, or only the visible ones (notebooks, the site, the handout). */
export type CaseSelection = "all" | "visible";

export async function gradeExercise(spec: ExerciseSpec, run: CaseRunner, selection: CaseSelection = "all"): Promise<ExerciseResult> {
  const cases = spec.cases.filter((c) => selection === "all" || c.visible);
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) outcomes.push(await run(spec, c));
  // First the matches of every case, then one consistent name per mistake (chooseMistakes).
  const matches = cases.map((c, i) => {
    const o = outcomes[i];
    if (o.ok === false) return [];
    try {
      if (spec.judge(c, o.value).pass) return [];
    } catch {
      // judged (and explained) in caseResult
    }
    return candidates(spec, c, o.value);
  });
  const chosen = chooseMistakes(matches);
  const results: CaseResult[] = cases.map((c, i) => caseResult(spec, c, outcomes[i], () => chosen[i]));
  return {
    name: spec.name,
    file: spec.file,
    title: spec.title,
    score: results.reduce((s, r) => s + r.score, 0),
    maxScore: cases.reduce((s, c) => s + c.points, 0),
    cases: results,
  };
}

/** The mistake named most often among an exercise's failing cases (the exercise's diagnosis). */
export function mainDiagnosis(result: ExerciseResult): string | undefined {
  const counts = new Map<string, number>();
  for (const c of result.cases) if (c.diagnosis) counts.set(c.diagnosis.id, (counts.get(c.diagnosis.id) ?? 0) + 1);
  let best: string | undefined;
  let most = 0;
  for (const [id, n] of counts) {
    if (n > most) {
      best = id;
      most = n;
    }
  }
  return best;
}

export function totalReport(exercises: readonly ExerciseResult[], seconds: number): GradeReport {
  return {
    score: exercises.reduce((s, e) => s + e.score, 0),
    maxScore: exercises.reduce((s, e) => s + e.maxScore, 0),
    exercises,
    seconds,
  };
}

/** Classifies what student code threw (a TODO stub, a driver complaint, anything else). */
export function thrownOutcome(error: unknown): CaseOutcome {
  if (error instanceof DriverError) return { ok: false, kind: "missing-export", message: error.message };
  const message = describeThrown(error);
  if (/^TODO\b/.test(message.replace(/^Error: /, ""))) return { ok: false, kind: "todo", message: "" };
  return { ok: false, kind: "threw", message };
}

/** A thrown value in one line, whatever it is (Error, string, object, undefined...). */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}`;
    if (error !== null && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
      return `${(error as { message: string }).message} (thrown value is not an Error)`;
    }
    return `${formatValue(error)} (thrown value is not an Error)`;
  } catch {
    return "(an unprintable value was thrown)";
  }
}

/**
 * Runs cases in this process on exports the caller already has (a notebook cell's function, a
 * module loaded in a Web Worker). A promise that does not settle within `timeoutMs` fails the
 * case; a synchronous infinite loop cannot be stopped here (the site runs this in a worker it
 * terminates, the CLI in a process it kills).
 */
export function inProcessRunner(exports: Record<string, unknown>, timeoutMs = 2000): CaseRunner {
  return async (_spec, testCase) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CaseOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, kind: "timeout", message: `no result after ${timeoutMs} ms` }), timeoutMs);
    });
    try {
      const work = runDriver(exports, testCase.input).then(
        (value): CaseOutcome => ({ ok: true, value }),
        (error: unknown): CaseOutcome => thrownOutcome(error),
      );
      return await Promise.race([work, timeout]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };
}
