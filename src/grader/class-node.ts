import { fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DescentInputError } from "../core/errors";
import type { ResolvedAssignment } from "./assignments";
import { assignmentFingerprint, writeAssignmentGradebook } from "./assignments-gradebook-node";
import { points } from "./feedback";
import { graderFingerprint, outputTarget, submissionFingerprint } from "./files-node";
import { writeGradebook } from "./gradebook-node";
import { studentFolders } from "./students-node";
import { sandboxLayers } from "./sandbox-node";
import { EXERCISES } from "./registry";
import type { StoredResult, WorkerJob } from "./class-worker-node";
import type { SandboxOptions } from "./sandbox-node";

/**
 * `descent grade --class DIR`: one subfolder per student. Grades on `jobs` worker processes
 * (default 2, the course machine's cores), each grading one submission at a time in its own
 * sandbox; one broken submission only fails its own tests. Results:
 * - DIR/.grades/<student>.json and .txt, written atomically as each student finishes;
 * - the CSV gradebook (default DIR/gradebook.csv), rewritten atomically after every student.
 * A re-run skips students whose stored result has the same fingerprint (their files and the
 * grader unchanged): it resumes an interrupted run and re-grades only what changed.
 */

export interface ClassOptions {
  readonly jobs?: number;
  /** Limits for each submission's sandbox. */
  readonly sandbox?: SandboxOptions;
  /** Gradebook path (default DIR/gradebook.csv). */
  readonly csv?: string;
  /** Called after each student (progress display). */
  readonly onProgress?: (done: number, total: number, student: string, line: string) => void;
  /** Grade this assignment only (assignments-node.ts): results in .grades/<id>/, gradebook DIR/gradebook-<id>.csv. */
  readonly assignment?: ResolvedAssignment;
}

export interface ClassSummary {
  readonly students: number;
  readonly graded: number;
  readonly reused: number;
  readonly failed: readonly string[];
  readonly csv: string;
  readonly seconds: number;
  /** Which sandbox walls were up (one line, says WEAKER plainly when they are). */
  readonly sandbox: string;
}

const RESULTS = ".grades";

function readStored(path: string): StoredResult | undefined {
  try {
    const r = JSON.parse(readFileSync(path, "utf8")) as StoredResult;
    return r && typeof r.fingerprint === "string" && r.report ? r : undefined;
  } catch {
    return undefined; // missing, or cut short by a crash: grade again
  }
}

/** tsx's loader (resolved from here; under tsx's own API the path carries a query: dropped). */
function tsxLoader(): string {
  const path = require.resolve("tsx").replace(/[?#].*$/, "");
  return pathToFileURL(path).href;
}

function startWorker(): ChildProcess {
  const loader = tsxLoader();
  return fork(join(__dirname, "class-worker-node.ts"), [], {
    execArgv: ["--import", loader],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
}

export async function gradeClass(dir: string, options: ClassOptions = {}): Promise<ClassSummary> {
  const started = Date.now();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DescentInputError(`--class expects a folder of submissions (one subfolder per student), got ${dir}`);
  const root = resolve(dir);
  const { students, refused } = studentFolders(root);
  if (students.length === 0) throw new DescentInputError(`--class ${dir} holds no student folders (expected one subfolder per student)`);
  const jobs = Math.max(1, Math.min(options.jobs ?? 2, students.length));
  // Assignments (issue 16): one assignment's exercises, its own results folder, gradebook and fingerprint.
  const assignment = options.assignment;
  const csv = options.csv ?? join(root, assignment ? `gradebook-${assignment.id}.csv` : "gradebook.csv");
  outputTarget(csv); // a folder or a missing parent is refused now, not after the class is graded
  const resultsDir = assignment ? join(root, RESULTS, assignment.id) : join(root, RESULTS);
  mkdirSync(resultsDir, { recursive: true });
  const writeBook: typeof writeGradebook = assignment
    ? (file, students, results, errors) => writeAssignmentGradebook(file, assignment, students, results, errors)
    : writeGradebook;

  // Options that change a grade (the time limit...) are part of what the grader is, and so is the assignment.
  const grader = graderFingerprint(options.sandbox ?? {}) + (assignment ? `:${assignmentFingerprint(assignment)}` : "");
  const results = new Map<string, StoredResult>();
  const errors = new Map<string, string>(refused);
  const queue: WorkerJob[] = [];
  for (const s of students) {
    if (refused.has(s)) continue;
    const fingerprint = submissionFingerprint(join(root, s), grader);
    const jsonPath = join(resultsDir, `${s}.json`);
    const stored = readStored(jsonPath);
    if (stored && stored.fingerprint === fingerprint) results.set(s, stored);
    else queue.push({ student: s, dir: join(root, s), jsonPath, textPath: join(resultsDir, `${s}.txt`), fingerprint, sandbox: options.sandbox ?? {}, ...(assignment ? { assignment } : {}) });
  }
  const reused = results.size;
  let done = reused;
  writeBook(csv, students, results, errors);

  await new Promise<void>((finish) => {
    let active = 0;
    const next = (worker: ChildProcess): void => {
      const job = queue.shift();
      if (!job) {
        worker.disconnect();
        return;
      }
      current.set(worker, job);
      worker.send(job);
    };
    const current = new Map<ChildProcess, WorkerJob>();
    let startFailures = 0;
    const launch = (): void => {
      if (queue.length === 0) {
        if (active === 0) finish();
        return;
      }
      active++;
      const worker = startWorker();
      let stderr = "";
      worker.stderr?.on("data", (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      let ready = false;
      worker.on("message", (raw: unknown) => {
        const msg = raw as { ready?: boolean; student?: string; ok?: boolean; score?: number; maxScore?: number; message?: string };
        if (msg.ready) {
          ready = true;
          startFailures = 0;
          return next(worker);
        }
        const job = current.get(worker);
        if (!job || msg.student !== job.student) return;
        current.delete(worker);
        done++;
        if (msg.ok) {
          const stored = readStored(job.jsonPath);
          if (stored) results.set(job.student, stored);
          errors.delete(job.student);
        } else {
          errors.set(job.student, `grading failed: ${msg.message ?? "unknown error"}`);
        }
        writeBook(csv, students, results, errors);
        const line = msg.ok ? `${points(msg.score ?? 0)}/${points(msg.maxScore ?? 0)}` : `error: ${msg.message}`;
        options.onProgress?.(done, students.length, job.student, line);
        next(worker);
      });
      worker.on("exit", () => {
        active--;
        const job = current.get(worker);
        if (job) {
          // The worker died mid-submission (it should not: student code runs in the sandbox).
          current.delete(worker);
          done++;
          errors.set(job.student, `grading failed: the grading process stopped (${stderr.trim().split("\n").pop() ?? ""})`);
          writeBook(csv, students, results, errors);
          options.onProgress?.(done, students.length, job.student, "error");
        }
        if (!ready && ++startFailures >= 3) {
          // Workers cannot start at all (a broken installation): stop rather than loop.
          const why = stderr.trim().split("\n").pop() ?? "unknown reason";
          for (const j of queue.splice(0)) errors.set(j.student, `grading failed: the grading process could not start (${why})`);
          writeBook(csv, students, results, errors);
        }
        if (queue.length > 0) launch();
        else if (active === 0) finish();
      });
    };
    for (let i = 0; i < jobs; i++) launch();
  });

  return {
    students: students.length,
    graded: students.length - reused - errors.size,
    reused,
    failed: [...errors.keys()],
    csv,
    sandbox: sandboxLayers().summary,
    seconds: (Date.now() - started) / 1000,
  };
}
