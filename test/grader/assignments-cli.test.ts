import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../src/grader/registry";
import { ROOT } from "./helpers";

/**
 * `descent grade --assignment` run as the real command, in a child process, with the sample
 * course of test/fixtures/assignments/two-assignments.json:
 *   week1 = sgd (its 8 points) + adam (scaled from 8 to 12): 20 points;
 *   week2 = momentum (weight 2: 16) + stable-lr (3): 19 points.
 */

const BIN = join(ROOT, "bin", "descent.mjs");
const CONFIG = join(ROOT, "test", "fixtures", "assignments", "two-assignments.json");
const work = mkdtempSync(join(tmpdir(), "descent-assignments-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function descent(args: string[], cwd = ROOT): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

interface Report {
  score: number;
  maxScore: number;
  assignment: { id: string; points: number };
  notes: string[];
  exercises: { name: string; score: number; maxScore: number; cases: { points: number; score: number; message: string }[] }[];
}

/** A class folder: each student gets the named solution files (or "stubs": every stub). */
function classFolder(name: string, students: Record<string, readonly string[] | "stubs">): string {
  const dir = join(work, name);
  for (const [student, files] of Object.entries(students)) {
    const d = join(dir, student);
    mkdirSync(d, { recursive: true });
    if (files === "stubs") cpSync(join(ROOT, "exercises"), d, { recursive: true, filter: (f) => !f.endsWith(".md") });
    else for (const f of files) cpSync(join(ROOT, "solutions", f), join(d, f));
  }
  return dir;
}

const ALL = EXERCISES.map((e) => e.file);

describe("descent grade --assignment", () => {
  it("grades only the assignment's exercises, against its points (weights scale the tests' points)", async () => {
    const r = await descent(["grade", "--config", CONFIG, "--assignment", "week1", "solutions", "--format", "json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Report;
    expect(report.assignment).toMatchObject({ id: "week1", points: 20 });
    expect([report.score, report.maxScore]).toEqual([20, 20]);
    expect(report.exercises.map((e) => [e.name, e.score, e.maxScore])).toEqual([["sgd", 8, 8], ["adam", 12, 12]]);
    const adam = report.exercises[1].cases;
    expect(adam.reduce((s, c) => s + c.points, 0)).toBeCloseTo(12, 9);
    // every other solution file in the folder is ignored with one note, not graded, not an error
    expect(report.notes).toEqual([expect.stringMatching(new RegExp(`^ignored ${EXERCISES.length - 2} files for exercises outside assignment week1 \\(not graded\\): 02-momentum\\.ts, `))]);
  }, 60_000);

  it("a missing file scores 0 with 'no file for exercise X'; a file outside the assignment is ignored with a note", async () => {
    const r = await descent(["grade", "--config", CONFIG, "--assignment", "week1", "solutions/07-adam.ts", "solutions/02-momentum.ts"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Assignment week1: Week 1: SGD and Adam \(20 points\)$/m);
    expect(r.out).toMatch(/^01-sgd\.ts\s+0\/8$/m);
    expect(r.out).toMatch(/^07-adam\.ts\s+12\/12$/m);
    expect(r.out).toMatch(/^total\s+12\/20 {2}\(60\.0%\)$/m);
    expect(r.out).toMatch(/the exercise file is missing: no file for exercise sgd \(01-sgd\.ts\)/);
    expect(r.out).toMatch(/- ignored solutions\/02-momentum\.ts: exercise momentum is not part of assignment week1 \(not graded\)/);
    expect(r.out).not.toMatch(/^02-momentum\.ts/m);
  }, 60_000);

  it("writes Gradescope's results.json whose total is the assignment's", async () => {
    const out = join(work, "results.json");
    const r = await descent(["grade", "--config", CONFIG, "--assignment", "week2", "solutions", "--format", "gradescope", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote .*results\.json \(week2: 19\/19\)/);
    const res = JSON.parse(readFileSync(out, "utf8")) as { score: number; output: string; tests: { name: string; max_score: number }[] };
    expect(res.score).toBe(19);
    expect(res.tests.reduce((s, t) => s + t.max_score, 0)).toBeCloseTo(19, 9);
    expect(new Set(res.tests.map((t) => t.name.split(":")[0]))).toEqual(new Set(["02-momentum.ts", "16-stable-lr.ts"]));
    expect(res.output).toMatch(/^Week 2: Momentum and the stable rate: total 19\/19 \(100\.0%\)/);
  }, 60_000);

  it("refuses an unknown assignment, a malformed configuration and a misplaced flag with one line and exit code 2", async () => {
    const bad = join(work, "bad.json");
    writeFileSync(bad, '{\n  "assignments": [\n    { "id": "a", "exercises": ["sgd", "adma"] }\n  ]\n}\n');
    const cases: [string[], RegExp][] = [
      [["grade", "--config", CONFIG, "--assignment", "wek2"], /^descent: error: unknown assignment "wek2"; did you mean "week2"\? \(the assignments in .*two-assignments\.json: week1, week2\)$/],
      [["grade", "--config", bad, "--assignment", "a"], /^descent: error: .*bad\.json:3:39: assignments\[0\]\.exercises\[1\]: unknown exercise "adma"; did you mean "adam"\?/],
      [["grade", "--config", join(work, "none.json"), "--assignment", "a"], /^descent: error: course configuration not found: .*none\.json$/],
      [["grade", "--assignment", "adma", "solutions"], /unknown assignment "adma"; did you mean "adam"\?/],
      [["grade", "--config", CONFIG, "--assignment", "week1", "--course-gradebook", "x.csv", "solutions"], /--course-gradebook goes with --class DIR --assignment ID/],
      [["grade", "--config", CONFIG, "--assignment", "week1", "README.md"], /README\.md is not an exercise file or a folder/],
      [["grade", "--config", CONFIG, "--assignment", "week1", "--class", join(ROOT, "test", "fixtures"), "--course-gradebook", join(ROOT, "README.md")], /README\.md is not a course gradebook/],
    ];
    // the default course (no assignments.json) where the test asks for it: in a folder without one
    const runs = await Promise.all(cases.map(([args]) => descent(args, args.includes("--config") ? ROOT : work)));
    cases.forEach(([args, pattern], k) => {
      const r = runs[k];
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.trim().split(/\r?\n/), args.join(" ")).toHaveLength(1);
      expect(r.err.trim(), args.join(" ")).toMatch(pattern);
    });
  }, 180_000);
});

describe("descent grade --class --assignment", () => {
  it("grades a class per assignment: one gradebook per assignment and a course gradebook with a column per assignment", async () => {
    const course = join(work, "course-gradebook.csv");
    // one folder per assignment, as collected each week; dave joined in week 2
    const week1 = classFolder("week1", { alice: ALL, bob: ["07-adam.ts", "02-momentum.ts"], carol: "stubs" });
    const week2 = classFolder("week2", { alice: ["02-momentum.ts", "16-stable-lr.ts"], bob: ["02-momentum.ts"], carol: "stubs", dave: ["16-stable-lr.ts"] });

    const r1 = await descent(["grade", "--config", CONFIG, "--assignment", "week1", "--class", week1, "--course-gradebook", course]);
    expect(r1.err).toBe("");
    expect(r1.out).toMatch(/^week1 \(Week 1: SGD and Adam, 20 points\): graded 3 of 3 students in [\d.]+ s; mean 10\.67 \(53\.3%\)$/m);
    const book1 = readFileSync(join(week1, "gradebook-week1.csv"), "utf8").trim().split(/\r?\n/);
    expect(book1[0]).toBe("student,total,max,percent,sgd,adam,note");
    expect(book1[1]).toMatch(new RegExp(`^alice,20,20,100\\.0,8,12,"ignored ${EXERCISES.length - 2} files for exercises outside assignment week1`));
    expect(book1[2]).toBe("bob,12,20,60.0,0,12,ignored 02-momentum.ts: exercise momentum is not part of assignment week1 (not graded); no file for exercise sgd (01-sgd.ts): 0/8");
    expect(book1[3]).toMatch(/^carol,0,20,0\.0,0,0,/);
    expect(readFileSync(join(week1, ".grades", "week1", "bob.txt"), "utf8")).toMatch(/total\s+12\/20 {2}\(60\.0%\)/);

    const r2 = await descent(["grade", "--config", CONFIG, "--assignment", "week2", "--class", week2, "--course-gradebook", course]);
    expect(r2.code).toBe(0);
    const book2 = readFileSync(join(week2, "gradebook-week2.csv"), "utf8").trim().split(/\r?\n/);
    expect(book2[0]).toBe("student,total,max,percent,momentum,stable-lr,note");
    expect(book2.slice(1).map((row) => row.split(",").slice(0, 6).join(","))).toEqual([
      "alice,19,19,100.0,16,3",
      "bob,16,19,84.2,16,0",
      "carol,0,19,0.0,0,0",
      "dave,3,19,15.8,0,3",
    ]);

    expect(readFileSync(course, "utf8").trim().split(/\r?\n/)).toEqual([
      "student,week1 (/20),week2 (/19),total,max,percent",
      "alice,20,19,39,39,100.0",
      "bob,12,16,28,39,71.8",
      "carol,0,0,0,39,0.0",
      "dave,,3,3,39,7.7",
    ]);

    // a re-run of week 1 keeps every grade, re-grades nothing, and keeps week 2's column
    const again = await descent(["grade", "--config", CONFIG, "--assignment", "week1", "--class", week1, "--course-gradebook", course]);
    expect(again.out).toMatch(/graded 0 of 3 students .*3 unchanged since the last run, kept/);
    expect(readFileSync(course, "utf8").split(/\r?\n/)[0]).toBe("student,week1 (/20),week2 (/19),total,max,percent");
    expect(readFileSync(course, "utf8")).toMatch(/^bob,12,16,28,39,71\.8\r?$/m);
  }, 180_000);

  it("keeps the whole-course grading and its results apart from an assignment's", async () => {
    const dir = classFolder("both", { alice: ["07-adam.ts"] });
    const a = await descent(["grade", "--config", CONFIG, "--assignment", "week1", "--class", dir]);
    expect(a.code).toBe(0);
    const whole = await descent(["grade", "--class", dir]);
    expect(whole.code).toBe(0);
    expect(readFileSync(join(dir, "gradebook-week1.csv"), "utf8")).toMatch(/^alice,12,20,/m);
    const coursePoints = EXERCISES.reduce((t, e) => t + e.cases.reduce((p, c) => p + c.points, 0), 0); // the whole course
    expect(readFileSync(join(dir, "gradebook.csv"), "utf8")).toMatch(new RegExp(`^alice,8,${coursePoints},`, "m"));
    expect(readFileSync(join(dir, "course-gradebook.csv"), "utf8")).toMatch(/^alice,12,12,20,60\.0\r?$/m);
  }, 120_000);
});
