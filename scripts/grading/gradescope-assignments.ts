import { rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DescentInputError } from "../../src/core/errors";
import type { ResolvedAssignment } from "../../src/grader/assignments";
import { chooseAssignment, loadCourse } from "../../src/grader/assignments-node";

/**
 * The per-assignment part of `npm run gradescope` (gradescope-build.ts builds the package once):
 * `--assignment ID` or `--all-assignments` (with `--config FILE` for another course
 * configuration). Each assignment's zip is the same package plus grader/assignment.json, which
 * run_autograder (gradescope-run.ts) reads to grade only that assignment's exercises.
 */

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new DescentInputError(`--${name} needs a value`);
  return value;
}

/** The assignments the command line asks for (none: the whole course in one zip, as before). */
export function assignmentsToBuild(root: string): ResolvedAssignment[] {
  const id = arg("assignment");
  const all = process.argv.includes("--all-assignments");
  const config = arg("config");
  if (id !== undefined && all) throw new DescentInputError("give --assignment ID or --all-assignments, not both");
  if (id === undefined && !all) {
    if (config !== undefined) throw new DescentInputError("--config goes with --assignment ID or --all-assignments");
    return [];
  }
  const course = loadCourse(config, root);
  if (id !== undefined) return [chooseAssignment(course, id)!];
  return course.assignments.map((a) => chooseAssignment(course, a.id)!);
}

/** One zip per assignment in `outDir`: descent-autograder-<id>.zip. */
export function writePerAssignment(
  assignments: readonly ResolvedAssignment[],
  pkg: string,
  outDir: string,
  zipFolder: (folder: string, outFile: string) => number,
  started: number,
): void {
  for (const a of assignments) {
    writeFileSync(join(pkg, "grader", "assignment.json"), `${JSON.stringify(a, null, 2)}\n`);
    writeFileSync(
      join(pkg, "README.txt"),
      `Descent's Gradescope autograder for assignment ${a.id}: ${a.title} (${a.points} points; exercises ${a.exercises.map((e) => e.file).join(", ")}).\n` +
        "Upload this zip as the autograder of that Gradescope assignment (Ubuntu base image). Students submit these exercise files\n" +
        "(or their exercises/ folder). See the Descent README, section Grading.\n",
    );
    const zip = join(outDir, `descent-autograder-${a.id}.zip`);
    process.stderr.write(`zipping ${a.id}...\n`);
    const count = zipFolder(pkg, zip);
    process.stdout.write(`${zip}: ${a.id} (${a.title}), ${a.points} points, ${a.exercises.length} exercise${a.exercises.length === 1 ? "" : "s"}, ${count} files, ${(statSync(zip).size / 1e6).toFixed(1)} MB\n`);
  }
  rmSync(join(pkg, "grader", "assignment.json"), { force: true });
  process.stdout.write(`${assignments.length} autograder${assignments.length === 1 ? "" : "s"} in ${outDir}, built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
