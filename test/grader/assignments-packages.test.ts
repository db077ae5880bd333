import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../src/grader/registry";
import { ROOT } from "./helpers";

/**
 * What leaves the repository per assignment: one Gradescope zip per assignment (each run with its
 * own run_autograder in a temporary /autograder), and an assignment's handout. The sample course
 * is test/fixtures/assignments/two-assignments.json (week1: sgd + adam = 20 points; week2:
 * momentum x 2 + stable-lr = 19 points).
 */

const CONFIG = join(ROOT, "test", "fixtures", "assignments", "two-assignments.json");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const work = mkdtempSync(join(tmpdir(), "descent-assignment-packages-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WEEKS = {
  week1: { points: 20, files: ["01-sgd.ts", "07-adam.ts"] },
  week2: { points: 19, files: ["02-momentum.ts", "16-stable-lr.ts"] },
} as const;

interface Results {
  score: number;
  output: string;
  tests: { name: string; score: number; max_score: number; status: string }[];
}

/** Gradescope's layout in a temporary root: the zip in source/, run_autograder at the root, the upload in submission/. */
function runAutograder(zip: string, name: string, submission: Record<string, string>): Results {
  const root = join(work, name);
  mkdirSync(join(root, "submission"), { recursive: true });
  const unzip = spawnSync("unzip", ["-q", zip, "-d", join(root, "source")]);
  if (unzip.error) extract(zip, join(root, "source")); // no unzip on this machine: read the zip here
  else expect(unzip.status).toBe(0);
  cpSync(join(root, "source", "run_autograder"), join(root, "run_autograder"));
  for (const [file, source] of Object.entries(submission)) writeFileSync(join(root, "submission", file), source);
  const run = spawnSync(join(root, "run_autograder"), [], { env: { ...process.env, DESCENT_AUTOGRADER_ROOT: root }, encoding: "utf8", timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")) as Results;
}

/** Extracts a zip (deflate or stored entries, no zip64: what gradescope-zip.ts writes) with its Unix modes. */
function extract(zip: string, dest: string): void {
  const buf = readFileSync(zip);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(end + 16);
  for (let n = buf.readUInt16LE(end + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const mode = (buf.readUInt32LE(at + 38) >>> 16) & 0o777;
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    const file = join(dest, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, method === 8 ? inflateRawSync(data) : data, { mode: mode || 0o644 });
    at += 46 + skip;
  }
}

const solution = (file: string): string => readFileSync(join(ROOT, "solutions", file), "utf8");

describe("Gradescope packages per assignment", () => {
  const out = join(work, "zips");
  it("--all-assignments builds one zip per assignment; each grades only its exercises, out of its points", () => {
    const b = spawnSync(TSX, [join(ROOT, "scripts", "grading", "gradescope-build.ts"), "--out", out, "--no-node", "--config", CONFIG, "--all-assignments"], { cwd: ROOT, encoding: "utf8" });
    expect(b.status, b.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".zip")).sort()).toEqual(["descent-autograder-week1.zip", "descent-autograder-week2.zip"]);
    expect(b.stdout).toMatch(/descent-autograder-week1\.zip: week1 \(Week 1: SGD and Adam\), 20 points, 2 exercises/);

    for (const [id, week] of Object.entries(WEEKS)) {
      // a complete submission (plus a file of another assignment, ignored): the assignment's total
      const full = runAutograder(join(out, `descent-autograder-${id}.zip`), `${id}-full`, {
        ...Object.fromEntries(week.files.map((f) => [f, solution(f)])),
        "09-nadam.ts": solution("09-nadam.ts"),
      });
      expect(full.score, `${id}: ${JSON.stringify(full.tests.filter((t) => t.status !== "passed"))}`).toBe(week.points);
      expect(full.tests.reduce((s, t) => s + t.max_score, 0)).toBeCloseTo(week.points, 9);
      expect(new Set(full.tests.map((t) => t.name.split(":")[0]))).toEqual(new Set(week.files));
      expect(full.output).toMatch(new RegExp(`total ${week.points}/${week.points} \\(100\\.0%\\)`));
      expect(full.output).toMatch(/ignored 09-nadam\.ts: exercise nadam is not part of assignment/);
    }

    // week 2 with only momentum, and an infinite loop for it: 0 of 19, each failure saying why
    const partial = runAutograder(join(out, "descent-autograder-week2.zip"), "week2-partial", {
      "02-momentum.ts": "export function momentumStep(): void { while (true) {} }\n",
    });
    expect(partial.score).toBe(0);
    expect(partial.tests.filter((t) => t.name.startsWith("16-stable-lr.ts")).every((t) => /no file for exercise stable-lr/.test(JSON.stringify(t)))).toBe(true);
    expect(partial.tests.filter((t) => t.name.startsWith("02-momentum.ts")).some((t) => /did not finish in time/.test(JSON.stringify(t)))).toBe(true);
    // week 1 with only adam: adam's scaled 12 of 20
    const adamOnly = runAutograder(join(out, "descent-autograder-week1.zip"), "week1-adam", { "07-adam.ts": solution("07-adam.ts") });
    expect(adamOnly.score).toBe(12);
  }, 300_000);

  it("refuses an unknown assignment with one line before building anything", () => {
    const b = spawnSync(TSX, [join(ROOT, "scripts", "grading", "gradescope-build.ts"), "--out", join(work, "none"), "--no-node", "--config", CONFIG, "--assignment", "weel1"], { cwd: ROOT, encoding: "utf8" });
    expect(b.status).toBe(2);
    expect(b.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^gradescope: error: unknown assignment "weel1"; did you mean "week1"\?/)]);
    expect(existsSync(join(work, "none"))).toBe(false);
  });
});

function allFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name), base) : [join(dir, e.name).slice(base.length + 1)]));
}

describe("the handout of one assignment", () => {
  const out = join(work, "handout-week2");
  it("holds only the assignment's stubs, their visible tests and the notebooks they link", () => {
    const r = spawnSync(TSX, [join(ROOT, "scripts", "grading", "handout-build.ts"), "--out", out, "--config", CONFIG, "--assignment", "week2"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(out, "exercises")).sort()).toEqual(["02-momentum.ts", "16-stable-lr.ts", "VISIBLE-TESTS.md"]);
    // momentum's stub says "(lesson 03)", stable-lr's "a sweep in notebook 02"
    expect(readdirSync(join(out, "notebooks")).sort()).toEqual(["02-challenges.ipynb", "03-momentum.ipynb"]);
    const visible = readFileSync(join(out, "exercises", "VISIBLE-TESTS.md"), "utf8");
    expect([...visible.matchAll(/^## (\S+):/gm)].map((m) => m[1])).toEqual(["02-momentum.ts", "16-stable-lr.ts"]);
    for (const e of EXERCISES.filter((x) => !WEEKS.week2.files.includes(x.file as never))) {
      expect(visible.includes(e.file), e.file).toBe(false);
    }
    expect(existsSync(join(out, "solutions"))).toBe(false);
    expect(existsSync(join(out, "test"))).toBe(false);
    // the rest is the library the notebooks and the grader run on, and the handout's own files
    const top = new Set(allFiles(out).map((f) => f.split("/")[0]));
    expect([...top].sort()).toEqual(["README.md", "assignments.json", "bin", "docs", "examples", "exercises", "notebooks", "package-lock.json", "package.json", "scripts", "src", "tsconfig.json"]);
    expect(readFileSync(join(out, "src", "grader", "hidden", "index.ts"), "utf8")).toMatch(/HIDDEN_CASES[^=]*= \{\};/);
    expect(readFileSync(join(out, "README.md"), "utf8")).toMatch(/^# Week 2: Momentum and the stable rate$/m);
  }, 60_000);

  it("grades that assignment by default there (visible tests)", () => {
    symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"));
    cpSync(join(ROOT, "solutions", "02-momentum.ts"), join(out, "exercises", "02-momentum.ts"));
    const r = spawnSync(process.execPath, [join(out, "bin", "descent.mjs"), "grade", "--format", "json"], { cwd: out, encoding: "utf8", timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { score: number; maxScore: number; assignment: { id: string }; exercises: { name: string; cases: { visible: boolean }[] }[] };
    const visiblePoints = (name: string): number => EXERCISES.find((e) => e.name === name)!.cases.filter((c) => c.visible).reduce((s, c) => s + c.points, 0);
    expect(report.assignment.id).toBe("week2");
    expect(report.exercises.map((e) => e.name)).toEqual(["momentum", "stable-lr"]);
    expect(report.maxScore).toBe(visiblePoints("momentum") + visiblePoints("stable-lr")); // no weights in the handout
    expect(report.score).toBe(visiblePoints("momentum"));
    expect(report.exercises.flatMap((e) => e.cases).every((c) => c.visible)).toBe(true);
  }, 120_000);

  it("a malformed course configuration is one line", () => {
    const bad = join(work, "bad.json");
    writeFileSync(bad, '{ "assignments": [ { "id": "w", "title": 3, "exercises": ["sgd"] } ] }');
    const r = spawnSync(TSX, [join(ROOT, "scripts", "grading", "handout-build.ts"), "--out", join(work, "h-bad"), "--config", bad, "--assignment", "w"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^handout: error: .*bad\.json:1:42: assignments\[0\]\.title: expected a title \(a non-empty string\), got the number 3$/)]);
  });
});
