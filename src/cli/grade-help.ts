/**
 * `descent grade`'s help and its start. Kept free of the grader's imports so that every other
 * command starts without loading the exercises, esbuild or the sandbox: `grade.ts` is imported
 * only when `descent grade` runs.
 */
import type { ParsedArgs } from "./args";
import type { CliIo } from "./output";
import { reportError } from "./report-error";

export const GRADE_HELP = `descent grade: grade exercises against the library (visible and hidden tests)

Usage:
  descent grade [PATH...] [--format text|json|gradescope] [--out FILE] [--time-limit S]
  descent grade --class DIR [--out FILE] [--jobs N] [--time-limit S]
  descent grade --assignment ID [PATH... | --class DIR [--course-gradebook FILE]] [--config FILE]

  PATH            exercise files or a folder of them (default: exercises/)
  --format        text (default: a table and feedback), json (the full report), or
                  gradescope (Gradescope's results.json)
  --out FILE      write the report to FILE instead of standard output
  --class DIR     grade every student folder in DIR: a CSV gradebook (DIR/gradebook.csv, or
                  --out FILE) and one report per student in DIR/.grades/; a re-run resumes
  --jobs N        submissions graded at once with --class (default 2)
  --time-limit S  seconds each test may run before it counts as an infinite loop (default 3)
  --assignment ID grade that assignment of assignments.json only: totals against its points, a
                  missing file scores 0, files of other exercises are ignored (with a note);
                  with --class: DIR/gradebook-ID.csv, and its column in the course gradebook
  --course-gradebook FILE
                  the course gradebook, one column per assignment (default DIR/course-gradebook.csv)
  --config FILE   the course configuration (default ./assignments.json; without one, each
                  exercise is an assignment named like the exercise, and "all" is every one)

Student code runs in a separate, locked-down Node process with time and memory limits.
Exit code: 0 when grading ran (whatever the score), 2 for a bad command line.`;

/**
 * Starts `descent grade`. \`main\` is synchronous and grading is not: this loads grade.ts, runs
 * the command and sets the process's exit code when it ends, printing a bad command line as one
 * line with exit code 2 like every other command. Tests run it as a child process.
 */
export function startGrade(args: ParsedArgs, io: CliIo): string[] {
  // require, not import(): under tsx's namespaced loader (bin/descent.mjs) a dynamic import of a
  // .ts file is not resolved, while this CommonJS module's require is.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (): typeof import("./grade") => require("./grade") as typeof import("./grade");
  void Promise.resolve()
    .then(() => load().runGradeCommand(args, io))
    .then((code) => {
      io.flush?.(); // may throw (a closed pipe, a full disk): reported below like any error
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.exitCode = reportError(error, io);
    });
  return [];
}
