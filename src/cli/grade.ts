import { existsSync } from "node:fs";
import { DescentInputError, show } from "../core/errors";
import { gradeClass } from "../grader/class-node";
import { gradescopeResults, textReport } from "../grader/feedback";
import { outputTarget, writeAtomic } from "../grader/files-node";
import { gradeSubmission, resolveTargets } from "../grader/grade-node";
import type { SandboxOptions } from "../grader/sandbox-node";
import { parseNumber, stringFlag, type ParsedArgs } from "./args";
import { assignmentFromFlags, runAssignmentCommand } from "./grade-assignment";
import type { CliIo } from "./output";

const FORMATS = ["text", "json", "gradescope"] as const;
type Format = (typeof FORMATS)[number];

const KNOWN = new Set(["format", "out", "class", "jobs", "time-limit", "help", "assignment", "config", "course-gradebook"]);

/** `descent grade` (started by grade-help.ts): checks the command line, grades, prints. */
export async function runGradeCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  for (const name of args.flags.keys()) {
    if (!KNOWN.has(name)) throw new DescentInputError(`descent grade does not take --${name}; it takes --format, --out, --class, --jobs, --time-limit, --assignment, --config and --course-gradebook`);
  }
  const format = (stringFlag(args.flags, "format") ?? "text") as Format;
  if (!FORMATS.includes(format)) throw new DescentInputError(`--format must be text, json or gradescope, got ${show(format)}`);
  const out = stringFlag(args.flags, "out");
  const classDir = stringFlag(args.flags, "class");
  const jobsText = stringFlag(args.flags, "jobs");
  // Decimal digits only: Number() would also take "0x10", "1e1" and " 2".
  const jobs = jobsText === undefined ? 2 : /^[0-9]{1,3}$/.test(jobsText) ? Number(jobsText) : NaN;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new DescentInputError(`--jobs must be an integer from 1 to 64, got ${show(jobsText)}`);
  const limitText = stringFlag(args.flags, "time-limit");
  const seconds = limitText === undefined ? 3 : parseNumber("time-limit", limitText);
  if (!(seconds >= 0.1 && seconds <= 600)) throw new DescentInputError(`--time-limit must be a number of seconds from 0.1 to 600, got ${show(limitText)}`);
  const sandbox: SandboxOptions = { timeMs: Math.round(seconds * 1000), promiseMs: Math.min(1000, Math.round(seconds * 500)) };

  if (classDir !== undefined && args.positionals.length > 0) {
    throw new DescentInputError(`--class takes a folder of student folders; do not also give PATHs (got ${show(args.positionals[0])})`);
  }
  // Assignments (issue 16): --assignment ID (or assignments.json's default) grades that assignment only.
  const choice = assignmentFromFlags(args);
  if (choice) return runAssignmentCommand(choice, args, format, sandbox, jobs, io);

  if (classDir !== undefined) return runClass(classDir, out, jobs, sandbox, io);
  if (args.positionals.length === 0 && !existsSync("exercises")) {
    throw new DescentInputError(`there is no exercises/ folder in ${process.cwd()}; run this in the course folder, or give the files or folders to grade`);
  }
  const targets = resolveTargets(args.positionals.length > 0 ? args.positionals : ["exercises"]);
  return runOne(targets, format, out, sandbox, io);
}

async function runOne(targets: ReturnType<typeof resolveTargets>, format: Format, out: string | undefined, sandbox: SandboxOptions, io: CliIo): Promise<number> {
  if (out !== undefined) outputTarget(out); // refused now (a folder, a missing parent), before grading
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
  io.out(summary.sandbox);
  for (const s of summary.failed) io.err(`descent: could not grade ${s} (see the gradebook's note)`);
  return 0;
}
