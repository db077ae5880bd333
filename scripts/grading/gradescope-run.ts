import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedAssignment } from "../../src/grader/assignments";
import { assignmentGradescope, gradeAssignment } from "../../src/grader/assignments-node";
import { gradescopeResults } from "../../src/grader/feedback";
import { writeAtomic } from "../../src/grader/files-node";
import { gradeSubmission, resolveTargets } from "../../src/grader/grade-node";
import { EXERCISES } from "../../src/grader/registry";

/**
 * Gradescope's run_autograder, bundled into the package by gradescope-build.ts: grades
 * $ROOT/submission into $ROOT/results/results.json, where ROOT is /autograder (or
 * DESCENT_AUTOGRADER_ROOT, so the package can be tested in a temporary folder).
 *
 * Students may upload the exercise files alone or their whole exercises/ folder; the first
 * folder holding an exercise file is graded. Whatever happens, a results.json is written.
 */
async function main(): Promise<void> {
  const root = process.env.DESCENT_AUTOGRADER_ROOT ?? "/autograder";
  const submission = join(root, "submission");
  const results = join(root, "results");
  mkdirSync(results, { recursive: true });
  const out = join(results, "results.json");
  try {
    // An assignment's package (npm run gradescope -- --assignment ID) carries grader/assignment.json.
    const assignmentFile = join(__dirname, "assignment.json");
    const assignment = existsSync(assignmentFile) ? (JSON.parse(readFileSync(assignmentFile, "utf8")) as ResolvedAssignment) : undefined;
    const dir = findExerciseFolder(submission, assignment ? new Set(assignment.exercises.map((e) => e.file)) : undefined);
    const results = assignment ? assignmentGradescope(await gradeAssignment([dir], assignment)) : gradescopeResults(await gradeSubmission(resolveTargets([dir])));
    writeAtomic(out, `${JSON.stringify(results, null, 2)}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writeAtomic(out, `${JSON.stringify({ score: 0, output: `The autograder could not grade this submission: ${message}. Please tell your instructor.`, tests: [] }, null, 2)}\n`);
  }
}

function findExerciseFolder(dir: string, names: ReadonlySet<string> = new Set(EXERCISES.map((e) => e.file))): string {
  const queue = [dir];
  while (queue.length > 0) {
    const d = queue.shift()!;
    if (!existsSync(d)) continue;
    const entries = readdirSync(d, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && names.has(e.name))) return d;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") queue.push(join(d, e.name));
  }
  return dir; // nothing found: every exercise is reported missing
}

void main();
