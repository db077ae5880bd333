// The exercises as the site sees them, from the grader's own definitions (src/grader/catalogue.ts,
// the visible tests only: name, file, title, cases): one page per exercise at /exercises/<file stem>/. Which lessons an
// exercise belongs to is read from its file's doc comment ("(lesson 08)", "(lessons 01 and 14)").
// This module imports TypeScript: it runs inside Astro (Vite) and under tsx.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./course.mjs";

let cache;
let courseCache;

/**
 * The course configuration (assignments.json at the repository's root, validated by the
 * grader's own reader: a malformed file fails the build with its one-line message), or null
 * when there is none (the index then lists the exercises in course order, ungrouped).
 */
async function course() {
  if (courseCache !== undefined) return courseCache;
  const path = join(REPO, "assignments.json");
  if (!existsSync(path)) return (courseCache = null);
  const { parseCourse } = await import("../src/grader/assignments.ts");
  const { VISIBLE_EXERCISES } = await import("../src/grader/catalogue.ts");
  return (courseCache = parseCourse(readFileSync(path, "utf8"), "assignments.json", VISIBLE_EXERCISES));
}

export async function exerciseEntries() {
  if (cache) return cache;
  if (!existsSync(join(REPO, "src", "grader", "catalogue.ts"))) return (cache = []);
  const { VISIBLE_EXERCISES } = await import("../src/grader/catalogue.ts");
  const assignments = (await course())?.assignments ?? [];
  cache = VISIBLE_EXERCISES.map((spec) => {
    const id = spec.file.replace(/\.ts$/, "");
    const path = join(REPO, "exercises", spec.file);
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    const header = (/\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? "").replace(/\n\s*\*/g, " ");
    const lessons = [];
    const m = /lessons? (\d\d(?:(?:,| and|,? or) \d\d)*)/.exec(header);
    if (m) lessons.push(...m[1].match(/\d\d/g));
    // The assignments this exercise is part of (an exercise may be in several, e.g. a review).
    const inAssignments = assignments.filter((a) => a.exercises.some((x) => x.name === spec.name)).map((a) => ({ id: a.id, title: a.title }));
    return { id, name: spec.name, file: spec.file, title: spec.title, lessons, visible: spec.cases.filter((c) => c.visible).length, assignments: inAssignments };
  });
  return cache;
}

/** The exercises of a lesson (NN-topic). */
export async function exercisesForLesson(slug) {
  const nn = slug.slice(0, 2);
  return (await exerciseEntries()).filter((e) => e.lessons.includes(nn));
}

/**
 * The exercise index's groups: one per assignment of assignments.json, in its order, with its
 * points (the grader's, hidden tests included: build time only), then the exercises no
 * assignment lists. Empty when there is no configuration.
 */
export async function assignmentGroups() {
  const config = await course();
  if (!config) return [];
  const { resolveAssignment } = await import("../src/grader/assignments.ts");
  const { EXERCISES } = await import("../src/grader/registry.ts");
  const entries = await exerciseEntries();
  const groups = config.assignments.map((a) => {
    const r = resolveAssignment(a, EXERCISES);
    return { id: a.id, title: a.title, notes: a.notes, points: r.points, exercises: a.exercises.map((x) => entries.find((e) => e.name === x.name)) };
  });
  const rest = entries.filter((e) => e.assignments.length === 0);
  if (rest.length > 0) groups.push({ id: "", title: "Other exercises", notes: undefined, points: undefined, exercises: rest });
  return groups;
}
