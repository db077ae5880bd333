import { gradeExercise, totalReport } from "./checker";
import { compileStudentFile } from "./compile-node";
import { exercisePaths } from "./exercise-paths-node";
import { MAX_SOURCE_BYTES } from "./files-node";
import { readRegularFile } from "./safe-read-node";
import { Sandbox, sandboxLayers, type SandboxOptions } from "./sandbox-node";
import { typeErrors } from "./typecheck-node";
import type { CaseOutcome, ExerciseResult, ExerciseSpec, GradeReport } from "./types";

/**
 * Grades one submission: finds the exercise files, compiles and type-checks them in this process,
 * runs every case in ONE sandboxed child process (sandbox-node.ts), and judges the outputs here,
 * against `src/`. Never throws for anything in the submission; only a bad PATH given by the user
 * (a file that is not an exercise) is a DescentInputError.
 */

export interface SubmissionTarget {
  readonly spec: ExerciseSpec;
  /** Absolute or relative path to the student's file (it may not exist). */
  readonly path: string;
}

/** Exercise files for PATHs: a folder means every exercise in it; a file means that exercise. */
export function resolveTargets(paths: readonly string[]): SubmissionTarget[] {
  return exercisePaths(paths).map(({ spec, path }) => ({ spec, path }));
}

const STRIKES = 2;

/** Runs every case of every target; the result is complete even when the submission is broken. */
export async function gradeSubmission(targets: readonly SubmissionTarget[], options: SandboxOptions = {}): Promise<GradeReport> {
  const started = Date.now();
  // The child process boots while this process compiles and type-checks (about 100 ms each).
  const sandbox = new Sandbox(options);
  const booting = sandbox.warmUp();
  const sources = new Map<string, string>();
  const problems = new Map<string, CaseOutcome>();
  for (const t of targets) {
    const read = readRegularFile(t.path, MAX_SOURCE_BYTES, t.spec.file);
    if (read.ok) sources.set(t.spec.file, read.data.toString("utf8"));
    else if (read.reason === "missing") problems.set(t.spec.file, { ok: false, kind: "missing-file", message: `${t.spec.file} was not found in the submission` });
    else if (read.reason === "too-large") problems.set(t.spec.file, { ok: false, kind: "compile-error", message: read.message });
    else problems.set(t.spec.file, { ok: false, kind: "bad-file", message: read.message });
  }
  const compiled = new Map<string, string>();
  for (const [file, source] of sources) {
    const c = compileStudentFile(source, file);
    if (c.ok) compiled.set(file, c.code);
    else problems.set(file, { ok: false, kind: "compile-error", message: c.message });
  }
  if (compiled.size > 0) {
    let errors = new Map<string, string[]>();
    try {
      errors = typeErrors(new Map([...compiled.keys()].map((f) => [f, sources.get(f)!])));
    } catch {
      // the type checker itself failed (it should not): grade on behaviour alone
    }
    for (const [file, list] of errors) {
      compiled.delete(file);
      const more = list.length > 3 ? ` (and ${list.length - 3} more)` : "";
      problems.set(file, { ok: false, kind: "compile-error", message: `type error: ${list.slice(0, 3).join("; ")}${more}` });
    }
  }

  const results: ExerciseResult[] = [];
  try {
    await booting;
    for (const t of targets) {
      const file = t.spec.file;
      let problem = problems.get(file);
      if (!problem && compiled.has(file)) {
        const loaded = await sandbox.load(file, compiled.get(file)!);
        if (!loaded.ok) problem = { ...loaded, message: `while loading ${file}: ${loaded.message}` };
      }
      const fixed = problem;
      // Two tests of a file that loop or exhaust memory cost 2 x the limit; the rest of that file
      // would most likely do the same, so they are not run (they score zero and say why).
      let strikes = 0;
      let lastStrike: CaseOutcome | undefined;
      results.push(
        await gradeExercise(t.spec, async (_spec, testCase) => {
          if (fixed) return fixed;
          if (strikes >= STRIKES && lastStrike && lastStrike.ok === false) {
            return { ok: false, kind: lastStrike.kind, message: `not run: ${STRIKES} earlier tests of this file failed the same way (${lastStrike.message})` };
          }
          const outcome = await sandbox.run(file, testCase.input);
          if (outcome.ok === false && (outcome.kind === "timeout" || outcome.kind === "memory" || outcome.kind === "crashed")) {
            strikes++;
            lastStrike = outcome;
          }
          return outcome;
        }),
      );
    }
  } finally {
    sandbox.close();
  }
  const layers = sandboxLayers();
  return { ...totalReport(results, (Date.now() - started) / 1000), sandbox: { summary: layers.summary, weaker: layers.weaker } };
}
