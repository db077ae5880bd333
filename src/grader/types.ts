/**
 * The grader's vocabulary, shared by the CLI, the notebooks (`check`) and the site's Web Worker.
 * Browser-safe: nothing here touches Node.
 *
 * An exercise is a student file (`exercises/07-adam.ts`) exporting functions or constants. Each
 * test case is a plain, structured-clonable INPUT; a DRIVER (drivers.ts) turns it into calls of the
 * student's exports and returns a plain OUTPUT. The driver is the only grader code that runs next
 * to student code (in the sandbox process, the notebook kernel or the browser worker); expected
 * values are computed from `src/` by `reference` in the grader's own process, never sent across.
 */

/** Which generic driver runs a case (see drivers.ts). */
export type DriverName = "optimizer" | "lookahead" | "calls" | "constants";

/** One test: a name, its points, whether students see it, and a seeded input. */
export interface TestCase {
  /** Stable identifier, unique within the exercise (also the Gradescope test name's tail). */
  readonly id: string;
  /** What the test checks, in a few words (shown in reports). */
  readonly title: string;
  readonly points: number;
  /** Visible tests ship with the handout and run in notebooks and on the site; hidden ones never do. */
  readonly visible: boolean;
  /** The driver's input (plain data: numbers, arrays, objects; no functions). */
  readonly input: DriverInput;
}

/** A driver's input: which export(s) to call and the plain data for the calls. */
export interface DriverInput {
  readonly driver: DriverName;
  /** The export called (or, for "constants", read). */
  readonly exportName: string;
  /** Everything else the driver needs, plain data. */
  readonly data: PlainValue;
}

/** Data that crosses a process boundary or a worker message unchanged (structured-clonable). */
export type PlainValue = number | string | boolean | null | undefined | PlainValue[] | { [key: string]: PlainValue };

/** How a case's output is judged. */
export interface Verdict {
  readonly pass: boolean;
  /** Fraction of the case's points earned (1 when pass; a case may grant partial credit). */
  readonly fraction: number;
  /** One line saying what is wrong (empty when pass). Must not reveal expected values of hidden tests. */
  readonly message: string;
  /** Expected and got, shown for visible tests only. */
  readonly expected?: string;
  readonly got?: string;
}

/** A catalogued mistake: recognised by comparing the student's output with a mutant's. */
export interface Mistake {
  readonly id: string;
  /** Short name, e.g. "no bias correction". */
  readonly title: string;
  /** What the student probably wrote and how to fix it (one or two sentences). */
  readonly hint: string;
  /**
   * True when `got` (the student's output on `input`) is what this mistake produces. Usually
   * `sameOutput(mutantOutput(input), got)`; for analysis exercises a predicate on the answer.
   */
  matches(input: DriverInput, got: unknown): boolean;
}

/** An exercise: its file, what it exports, its cases, the reference, and its mistakes. */
export interface ExerciseSpec {
  /** Short name used by `check(name, ...)` and `descent grade`, e.g. "adam". */
  readonly name: string;
  /** File name in exercises/ and solutions/, e.g. "07-adam.ts". */
  readonly file: string;
  readonly title: string;
  /** Exports the student file must provide. */
  readonly exports: readonly string[];
  readonly cases: readonly TestCase[];
  /** The right output of a case, from `src/` (null for exercises judged by a property). Grader side only. */
  reference(input: DriverInput): PlainValue;
  /** Judges the student's output on one case; uses `src/` to know what is right. */
  judge(testCase: TestCase, got: unknown): Verdict;
  /** Ordered: the first mistake that matches a failing case is the diagnosis. */
  readonly mistakes: readonly Mistake[];
  /** A short human description of a case's input (shown for visible tests). */
  describe(input: DriverInput): string;
}

/** What running one case produced on the student's side. */
export type CaseOutcome =
  | { readonly ok: true; readonly value: unknown; readonly logs?: string }
  | { readonly ok: false; readonly kind: FailureKind; readonly message: string; readonly logs?: string };

/** Why a case produced no value. Each has its own clear message in the report. */
export type FailureKind =
  | "missing-file"
  | "bad-file"
  | "compile-error"
  | "missing-export"
  | "threw"
  | "timeout"
  | "memory"
  | "exited"
  | "crashed"
  | "forbidden"
  | "bad-output"
  | "todo";

/** The result of one case, ready for reports. */
export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly visible: boolean;
  readonly points: number;
  readonly score: number;
  readonly status: "passed" | "failed";
  /** One-line reason when failed. */
  readonly message: string;
  /** Small input (visible tests only). */
  readonly input?: string;
  readonly expected?: string;
  readonly got?: string;
  /** The catalogued mistake the output matches, if any. */
  readonly diagnosis?: { readonly id: string; readonly title: string; readonly hint: string };
  /** The student's console output during this case (truncated). */
  readonly logs?: string;
}

export interface ExerciseResult {
  readonly name: string;
  readonly file: string;
  readonly title: string;
  readonly score: number;
  readonly maxScore: number;
  readonly cases: readonly CaseResult[];
}

export interface GradeReport {
  readonly score: number;
  readonly maxScore: number;
  readonly exercises: readonly ExerciseResult[];
  /** Seconds spent grading. */
  readonly seconds: number;
  /** Which sandbox walls were up (CLI grading only; see grader/sandbox/os-layers-node.ts). */
  readonly sandbox?: { readonly summary: string; readonly weaker: boolean };
}
