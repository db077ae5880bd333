import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DescentInputError, show } from "../core/errors";
import type { Course, ResolvedAssignment } from "../grader/assignments";
import { checkCourseGradebook, mergeCourseGradebook } from "../grader/assignments-gradebook-node";
import { assignmentGradescope, assignmentText, chooseAssignment, gradeAssignment, loadCourse, percent, type AssignmentReport } from "../grader/assignments-node";
import { gradeClass } from "../grader/class-node";
import { points } from "../grader/feedback";
import { writeAtomic } from "../grader/files-node";
import type { SandboxOptions } from "../grader/sandbox-node";
import { stringFlag, type ParsedArgs } from "./args";
import type { CliIo } from "./output";

/**
 * `descent grade --assignment ID` (and the course's default assignment): grade.ts hands over here
 * when an assignment is chosen. PATHs or --class DIR as without an assignment, but only the
 * assignment's exercises count, totals are against its points, and --class writes the
 * assignment's gradebook and merges its column into the course gradebook.
 */

export interface AssignmentChoice {
  readonly course: Course;
  readonly assignment: ResolvedAssignment;
}

/** The assignment the command line asks for (--assignment, or the configuration's default), if any. */
export function assignmentFromFlags(args: ParsedArgs): AssignmentChoice | undefined {
  const id = stringFlag(args.flags, "assignment");
  const config = stringFlag(args.flags, "config");
  if (id !== undefined && id.trim() === "") throw new DescentInputError(`--assignment needs an assignment id, got ${show(id)}`);
  const course = loadCourse(config);
  const assignment = chooseAssignment(course, id);
  if (!assignment) {
    if (args.flags.has("course-gradebook")) throw new DescentInputError("--course-gradebook goes with --class DIR --assignment ID");
    return undefined;
  }
  return { course, assignment };
}

export async function runAssignmentCommand(
  choice: AssignmentChoice,
  args: ParsedArgs,
  format: "text" | "json" | "gradescope",
  sandbox: SandboxOptions,
  jobs: number,
  io: CliIo,
): Promise<number> {
  const out = stringFlag(args.flags, "out");
  const classDir = stringFlag(args.flags, "class");
  const courseBook = stringFlag(args.flags, "course-gradebook");
  if (classDir !== undefined) return runAssignmentClass(choice, classDir, out, courseBook, jobs, sandbox, io);
  if (courseBook !== undefined) throw new DescentInputError("--course-gradebook goes with --class DIR --assignment ID");
  if (args.positionals.length === 0 && !existsSync("exercises")) {
    throw new DescentInputError(`there is no exercises/ folder in ${process.cwd()}; run this in the course folder, or give the files or folders to grade`);
  }
  const report = await gradeAssignment(args.positionals.length > 0 ? args.positionals : ["exercises"], choice.assignment, sandbox);
  const text = format === "text" ? assignmentText(report) : JSON.stringify(format === "json" ? report : assignmentGradescope(report), null, 2);
  if (out !== undefined) {
    writeAtomic(out, `${text}\n`);
    io.err(`descent: wrote ${out} (${choice.assignment.id}: ${points(report.score)}/${points(report.maxScore)})`);
  } else {
    for (const line of text.split("\n")) io.out(line);
  }
  return 0;
}

async function runAssignmentClass(
  { course, assignment }: AssignmentChoice,
  dir: string,
  csv: string | undefined,
  courseBook: string | undefined,
  jobs: number,
  sandbox: SandboxOptions,
  io: CliIo,
): Promise<number> {
  const root = resolve(dir);
  const book = courseBook ?? join(root, "course-gradebook.csv");
  checkCourseGradebook(book); // before grading: a wrong file is refused at once
  const tty = process.stderr.isTTY === true;
  const summary = await gradeClass(dir, {
    jobs,
    sandbox,
    assignment,
    ...(csv !== undefined ? { csv } : {}),
    onProgress: (done, total, student, line) => {
      if (tty) process.stderr.write(`\r\x1b[K[${done}/${total}] ${student}: ${line}`);
    },
  });
  if (tty) process.stderr.write("\r\x1b[K");
  // The course gradebook: this assignment's column from every student's stored result.
  const resultsDir = join(root, ".grades", assignment.id);
  const scores = new Map<string, number | undefined>();
  for (const student of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".")).map((d) => d.name)) {
    // a student whose grading failed this time has no score (not an older one)
    scores.set(student, summary.failed.includes(student) ? undefined : storedScore(join(resultsDir, `${student}.json`)));
  }
  mergeCourseGradebook(book, course, assignment, scores);
  const graded = [...scores.values()].filter((v): v is number => v !== undefined);
  const mean = graded.length > 0 ? graded.reduce((s, v) => s + v, 0) / graded.length : 0;
  io.out(
    `${assignment.id} (${assignment.title}, ${points(assignment.points)} points): graded ${summary.graded} of ${summary.students} students in ${summary.seconds.toFixed(1)} s` +
      `${summary.reused ? ` (${summary.reused} unchanged since the last run, kept)` : ""}; mean ${points(Math.round(mean * 100) / 100)} (${percent(mean, assignment.points)}%)`,
  );
  io.out(`gradebook: ${summary.csv}; course gradebook: ${book}`);
  for (const s of summary.failed) io.err(`descent: could not grade ${s} (see the gradebook's note)`);
  return 0;
}

function storedScore(path: string): number | undefined {
  try {
    const stored = JSON.parse(readFileSync(path, "utf8")) as { report?: AssignmentReport };
    return typeof stored.report?.score === "number" ? stored.report.score : undefined;
  } catch {
    return undefined;
  }
}
