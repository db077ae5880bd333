import { csvDocument } from "./csv";
import { FAILURE_TEXT } from "./checker";
import { points } from "./feedback";
import { writeAtomic } from "./files-node";
import { EXERCISES } from "./registry";
import type { StoredResult } from "./class-worker-node";

/**
 * The class gradebook (CSV, RFC 4180, formula cells neutralised: csv.ts), from the stored results.
 * Students not graded yet, or not gradable, get an empty row with the reason in the note; a
 * graded student whose files were refused (a link, a FIFO, a device) has that named in the note.
 */
export function writeGradebook(csv: string, students: readonly string[], results: ReadonlyMap<string, StoredResult>, errors: ReadonlyMap<string, string>): void {
  const rows: (string | number)[][] = [["student", "total", "max", ...EXERCISES.map((e) => e.name), "note"]];
  for (const s of students) {
    const r = results.get(s);
    if (!r) {
      rows.push([s, "", "", ...EXERCISES.map(() => ""), errors.get(s) ?? "not graded yet"]);
      continue;
    }
    const byName = new Map(r.report.exercises.map((e) => [e.name, e.score]));
    rows.push([s, Number(points(r.report.score)), Number(points(r.report.maxScore)), ...EXERCISES.map((e) => Number(points(byName.get(e.name) ?? 0))), noteOf(r)]);
  }
  writeAtomic(csv, csvDocument(rows));
}

/** Files the grader refused to read, in one line (empty when none). */
function noteOf(r: StoredResult): string {
  const refused: string[] = [];
  for (const e of r.report.exercises) {
    const c = e.cases.find((x) => x.message.startsWith(FAILURE_TEXT["bad-file"]));
    if (c) refused.push(c.message.slice(FAILURE_TEXT["bad-file"].length).replace(/^: /, ""));
  }
  return refused.length ? `not graded: ${refused.join("; ")}` : "";
}
