import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { DescentInputError } from "../core/errors";
import type { Course, ResolvedAssignment } from "./assignments";
import { percent, type AssignmentReport } from "./assignments-node";
import type { StoredResult } from "./class-worker-node";
import { points } from "./feedback";
import { csvDocument, parseCsv } from "./csv";
import { writeAtomic } from "./files-node";

/**
 * Gradebooks for assignments: one CSV per assignment (a row per student, a column per exercise
 * of the assignment), and the course gradebook, which merges assignments graded at different
 * times (a column per assignment: a new grading run of an assignment replaces its column and
 * keeps the others).
 */

/** Undoes csvText's formula prefix. */
function unField(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** What the assignment is, for the stored results' fingerprint: a change of exercises or points re-grades. */
export function assignmentFingerprint(assignment: ResolvedAssignment): string {
  return createHash("sha256").update(JSON.stringify(assignment.exercises)).digest("hex").slice(0, 12);
}

/** The assignment's gradebook: student, total, max, percent, one column per exercise, note. */
export function writeAssignmentGradebook(
  csv: string,
  assignment: ResolvedAssignment,
  students: readonly string[],
  results: ReadonlyMap<string, StoredResult>,
  errors: ReadonlyMap<string, string>,
): void {
  const header = ["student", "total", "max", "percent", ...assignment.exercises.map((e) => e.name), "note"];
  const rows: (string | number)[][] = [header];
  for (const s of students) {
    const r = results.get(s);
    if (!r) {
      rows.push([s, "", Number(points(assignment.points)), "", ...assignment.exercises.map(() => ""), errors.get(s) ?? "not graded yet"]);
      continue;
    }
    const report = r.report as AssignmentReport;
    const byName = new Map(report.exercises.map((e) => [e.name, e.score]));
    const note = (report.notes ?? []).join("; ");
    rows.push([s, Number(points(report.score)), Number(points(report.maxScore)), percent(report.score, report.maxScore), ...assignment.exercises.map((e) => Number(points(byName.get(e.name) ?? 0))), note]);
  }
  writeAtomic(csv, csvDocument(rows));
}

/** Refuses, before any grading, a --course-gradebook FILE that exists and is something else. */
export function checkCourseGradebook(path: string): void {
  if (!existsSync(path)) return;
  const first = parseCsv(readFileSync(path, "utf8"))[0] ?? [];
  if (first[0] !== "student" || !first.includes("total")) {
    throw new DescentInputError(`${path} is not a course gradebook (expected a first line "student,...,total,max,percent"); give another --course-gradebook FILE`);
  }
}

const COLUMN = /^(.*) \(\/([0-9.]+)\)$/;

/**
 * Puts one assignment's totals into the course gradebook at `path` (created when missing):
 * student, one column per assignment ("hw2 (/40)"), total, max, percent. Columns of other
 * assignments are kept as they are; they are ordered as in the course configuration.
 */
export function mergeCourseGradebook(path: string, course: Course, assignment: ResolvedAssignment, scores: ReadonlyMap<string, number | undefined>): void {
  const columns = new Map<string, { max: number; cells: Map<string, string> }>();
  if (existsSync(path)) {
    const rows = parseCsv(readFileSync(path, "utf8")).filter((r) => r.length > 1 || r[0] !== "");
    const header = rows[0] ?? [];
    checkCourseGradebook(path);
    header.slice(1).forEach((h, k) => {
      const m = COLUMN.exec(h);
      if (!m) return; // total, max, percent: recomputed below
      const cells = new Map<string, string>();
      for (const r of rows.slice(1)) cells.set(unField(r[0]), r[k + 1] ?? "");
      columns.set(m[1], { max: Number(m[2]), cells });
    });
  }
  const cells = new Map<string, string>();
  for (const [s, v] of scores) cells.set(s, v === undefined ? "" : points(v));
  columns.set(assignment.id, { max: assignment.points, cells });
  const order = course.assignments.map((a) => a.id);
  const ids = [...columns.keys()].sort((a, b) => (order.indexOf(a) === -1 ? 1e9 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 1e9 : order.indexOf(b)));
  const students = [...new Set([...columns.values()].flatMap((c) => [...c.cells.keys()]))].sort();
  const max = ids.reduce((s, id) => s + columns.get(id)!.max, 0);
  const lines: (string | number)[][] = [["student", ...ids.map((id) => `${id} (/${points(columns.get(id)!.max)})`), "total", "max", "percent"]];
  for (const s of students) {
    const values = ids.map((id) => columns.get(id)!.cells.get(s) ?? "");
    const total = values.reduce((t, v) => t + (v === "" ? 0 : Number(v) || 0), 0);
    lines.push([s, ...values.map((v) => (v === "" ? "" : Number(v))), Number(points(Math.round(total * 1e6) / 1e6)), Number(points(max)), percent(total, max)]);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeAtomic(path, csvDocument(lines));
}
