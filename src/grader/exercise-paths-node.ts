import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { DescentInputError } from "../core/errors";
import { EXERCISES, findExercise } from "./registry";
import type { ExerciseSpec } from "./types";

/**
 * Which exercise each PATH given to `descent grade` names: a folder means every exercise of the
 * course inside it (`<folder>/<spec.file>`, whether or not the file is there: a missing one scores
 * 0 with a note); a file means that one exercise (it must exist and be named like an exercise).
 * The first path naming an exercise wins, except that a file that exists wins over a folder's
 * missing one. One resolver for grading a whole submission and for
 * grading one assignment, so both read the same files.
 */
export interface ExercisePath {
  readonly spec: ExerciseSpec;
  /** Absolute or relative path to the student's file (a folder's file may not exist). */
  readonly path: string;
  /** How reports name the file: a folder's file by its file name, a given file as given. */
  readonly shown: string;
}

export function exercisePaths(paths: readonly string[]): ExercisePath[] {
  const found = new Map<string, ExercisePath>();
  const claim = (entry: ExercisePath): void => {
    const had = found.get(entry.spec.name);
    if (!had || (!existsSync(had.path) && existsSync(entry.path))) found.set(entry.spec.name, entry);
  };
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      for (const spec of EXERCISES) claim({ spec, path: join(p, spec.file), shown: spec.file });
      continue;
    }
    let spec: ExerciseSpec;
    try {
      spec = findExercise(basename(p));
    } catch {
      throw new DescentInputError(`${p} is not an exercise file or a folder (expected a file named like ${EXERCISES[0].file} or a folder holding them)`);
    }
    if (!existsSync(p)) throw new DescentInputError(`file not found: ${p}`);
    claim({ spec, path: p, shown: p });
  }
  return [...found.values()];
}
