import { closest } from "../cli/suggest";
import { DescentInputError, show } from "../core/errors";
import { JsonSyntaxError, parseLocated, type JsonValue, type Located } from "./assignments-json";
import type { ExerciseSpec } from "./types";

/**
 * The course configuration: which exercises make up each assignment ("Homework 2 = Adam and
 * RMSprop, 40 points"). Read from `assignments.json` (see `parseCourse` for the format) and
 * validated here with one line per error that names the file, the line and the field. Without
 * a file, the default course has one assignment per exercise (id = the exercise's name) plus
 * "all". Browser-safe: the site groups its exercise index with it; Node code reads the file
 * (assignments-node.ts).
 *
 *     {
 *       "course": "Optimization for Deep Learning",
 *       "default": "hw2",                        // optional: what `descent grade` grades without --assignment
 *       "assignments": [
 *         { "id": "hw2", "title": "Week 2: Adam and RMSprop",
 *           "exercises": ["adam", { "exercise": "rmsprop", "points": 20 }],   // or "weight": 2.5
 *           "notes": "Due Friday." }
 *       ]
 *     }
 *
 * An exercise's `points` sets its total in this assignment (its tests' points are scaled to add
 * up to it); `weight` multiplies its tests' points; with neither, the tests' own points count.
 */

export interface AssignmentExercise {
  /** The exercise's name in the grader (e.g. "adam"). */
  readonly name: string;
  /** Its total in this assignment, when the configuration sets one. */
  readonly points?: number;
  /** A multiplier of its tests' points, when the configuration sets one. */
  readonly weight?: number;
}

export interface Assignment {
  readonly id: string;
  readonly title: string;
  readonly exercises: readonly AssignmentExercise[];
  readonly notes?: string;
}

export interface Course {
  readonly title?: string;
  readonly assignments: readonly Assignment[];
  /** The assignment graded when none is named (the handout sets it); undefined: every exercise. */
  readonly defaultAssignment?: string;
  /** Where the configuration came from (a path), or undefined for the built-in default. */
  readonly source?: string;
}

/** An assignment bound to the grader's exercises: each with the factor applied to its tests' points. */
export interface ResolvedAssignment {
  readonly id: string;
  readonly title: string;
  readonly notes?: string;
  /** The assignment's total points. */
  readonly points: number;
  readonly exercises: readonly { readonly name: string; readonly file: string; readonly title: string; readonly points: number; readonly factor: number }[];
}

export const ASSIGNMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** One assignment per exercise (its id is the exercise's name) plus "all": the course without a file. */
export function defaultCourse(exercises: readonly ExerciseSpec[]): Course {
  return {
    assignments: [
      ...exercises.map((e) => ({ id: e.name, title: e.title, exercises: [{ name: e.name }] })),
      { id: "all", title: "Every exercise", exercises: exercises.map((e) => ({ name: e.name })) },
    ],
  };
}

/** A likely typo's intended name: the closest by edit distance, or one with the same letters swapped ("adma"). */
function likely(word: string, candidates: readonly string[]): string | undefined {
  const sorted = (w: string): string => [...w.toLowerCase()].sort().join("");
  return closest(word, candidates) ?? candidates.find((c) => c !== word && sorted(c) === sorted(word));
}

const TOP_KEYS = ["course", "default", "assignments"];
const ASSIGNMENT_KEYS = ["id", "title", "exercises", "notes"];
const EXERCISE_KEYS = ["exercise", "points", "weight"];

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kind(v: JsonValue | undefined): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : "a list";
  if (typeof v === "object") return "an object";
  return `${typeof v === "string" ? "the string" : typeof v === "number" ? "the number" : "the value"} ${show(v)}`;
}

/**
 * Parses and validates a course configuration's text. Every problem is a DescentInputError of
 * one line: `FILE:LINE:COLUMN: FIELD: what is wrong` (with a suggestion for a mistyped name).
 */
export function parseCourse(text: string, source: string, exercises: readonly ExerciseSpec[]): Course {
  let located: Located;
  try {
    located = parseLocated(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new DescentInputError(`${source}:${error.line}:${error.column}: not valid JSON: ${error.message}`);
    throw error;
  }
  const fail = (path: string, message: string, at = located.where(path)): never => {
    throw new DescentInputError(`${source}:${at}: ${path === "" ? "" : `${path}: `}${message}`);
  };
  const unknownKeys = (obj: { [key: string]: JsonValue }, path: string, allowed: readonly string[]): void => {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const guess = likely(key, allowed);
      const at = path === "" ? key : `${path}.${key}`;
      fail(at, `unknown field ${show(key)}${guess ? `; did you mean ${show(guess)}?` : ""} (expected ${allowed.join(", ")})`, located.whereKey(at));
    }
  };
  const names = exercises.map((e) => e.name);
  const exerciseName = (value: string, path: string): string => {
    const base = value.replace(/^.*[\\/]/, "");
    const found = exercises.find((e) => e.name === value || e.file === base || e.file.replace(/\.ts$/, "") === base);
    if (found) return found.name;
    const guess = likely(value, names);
    return fail(path, `unknown exercise ${show(value)}${guess ? `; did you mean ${show(guess)}?` : ""} (the exercises: ${names.join(", ")})`);
  };
  const positive = (v: JsonValue | undefined, path: string, what: string): number => {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v) || v > 1e6) return fail(path, `${what} must be a positive number, got ${kind(v)}`);
    return v;
  };

  const top = located.value;
  if (!isObject(top)) return fail("", `expected an object with "assignments" (a list), got ${kind(top)}`);
  unknownKeys(top, "", TOP_KEYS);
  if (top.course !== undefined && typeof top.course !== "string") fail("course", `expected the course's title as a string, got ${kind(top.course)}`);
  const list = top.assignments;
  if (!Array.isArray(list) || list.length === 0) return fail(list === undefined ? "" : "assignments", `"assignments" must be a non-empty list of assignments, got ${kind(list)}`);
  const assignments: Assignment[] = [];
  const ids = new Set<string>();
  list.forEach((raw, a) => {
    const at = `assignments[${a}]`;
    if (!isObject(raw)) return fail(at, `expected an assignment object with id, title and exercises, got ${kind(raw)}`);
    unknownKeys(raw, at, ASSIGNMENT_KEYS);
    const id = raw.id;
    if (typeof id !== "string" || !ASSIGNMENT_ID.test(id)) {
      return fail(`${at}.id`, `an assignment id must be letters, digits, ".", "_" or "-" (up to 64, starting with a letter or digit; it names files), got ${kind(id)}`);
    }
    if (ids.has(id)) fail(`${at}.id`, `the id ${show(id)} is used by an earlier assignment`);
    ids.add(id);
    const title = raw.title ?? id;
    if (typeof title !== "string" || title.trim() === "") return fail(`${at}.title`, `expected a title (a non-empty string), got ${kind(raw.title)}`);
    if (raw.notes !== undefined && typeof raw.notes !== "string") fail(`${at}.notes`, `expected notes as a string, got ${kind(raw.notes)}`);
    const items = raw.exercises;
    if (!Array.isArray(items) || items.length === 0) return fail(items === undefined ? at : `${at}.exercises`, `"exercises" must be a non-empty list of exercise names, got ${kind(items)}`);
    const chosen: AssignmentExercise[] = [];
    items.forEach((item, k) => {
      const ip = `${at}.exercises[${k}]`;
      let entry: AssignmentExercise;
      if (typeof item === "string") entry = { name: exerciseName(item, ip) };
      else if (isObject(item)) {
        unknownKeys(item, ip, EXERCISE_KEYS);
        if (typeof item.exercise !== "string") return fail(item.exercise === undefined ? ip : `${ip}.exercise`, `expected "exercise": the exercise's name, got ${kind(item.exercise)}`);
        const name = exerciseName(item.exercise, `${ip}.exercise`);
        if (item.points !== undefined && item.weight !== undefined) fail(`${ip}.weight`, `give "points" (the exercise's total) or "weight" (a multiplier), not both`);
        entry = {
          name,
          ...(item.points !== undefined ? { points: positive(item.points, `${ip}.points`, '"points"') } : {}),
          ...(item.weight !== undefined ? { weight: positive(item.weight, `${ip}.weight`, '"weight"') } : {}),
        };
      } else return fail(ip, `expected an exercise name or { "exercise": NAME, "points": N }, got ${kind(item)}`);
      if (chosen.some((c) => c.name === entry.name)) fail(ip, `the exercise ${show(entry.name)} is listed twice in this assignment`);
      chosen.push(entry);
    });
    assignments.push({ id, title, exercises: chosen, ...(typeof raw.notes === "string" ? { notes: raw.notes } : {}) });
  });
  let defaultAssignment: string | undefined;
  if (top.default !== undefined) {
    if (typeof top.default !== "string" || !ids.has(top.default)) {
      const guess = typeof top.default === "string" ? likely(top.default, [...ids]) : undefined;
      fail("default", `expected the id of one of the assignments (${[...ids].join(", ")}), got ${kind(top.default)}${guess ? `; did you mean ${show(guess)}?` : ""}`);
    }
    defaultAssignment = top.default as string;
  }
  return {
    assignments,
    source,
    ...(typeof top.course === "string" ? { title: top.course } : {}),
    ...(defaultAssignment !== undefined ? { defaultAssignment } : {}),
  };
}

/** The assignment called `id`, or one clear line naming the known ids (and the likely one). */
export function findAssignment(course: Course, id: string): Assignment {
  const found = course.assignments.find((a) => a.id === id);
  if (found) return found;
  const ids = course.assignments.map((a) => a.id);
  const guess = likely(id, ids);
  const from = course.source ? ` in ${course.source}` : " (no assignments.json: one assignment per exercise, and all)";
  const list = ids.length > 20 ? `${ids.slice(0, 20).join(", ")}, ...` : ids.join(", ");
  throw new DescentInputError(`unknown assignment ${show(id)}${guess ? `; did you mean ${show(guess)}?` : ""} (the assignments${from}: ${list})`);
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Binds an assignment to the exercises as graded here (`exercises`: the registry, with or without hidden tests). */
export function resolveAssignment(assignment: Assignment, exercises: readonly ExerciseSpec[]): ResolvedAssignment {
  const list = assignment.exercises.map((x) => {
    const spec = exercises.find((e) => e.name === x.name);
    if (!spec) throw new DescentInputError(`assignment ${show(assignment.id)} names the exercise ${show(x.name)}, which this grader does not have`);
    const raw = spec.cases.reduce((s, c) => s + c.points, 0);
    const points = round(x.points ?? raw * (x.weight ?? 1));
    return { name: spec.name, file: spec.file, title: spec.title, points, factor: raw > 0 ? points / raw : 0 };
  });
  return {
    id: assignment.id,
    title: assignment.title,
    ...(assignment.notes !== undefined ? { notes: assignment.notes } : {}),
    points: round(list.reduce((s, e) => s + e.points, 0)),
    exercises: list,
  };
}

/** The course's assignments as a short listing (help text, errors). */
export function describeCourse(course: Course, exercises: readonly ExerciseSpec[]): string[] {
  return course.assignments.map((a) => {
    const r = resolveAssignment(a, exercises);
    return `${a.id}: ${a.title} (${r.points} points; ${a.exercises.map((e) => e.name).join(", ")})`;
  });
}
