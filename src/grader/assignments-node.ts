import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { DescentInputError } from "../core/errors";
import { defaultCourse, findAssignment, parseCourse, resolveAssignment, type Course, type ResolvedAssignment } from "./assignments";
import { gradeExercise, totalReport } from "./checker";
import { gradescopeResults, points, textReport, type GradescopeResults } from "./feedback";
import { exercisePaths } from "./exercise-paths-node";
import { gradeSubmission, type SubmissionTarget } from "./grade-node";
import { EXERCISES, findExercise } from "./registry";
import type { SandboxOptions } from "./sandbox-node";
import type { CaseResult, ExerciseResult, ExerciseSpec, GradeReport } from "./types";

/**
 * Grading one assignment (Node side): loading the course configuration, choosing the
 * submission's files that belong to the assignment, grading them, and scaling the results to
 * the assignment's points. A file for an exercise outside the assignment is not graded (a note
 * says so); an exercise of the assignment without a file scores 0 ("no file for exercise X").
 */

export const COURSE_FILE = "assignments.json";

/** A report for one assignment: the usual report, scaled to its points, plus its name and notes. */
export interface AssignmentReport extends GradeReport {
  readonly assignment: { readonly id: string; readonly title: string; readonly points: number };
  /** Files that were not graded and why (one line each). */
  readonly notes: readonly string[];
}

/**
 * The course: `config` when given (it must exist), else `assignments.json` in `dir` when there is
 * one, else the default (one assignment per exercise of `exercises`, plus "all").
 */
export function loadCourse(config: string | undefined, dir: string = process.cwd(), exercises: readonly ExerciseSpec[] = EXERCISES): Course {
  const path = config ?? join(dir, COURSE_FILE);
  if (!existsSync(path)) {
    if (config !== undefined) throw new DescentInputError(`course configuration not found: ${config}`);
    return defaultCourse(exercises);
  }
  if (statSync(path).isDirectory()) throw new DescentInputError(`${path} is a folder; expected a course configuration file (${COURSE_FILE})`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new DescentInputError(`cannot read the course configuration ${path}: ${(error as Error).message}`);
  }
  return parseCourse(text, config ?? COURSE_FILE, exercises);
}

/** The assignment to grade: `id` when given, else the course's default (undefined: every exercise). */
export function chooseAssignment(course: Course, id: string | undefined, exercises: readonly ExerciseSpec[] = EXERCISES): ResolvedAssignment | undefined {
  const chosen = id ?? course.defaultAssignment;
  return chosen === undefined ? undefined : resolveAssignment(findAssignment(course, chosen), exercises);
}

/** The exercise files under PATHs that exist, by exercise name (see exercise-paths-node.ts). */
function filesFor(paths: readonly string[]): Map<string, { path: string; shown: string }> {
  return new Map(exercisePaths(paths).filter((e) => existsSync(e.path)).map((e) => [e.spec.name, { path: e.path, shown: e.shown }]));
}

/** A case's points and score multiplied by `factor` (6 decimals: no 0.30000000000000004). */
function scaleCase(c: CaseResult, factor: number): CaseResult {
  return { ...c, points: round(c.points * factor), score: round(c.score * factor) };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** An exercise's result scaled to its points in the assignment (its max is exactly those points). */
export function scaleResult(e: ExerciseResult, target: { points: number; factor: number }): ExerciseResult {
  if (target.factor === 1) return e;
  return { ...e, score: round(e.score * target.factor), maxScore: target.points, cases: e.cases.map((c) => scaleCase(c, target.factor)) };
}

/** Grades the assignment's exercises among PATHs (folders or files). Never throws for the submission's contents. */
export async function gradeAssignment(paths: readonly string[], assignment: ResolvedAssignment, sandbox: SandboxOptions = {}): Promise<AssignmentReport> {
  const started = Date.now();
  const files = filesFor(paths);
  const wanted = new Set(assignment.exercises.map((e) => e.name));
  const notes: string[] = [];
  const outside = [...files].filter(([name]) => !wanted.has(name));
  if (outside.length > 3) {
    notes.push(`ignored ${outside.length} files for exercises outside assignment ${assignment.id} (not graded): ${outside.map(([, f]) => basename(f.path)).join(", ")}`);
  } else {
    for (const [name, { shown }] of outside) notes.push(`ignored ${shown}: exercise ${name} is not part of assignment ${assignment.id} (not graded)`);
  }
  const targets: SubmissionTarget[] = assignment.exercises.filter((e) => files.has(e.name)).map((e) => ({ spec: findExercise(e.name), path: files.get(e.name)!.path }));
  const graded = targets.length > 0 ? await gradeSubmission(targets, sandbox) : totalReport([], 0);
  const results: ExerciseResult[] = [];
  for (const e of assignment.exercises) {
    let result = graded.exercises.find((r) => r.name === e.name);
    if (!result) {
      const spec = findExercise(e.name);
      result = await gradeExercise(spec, async () => ({ ok: false, kind: "missing-file", message: `no file for exercise ${e.name} (${e.file})` }));
      notes.push(`no file for exercise ${e.name} (${e.file}): 0/${points(e.points)}`);
    }
    results.push(scaleResult(result, e));
  }
  const total = totalReport(results, (Date.now() - started) / 1000);
  return {
    ...total,
    score: round(total.score),
    maxScore: round(total.maxScore),
    assignment: { id: assignment.id, title: assignment.title, points: assignment.points },
    notes,
  };
}

export function percent(score: number, max: number): string {
  return max > 0 ? ((100 * score) / max).toFixed(1) : "0.0";
}

/** The student's text report for an assignment: its title, the table with a percentage, feedback, notes. */
export function assignmentText(report: AssignmentReport): string {
  const head = `Assignment ${report.assignment.id}: ${report.assignment.title} (${points(report.assignment.points)} points)`;
  const body = textReport(report).replace(/^(total\s+\S+)$/m, `$1  (${percent(report.score, report.maxScore)}%)`);
  const notes = report.notes.length > 0 ? ["", "Notes:", ...report.notes.map((n) => `  - ${n}`)] : [];
  return [head, "", body, ...notes].join("\n");
}

/** Gradescope's results.json for an assignment: its total is the assignment's points. */
export function assignmentGradescope(report: AssignmentReport): GradescopeResults {
  const base = gradescopeResults(report);
  const notes = report.notes.length > 0 ? ` Notes: ${report.notes.join("; ")}.` : "";
  return {
    ...base,
    output: `${report.assignment.title}: total ${points(report.score)}/${points(report.maxScore)} (${percent(report.score, report.maxScore)}%). Visible tests are those in your handout; hidden tests are graded the same way.${notes}`,
  };
}
