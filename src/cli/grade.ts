import { DescentInputError, show } from "../core/errors";
import { gradeClass } from "../grader/class-node";
import { gradescopeResults, textReport } from "../grader/feedback";
import { writeAtomic } from "../grader/files-node";
import { gradeSubmission, resolveTargets } from "../grader/grade-node";
import type { SandboxOptions } from "../grader/sandbox-node";
import { parseNumber, stringFlag, type ParsedArgs } from "./args";
import type { CliIo } from "./output";

export const GRADE_HELP = `descent grade: grade exercises against the library (visible and hidden tests)

Usage:
  descent grade [PATH...] [--format text|json|gradescope] [--out FILE]
  descent grade --class DIR [--out FILE] [--jobs N]

  PATH            exercise files or a folder of them (default: exercises/)
  --format        text (default: a table and feedback), json (the full report), or
                  gradescope (Gradescope's results.json)
  --out FILE      write the report to FILE instead of standard output
  --class DIR     grade every student folder in DIR: a CSV gradebook (DIR/gradebook.csv, or
                  --out FILE) and one report per student in DIR/.grades/; a re-run resumes
  --jobs N        submissions graded at once with --class (default 2)
  --time-limit S  seconds each test may run before it counts as an infinite loop (default 3)

Student code runs in a separate, locked-down Node process with time and memory limits.
Exit code: 0 when grading ran (whatever the score), 2 for a bad command line.`;

const FORMATS = ["text", "json", "gradescope"] as const;
type Format = (typeof FORMATS)[number];

const KNOWN = new Set(["format", "out", "class", "jobs", "time-limit", "help"]);

/**
 * `descent grade`. `main` is synchronous, grading is not: the command line is checked here
 * (errors are thrown to `main`, which prints one line and exits 2), then the grading runs on and
 * sets the process's exit code when it ends. Tests run it as a child process.
 */
export function gradeCommand(args: ParsedArgs, io: CliIo): string[] {
  for (const name of args.flags.keys()) {
    if (!KNOWN.has(name)) throw new DescentInputError(`descent grade does not take --${name}; it takes --format, --out, --class, --jobs and --time-limit`);
  }
  const format = (stringFlag(args.flags, "format") ?? "text") as Format;
  if (!FORMATS.includes(format)) throw new DescentInputError(`--format must be text, json or gradescope, got ${show(format)}`);
  const out = stringFlag(args.flags, "out");
  const classDir = stringFlag(args.flags, "class");
  const jobsText = stringFlag(args.flags, "jobs");
  const jobs = jobsText === undefined ? 2 : Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new DescentInputError(`--jobs must be an integer from 1 to 64, got ${show(jobsText)}`);
  const limitText = stringFlag(args.flags, "time-limit");
  const seconds = limitText === undefined ? 3 : parseNumber("time-limit", limitText);
  if (!(seconds >= 0.1 && seconds <= 600)) throw new DescentInputError(`--time-limit must be a number of seconds from 0.1 to 600, got ${show(limitText)}`);
  const sandbox: SandboxOptions = { timeMs: Math.round(seconds * 1000), promiseMs: Math.min(1000, Math.round(seconds * 500)) };

  if (classDir !== undefined) {
    if (args.positionals.length > 0) throw new DescentInputError(`--class takes a folder of student folders; do not also give PATHs (got ${show(args.positionals[0])})`);
    finish(io, runClass(classDir, out, jobs, sandbox, io));
    return [];
  }
  const targets = resolveTargets(args.positionals.length > 0 ? args.positionals : ["exercises"]);
  finish(io, runOne(targets, format, out, sandbox, io));
  return [];
}

function finish(io: CliIo, work: Promise<number>): void {
  work.then(
    (code) => {
      io.flush?.();
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const user = error instanceof DescentInputError || error instanceof RangeError;
      io.err(user ? `descent: error: ${message}` : `descent: internal error: ${message} (please report it)`);
      process.exitCode = user ? 2 : 1;
    },
  );
}

async function runOne(targets: ReturnType<typeof resolveTargets>, format: Format, out: string | undefined, sandbox: SandboxOptions, io: CliIo): Promise<number> {
  const report = await gradeSubmission(targets, sandbox);
  const text =
    format === "text" ? textReport(report) : JSON.stringify(format === "json" ? report : gradescopeResults(report), null, 2);
  if (out !== undefined) {
    writeAtomic(out, `${text}\n`);
    io.err(`descent: wrote ${out} (${report.score}/${report.maxScore})`);
  } else {
    for (const line of text.split("\n")) io.out(line);
  }
  return 0;
}

async function runClass(dir: string, csv: string | undefined, jobs: number, sandbox: SandboxOptions, io: CliIo): Promise<number> {
  const tty = process.stderr.isTTY === true;
  const summary = await gradeClass(dir, {
    jobs,
    sandbox,
    ...(csv !== undefined ? { csv } : {}),
    onProgress: (done, total, student, line) => {
      if (tty) process.stderr.write(`\r\x1b[K[${done}/${total}] ${student}: ${line}`);
    },
  });
  if (tty) process.stderr.write("\r\x1b[K");
  io.out(
    `graded ${summary.graded} of ${summary.students} students in ${summary.seconds.toFixed(1)} s` +
      `${summary.reused ? ` (${summary.reused} unchanged since the last run, kept)` : ""}; gradebook: ${summary.csv}`,
  );
  for (const s of summary.failed) io.err(`descent: could not grade ${s} (see the gradebook's note)`);
  return 0;
}
