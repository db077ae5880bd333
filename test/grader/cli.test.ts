import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../src/grader/registry";
import { ROOT } from "./helpers";

/** The whole course's points (every exercise, visible and hidden). */
const TOTAL = EXERCISES.reduce((t, e) => t + e.cases.reduce((p, c) => p + c.points, 0), 0);

/** `descent grade` run as the real command, in a child process. */

const BIN = join(ROOT, "bin", "descent.mjs");
const work = mkdtempSync(join(tmpdir(), "descent-grade-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function descent(args: string[], options: { cwd?: string; killAfter?: (out: string) => boolean } = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

function classFolder(name: string, students: Record<string, "solution" | "stub" | "loop">): string {
  const dir = join(work, name);
  for (const [student, kind] of Object.entries(students)) {
    const d = join(dir, student);
    mkdirSync(d, { recursive: true });
    cpSync(join(ROOT, kind === "stub" ? "exercises" : "solutions"), d, { recursive: true, filter: (f) => !f.endsWith(".md") });
    if (kind === "loop") writeFileSync(join(d, "01-sgd.ts"), "export function sgdStep(): void { for (;;) {} }\n");
  }
  return dir;
}

describe("descent grade", () => {
  it("grades the solutions folder: full marks, a table in text", async () => {
    const r = await descent(["grade", "solutions"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^total\\s+${TOTAL}/${TOTAL}$`, "m"));
    expect(r.out).toContain("Every test passes.");
  }, 60_000);

  it("grades the stubs (the default folder, exercises/) to zero, json format", async () => {
    const r = await descent(["grade", "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { score: number; maxScore: number; exercises: { cases: { message: string }[] }[] };
    expect(report.score).toBe(0);
    expect(report.maxScore).toBe(TOTAL);
    expect(report.exercises.flatMap((e) => e.cases).every((c) => c.message.includes("TODO"))).toBe(true);
  }, 60_000);

  it("writes Gradescope's results.json with --out", async () => {
    const out = join(work, "results.json");
    const r = await descent(["grade", "solutions/07-adam.ts", "exercises/01-sgd.ts", "--format", "gradescope", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const res = JSON.parse(readFileSync(out, "utf8")) as { score: number; execution_time: number; tests: { name: string; score: number; max_score: number; status: string; visibility: string; output: string }[] };
    expect(res.score).toBe(8);
    expect(res.execution_time).toBeGreaterThan(0);
    expect(res.tests).toHaveLength(10);
    const hidden = res.tests.filter((t) => t.visibility === "after_published");
    expect(hidden).toHaveLength(6);
    expect(res.tests.filter((t) => t.status === "failed").every((t) => t.score === 0 && t.output.includes("TODO"))).toBe(true);
    expect(res.tests.find((t) => t.name.startsWith("07-adam.ts"))?.status).toBe("passed");
  }, 60_000);

  it("refuses a bad command line with one line and exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["grade", "--format", "xml"], /--format must be text, json or gradescope, got "xml"/],
      [["grade", "README.md"], /README\.md is not an exercise file or a folder/],
      [["grade", "--class", join(work, "nowhere")], /--class expects a folder of submissions/],
      [["grade", "--colour"], /does not take --colour/],
      [["grade", "--time-limit", "0"], /--time-limit must be a number of seconds from 0.1 to 600, got "0"/],
    ];
    cases.push([["grade"], /there is no exercises\/ folder in .*; run this in the course folder/]);
    for (const [args, pattern] of cases) {
      const r = await descent(args, args.length === 1 ? { cwd: work } : {});
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  }, 60_000);
});

describe("descent grade --class", () => {
  it("grades a class into a gradebook and reports; a broken student changes no one else; a re-run resumes", async () => {
    const dir = classFolder("class-a", { alice: "solution", bob: "stub", carol: "loop" });
    const r = await descent(["grade", "--class", dir, "--time-limit", "2"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/graded 3 of 3 students/);
    const csv = readFileSync(join(dir, "gradebook.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toMatch(/^student,total,max,sgd,momentum/);
    expect(csv[1]).toMatch(new RegExp(`^alice,${TOTAL},${TOTAL},8,8,`));
    expect(csv[2]).toMatch(new RegExp(`^bob,0,${TOTAL},0,`));
    expect(csv[3]).toMatch(new RegExp(`^carol,${TOTAL - 8},${TOTAL},0,8,`));
    expect(readFileSync(join(dir, ".grades", "carol.txt"), "utf8")).toMatch(/01-sgd\.ts.*0\/8[\s\S]*did not finish in time/);
    const before = statSync(join(dir, ".grades", "alice.json")).mtimeMs;
    const again = await descent(["grade", "--class", dir, "--time-limit", "2"]);
    expect(again.out).toMatch(/graded 0 of 3 students .*3 unchanged since the last run, kept/);
    expect(statSync(join(dir, ".grades", "alice.json")).mtimeMs).toBe(before);
    // a changed submission is graded again, alone
    cpSync(join(ROOT, "solutions", "01-sgd.ts"), join(dir, "carol", "01-sgd.ts"));
    const third = await descent(["grade", "--class", dir, "--time-limit", "2"]);
    expect(third.out).toMatch(/graded 1 of 3 students .*2 unchanged/);
    expect(readFileSync(join(dir, "gradebook.csv"), "utf8")).toMatch(new RegExp(`^carol,${TOTAL},${TOTAL},`, "m"));
  }, 120_000);

  it("loses no finished grade when interrupted, and the re-run finishes the rest", async () => {
    const students: Record<string, "solution"> = {};
    for (let i = 0; i < 8; i++) students[`s${i}`] = "solution";
    const dir = classFolder("class-b", students);
    const child = spawn(process.execPath, [BIN, "grade", "--class", dir], { cwd: ROOT, stdio: "ignore", detached: true });
    // Interrupt as soon as two results exist (kill the whole process group: workers and sandboxes too).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const done = Object.keys(students).filter((s) => existsSync(join(dir, ".grades", `${s}.json`))).length;
        if (done >= 2) {
          clearInterval(poll);
          process.kill(-child.pid!, "SIGKILL");
          resolve();
        }
      }, 20);
    });
    const finished = Object.keys(students).filter((s) => existsSync(join(dir, ".grades", `${s}.json`)));
    expect(finished.length).toBeGreaterThanOrEqual(2);
    for (const s of finished) expect(JSON.parse(readFileSync(join(dir, ".grades", `${s}.json`), "utf8")).report.score).toBe(TOTAL);
    const r = await descent(["grade", "--class", dir]);
    expect(r.out).toMatch(new RegExp(`graded ${8 - finished.length} of 8 students .*${finished.length} unchanged`));
    const rows = readFileSync(join(dir, "gradebook.csv"), "utf8").trim().split("\n").slice(1);
    expect(rows).toHaveLength(8);
    expect(rows.every((row) => new RegExp(`^s\\d,${TOTAL},${TOTAL},`).test(row))).toBe(true);
  }, 120_000);
});
