import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
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
    const dir = findExerciseFolder(submission);
    const report = await gradeSubmission(resolveTargets([dir]));
    writeAtomic(out, `${JSON.stringify(gradescopeResults(report), null, 2)}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writeAtomic(out, `${JSON.stringify({ score: 0, output: `The autograder could not grade this submission: ${message}. Please tell your instructor.`, tests: [] }, null, 2)}\n`);
  }
}

function findExerciseFolder(dir: string): string {
  const names = new Set(EXERCISES.map((e) => e.file));
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
