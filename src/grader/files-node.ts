import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXERCISES } from "./registry";

/** File helpers for grading: atomic writes and fingerprints that decide whether a grade is current. */

/** Writes `text` to `path` atomically: a temporary file in the same folder, then rename. */
export function writeAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** What the grader is: every exercise's cases and points. A change re-grades everything. */
export function graderFingerprint(): string {
  const h = createHash("sha256");
  for (const e of EXERCISES) {
    h.update(`${e.name}:${e.file}\n`);
    for (const c of e.cases) h.update(`${c.id}:${c.points}:${JSON.stringify(c.input)}\n`);
  }
  return h.digest("hex").slice(0, 16);
}

/** A submission's fingerprint: the grader's and the contents of its exercise files. */
export function submissionFingerprint(dir: string, grader: string): string {
  const h = createHash("sha256").update(grader);
  for (const e of EXERCISES) {
    const p = join(dir, e.file);
    h.update(`\n${e.file}\n`);
    try {
      if (existsSync(p)) h.update(readFileSync(p));
      else h.update("(missing)");
    } catch {
      h.update("(unreadable)");
    }
  }
  return h.digest("hex").slice(0, 24);
}
