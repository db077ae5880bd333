import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCourse, resolveAssignment } from "../../src/grader/assignments";
import { EXERCISES } from "../../src/grader/registry";
// @ts-expect-error: a JavaScript module of the site (no declarations); it runs under Vite and tsx alike
import { assignmentGroups, exerciseEntries } from "../../site/exercises.mjs";
import { ROOT } from "./helpers";

/** What the site's exercise index and pages are built from: the groups by assignment and each exercise's assignment. */

interface Entry {
  name: string;
  id: string;
  assignments: { id: string; title: string }[];
}
interface Group {
  id: string;
  title: string;
  points: number | undefined;
  exercises: Entry[];
}

describe("the site's exercises by assignment", () => {
  const course = parseCourse(readFileSync(join(ROOT, "assignments.json"), "utf8"), "assignments.json", EXERCISES);

  it("groups the index by the course's assignments, in order, with their points", async () => {
    const groups = (await assignmentGroups()) as Group[];
    // then "Other exercises" (id "") only when some exercise is in no assignment
    const unassigned = EXERCISES.filter((e) => !course.assignments.some((a) => a.exercises.some((x) => x.name === e.name)));
    expect(groups.map((g) => g.id)).toEqual([...course.assignments.map((a) => a.id), ...(unassigned.length > 0 ? [""] : [])]);
    if (unassigned.length > 0) expect(groups.at(-1)!.exercises.map((e) => e.name)).toEqual(unassigned.map((e) => e.name));
    for (const [k, a] of course.assignments.entries()) {
      expect(groups[k].title).toBe(a.title);
      expect(groups[k].points).toBe(resolveAssignment(a, EXERCISES).points);
      expect(groups[k].exercises.map((e) => e.name)).toEqual(a.exercises.map((x) => x.name));
    }
  });

  it("names each exercise's assignment (every exercise page's header line)", async () => {
    const entries = (await exerciseEntries()) as Entry[];
    expect(entries).toHaveLength(EXERCISES.length);
    for (const e of entries) {
      const owners = course.assignments.filter((a) => a.exercises.some((x) => x.name === e.name));
      expect(e.assignments, e.name).toEqual(owners.map((a) => ({ id: a.id, title: a.title })));
    }
  });
});
