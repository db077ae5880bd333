import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileStudentFile } from "../../src/grader/compile-node";
import type { MutantFile } from "./mutants";

export const ROOT = join(__dirname, "..", "..");

export function solutionSource(file: string): string {
  return readFileSync(join(ROOT, "solutions", file), "utf8");
}

/** The solution with a mutant's edits applied; throws when an edit's text is not found. */
export function mutantSource(m: MutantFile): string {
  let s = solutionSource(m.file);
  for (const [from, to] of m.edits) {
    if (!s.includes(from)) throw new Error(`mutant ${m.exercise}/${m.mistake}: text not found in solutions/${m.file}: ${from}`);
    s = s.replace(from, to);
  }
  return s;
}

/** Compiles a student source and evaluates it in this process (for fast in-process checks). */
export function loadSource(source: string, file: string): Record<string, unknown> {
  const c = compileStudentFile(source, file);
  if (!c.ok) throw new Error(c.message);
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line no-new-func
  new Function("exports", "require", "module", c.code)(module.exports, () => {
    throw new Error("no imports");
  }, module);
  return module.exports;
}
