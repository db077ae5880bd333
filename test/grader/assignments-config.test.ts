import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { defaultCourse, findAssignment, parseCourse, resolveAssignment } from "../../src/grader/assignments";
import { parseLocated } from "../../src/grader/assignments-json";
import { scaleResult } from "../../src/grader/assignments-node";
import { VISIBLE_EXERCISES } from "../../src/grader/catalogue";
import { linkedLessons } from "../../src/grader/lesson-links";
import { EXERCISES } from "../../src/grader/registry";
import { ROOT } from "./helpers";

/** The course configuration: reading, validating (one line naming file, line and field), resolving points. */

const FIXTURE = join(ROOT, "test", "fixtures", "assignments", "two-assignments.json");
const rawPoints = (name: string): number => EXERCISES.find((e) => e.name === name)!.cases.reduce((s, c) => s + c.points, 0);

function errorOf(text: string): string {
  try {
    parseCourse(text, "course.json", EXERCISES);
  } catch (error) {
    expect(error).toBeInstanceOf(DescentInputError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${text}`);
}

describe("the course configuration", () => {
  it("reads the sample: ids, exercises by name or file, points and weights scale the tests' points", () => {
    const course = parseCourse(readFileSync(FIXTURE, "utf8"), "two-assignments.json", EXERCISES);
    expect(course.title).toBe("A sample course for the tests");
    expect(course.assignments.map((a) => a.id)).toEqual(["week1", "week2"]);
    const week1 = resolveAssignment(findAssignment(course, "week1"), EXERCISES);
    expect(week1.exercises.map((e) => [e.name, e.points])).toEqual([["sgd", rawPoints("sgd")], ["adam", 12]]);
    expect(week1.points).toBe(rawPoints("sgd") + 12);
    expect(week1.exercises[1].factor).toBeCloseTo(12 / rawPoints("adam"), 12);
    const week2 = resolveAssignment(findAssignment(course, "week2"), EXERCISES);
    expect(week2.exercises.map((e) => e.name)).toEqual(["momentum", "stable-lr"]); // "02-momentum.ts" names momentum
    expect(week2.points).toBe(2 * rawPoints("momentum") + rawPoints("stable-lr"));
  });

  it("without a file: one assignment per exercise of the registry, plus all", () => {
    const course = defaultCourse(EXERCISES);
    expect(course.assignments).toHaveLength(EXERCISES.length + 1);
    expect(course.assignments.slice(0, -1).map((a) => a.id)).toEqual(EXERCISES.map((e) => e.name));
    const all = resolveAssignment(findAssignment(course, "all"), EXERCISES);
    expect(all.points).toBe(EXERCISES.reduce((s, e) => s + rawPoints(e.name), 0));
    expect(resolveAssignment(findAssignment(course, "adam"), EXERCISES).points).toBe(rawPoints("adam"));
  });

  it("ships a course of weekly homeworks in lesson order that covers every exercise once", () => {
    const course = parseCourse(readFileSync(join(ROOT, "assignments.json"), "utf8"), "assignments.json", EXERCISES);
    const names = course.assignments.flatMap((a) => a.exercises.map((e) => e.name));
    expect(new Set(names).size, "an exercise is in two homeworks").toBe(names.length);
    // A new exercise in the registry must be given a week here (else it is graded only with the whole course).
    const unassigned = EXERCISES.filter((e) => !names.includes(e.name)).map((e) => e.name);
    expect(unassigned, `exercises in no assignment of assignments.json (add each to a week): ${unassigned.join(", ")}`).toEqual([]);
    expect(course.defaultAssignment).toBeUndefined(); // descent grade with no --assignment grades everything
    // in lesson order: the median of the lessons a homework's exercises link never goes back
    const median = (xs: number[]): number => {
      const s = [...xs].sort((a, b) => a - b);
      return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
    };
    const lessons = course.assignments.map((a) =>
      median(a.exercises.flatMap((e) => linkedLessons(readFileSync(join(ROOT, "exercises", EXERCISES.find((x) => x.name === e.name)!.file), "utf8")).map(Number))),
    );
    for (let i = 1; i < lessons.length; i++) expect(lessons[i], `homework ${i + 1} goes back in lesson order: ${lessons.join(", ")}`).toBeGreaterThan(lessons[i - 1]);
    expect(lessons[0]).toBeLessThanOrEqual(2); // week 1 is about the first lessons
  });

  it("the instructors page's example is valid, worth what the page says, and its typo gives the quoted line", () => {
    const page = readFileSync(join(ROOT, "site", "src", "content", "docs", "instructors.md"), "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(page)![1];
    const hw4 = resolveAssignment(findAssignment(parseCourse(example, "assignments.json", EXERCISES), "hw4"), EXERCISES);
    expect(hw4.points).toBe(30);
    expect(page).toContain("8 + 8 + 10 + 4 = 30 points");
    const quoted = /says\s+`(assignments\.json:[^`]*?) \.\.\.`/.exec(page)![1];
    expect(errorOf(example.replace('["adam"', '["adma"')).replace("course.json", "assignments.json")).toContain(quoted);
  });

  it("an unknown assignment id is one line with the likely one", () => {
    const course = parseCourse(readFileSync(FIXTURE, "utf8"), "two-assignments.json", EXERCISES);
    expect(() => findAssignment(course, "wek1")).toThrow(/^unknown assignment "wek1"; did you mean "week1"\? \(the assignments in two-assignments\.json: week1, week2\)$/);
    expect(() => findAssignment(defaultCourse(EXERCISES), "adma")).toThrow(/did you mean "adam"\?/);
  });

  it("a malformed configuration is one line naming the file, the line, the column and the field", () => {
    const cases: [string, RegExp][] = [
      ['{\n  "assignments": [\n    { "id": "a", "exercises": ["sgd"] },\n  ]\n}', /^course\.json:3:40: not valid JSON: a comma before "\]"/],
      ['{ "assignments": [ { "id": "a", "exercises": ["sgd"] } ] ', /^course\.json:1:58: not valid JSON: expected "," or "}" after a value, got the end of the file$/],
      ['{\n  "assignments": [\n    { "id": "a",\n      "exercises": ["sgd", "adma"] }\n  ]\n}', /^course\.json:4:28: assignments\[0\]\.exercises\[1\]: unknown exercise "adma"; did you mean "adam"\?/],
      ['{ "assignments": [ { "id": "a", "exercise": ["sgd"] } ] }', /^course\.json:1:33: assignments\[0\]\.exercise: unknown field "exercise"; did you mean "exercises"\?/],
      ['{ "assignments": [ { "id": "a", "exercises": [] } ] }', /^course\.json:1:46: assignments\[0\]\.exercises: "exercises" must be a non-empty list of exercise names, got an empty list$/],
      ['{ "assignments": [ { "id": "a/b", "exercises": ["sgd"] } ] }', /^course\.json:1:28: assignments\[0\]\.id: an assignment id must be letters, digits/],
      ['{ "assignments": [ { "id": "a", "exercises": ["sgd"] }, { "id": "a", "exercises": ["adam"] } ] }', /^course\.json:1:65: assignments\[1\]\.id: the id "a" is used by an earlier assignment$/],
      ['{ "assignments": [ { "id": "a", "exercises": [{ "exercise": "adam", "points": -5 }] } ] }', /^course\.json:1:79: assignments\[0\]\.exercises\[0\]\.points: "points" must be a positive number, got the number -5$/],
      ['{ "assignments": [ { "id": "a", "exercises": [{ "exercise": "adam", "points": 5, "weight": 2 }] } ] }', /exercises\[0\]\.weight: give "points" \(the exercise's total\) or "weight" \(a multiplier\), not both$/],
      ['{ "assignments": [ { "id": "a", "exercises": ["sgd", "01-sgd.ts"] } ] }', /exercises\[1\]: the exercise "sgd" is listed twice in this assignment$/],
      ['{ "assignments": [ { "id": "a", "exercises": ["sgd"] } ], "default": "b" }', /^course\.json:1:70: default: expected the id of one of the assignments \(a\), got the string "b"/],
      ['{ "asignments": [] }', /^course\.json:1:3: asignments: unknown field "asignments"; did you mean "assignments"\?/],
      ["[1, 2]", /^course\.json:1:1: expected an object with "assignments" \(a list\), got a list$/],
      ["", /^course\.json:1:1: not valid JSON: expected a value/],
    ];
    for (const [text, pattern] of cases) {
      const message = errorOf(text);
      expect(message, text).toMatch(pattern);
      expect(message.split("\n"), text).toHaveLength(1);
    }
  });

  it("the JSON reader agrees with JSON.parse and places values", () => {
    const text = '{\n  "a": [1, -2.5e3, "x\\n\\u00e9"],\n  "b": { "c": null, "d": true }\n}';
    const located = parseLocated(text);
    expect(located.value).toEqual(JSON.parse(text));
    expect(located.where("a[1]")).toBe("2:12");
    expect(located.where("b.d")).toBe("3:26");
    expect(located.where("b.missing")).toBe("3:8"); // the enclosing object
  });

  it("scaling keeps the exercise's total exact and scales each case", () => {
    const result = {
      name: "adam",
      file: "07-adam.ts",
      title: "Adam",
      score: 5,
      maxScore: 8,
      cases: [{ id: "x", title: "x", visible: true, points: 3, score: 3, status: "passed" as const, message: "" }],
    };
    const scaled = scaleResult(result, { points: 10, factor: 10 / 8 });
    expect(scaled.maxScore).toBe(10);
    expect(scaled.score).toBe(6.25);
    expect(scaled.cases[0].points).toBe(3.75);
  });

  it("finds the lessons an exercise links (lesson, lessons ... and, notebook)", () => {
    expect(linkedLessons("/**\n * Exercise 11 (lessons 02 and 15). */")).toEqual(["02", "15"]);
    expect(linkedLessons("/** The basic update (lesson 00). */")).toEqual(["00"]);
    expect(linkedLessons("/**\n * or measure it with a sweep in\n * notebook 02. */")).toEqual(["02"]);
    expect(VISIBLE_EXERCISES.every((e) => linkedLessons(readFileSync(join(ROOT, "exercises", e.file), "utf8")).length > 0)).toBe(true);
  });
});
