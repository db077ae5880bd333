import { gradeExercise, inProcessRunner } from "./checker";
import { findIn, VISIBLE_EXERCISES } from "./catalogue";
import type { ExerciseResult } from "./types";

/**
 * Runs the VISIBLE tests of one exercise on functions the caller already holds (browser-safe:
 * the site's worker and the notebooks' `check` call this). `exports` maps export names to the
 * student's functions or values, e.g. `{ adamStep }`. A single function may be passed for an
 * exercise with one export.
 */
export async function checkExports(name: string, exports: Record<string, unknown> | ((...args: never[]) => unknown)): Promise<ExerciseResult> {
  const spec = findIn(VISIBLE_EXERCISES, name);
  const table: Record<string, unknown> = typeof exports === "function" ? { [spec.exports[0]]: exports } : exports;
  if (typeof exports === "function" && spec.exports.length > 1) {
    throw new RangeError(`exercise "${name}" has ${spec.exports.length} exports (${spec.exports.join(", ")}): pass an object { ${spec.exports.join(", ")} }`);
  }
  return gradeExercise(spec, inProcessRunner(table), "visible");
}
