import type { ResolvedAssignment } from "./assignments";
import { assignmentText, gradeAssignment } from "./assignments-node";
import { textReport } from "./feedback";
import { writeAtomic } from "./files-node";
import { gradeSubmission, resolveTargets } from "./grade-node";
import type { SandboxOptions } from "./sandbox-node";
import type { GradeReport } from "./types";

/**
 * One of the class grader's worker processes (class-node.ts starts two). It grades the
 * submissions it is sent, one at a time, each in its own sandbox, and writes each student's
 * result atomically BEFORE reporting it, so an interrupted run keeps every finished grade.
 */

export interface WorkerJob {
  readonly student: string;
  readonly dir: string;
  readonly jsonPath: string;
  readonly textPath: string;
  readonly fingerprint: string;
  readonly sandbox: SandboxOptions;
  /** Grade this assignment's exercises only (assignments-node.ts). */
  readonly assignment?: ResolvedAssignment;
}

export interface StoredResult {
  readonly student: string;
  readonly fingerprint: string;
  readonly report: GradeReport;
}

process.on("message", (raw: unknown) => {
  const job = raw as WorkerJob;
  void (async () => {
    try {
      // Assignments (issue 16): only the assignment's exercises, scaled to its points.
      const graded = job.assignment ? await gradeAssignment([job.dir], job.assignment, job.sandbox) : undefined;
      const report = graded ?? (await gradeSubmission(resolveTargets([job.dir]), job.sandbox));
      writeAtomic(job.textPath, `${graded ? assignmentText(graded) : textReport(report)}\n`);
      const stored: StoredResult = { student: job.student, fingerprint: job.fingerprint, report };
      writeAtomic(job.jsonPath, `${JSON.stringify(stored)}\n`);
      process.send?.({ student: job.student, ok: true, score: report.score, maxScore: report.maxScore });
    } catch (error) {
      process.send?.({ student: job.student, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
