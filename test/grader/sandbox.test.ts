import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSubmission, resolveTargets } from "../../src/grader/grade-node";
import { childScriptPath } from "../../src/grader/sandbox-node";
import { EXERCISES } from "../../src/grader/registry";
import type { ExerciseResult, GradeReport } from "../../src/grader/types";
import { ROOT, solutionSource } from "./helpers";
import { rmSync } from "node:fs";

/**
 * Hostile student code, graded for real: one submission whose files each do something a
 * sandbox must survive. Each gets a clear message and zero for that exercise; the correct files
 * of the same submission keep full marks; the grader finishes and reports every test.
 */

const HOSTILE: Record<string, string> = {
  // an infinite loop in the step
  "01-sgd.ts": `export function sgdStep(p: Float64Array, g: Float64Array, s: unknown, h: { lr: number }): void { while (true) {} }`,
  // a memory bomb
  "02-momentum.ts": `export function momentumStep(): void { const a: number[][] = []; while (true) a.push(new Array(1e7).fill(1.5)); }`,
  // reading the solutions (and the hidden tests) from disk
  "03-nesterov.ts": `// @ts-nocheck
export function nesterovStep(): void { const fs = process.mainModule.require("fs"); throw new Error("read " + fs.readFileSync("${join(ROOT, "solutions", "03-nesterov.ts")}", "utf8").length); }`,
  // ending the process
  "04-adagrad.ts": `// @ts-nocheck
export function adagradStep(): void { process.exit(0); }`,
  // patching Math at load time (it would make every sqrt 1 for everyone after)
  "05-adadelta.ts": `Math.sqrt = (x: number) => 1;\n${solutionSource("05-adadelta.ts")}`,
  // patching Array.prototype inside the step
  "06-rmsprop.ts": solutionSource("06-rmsprop.ts").replace("const { lr, gamma, eps } = hyper;", "const { lr, gamma, eps } = hyper; (Array.prototype as any).map = () => [];"),
  // throwing a string
  "07-adam.ts": `export function adamStep(): void { throw "oops, a string"; }`,
  // returning NaN in the parameters
  "08-adamax.ts": `export function adamaxStep(p: Float64Array): void { p.fill(NaN); }`,
  // correct
  "09-nadam.ts": solutionSource("09-nadam.ts"),
  // a promise that never settles
  "10-amsgrad.ts": `export async function amsgradStep(): Promise<void> { await new Promise(() => {}); }`,
  // the wrong shape: a string instead of a number
  "11-schedules.ts": `export function stepDecay(): string { return "0.1"; }\nexport function sgdrRate(): number[] { return [1, 2]; }`,
  // a flood of console output, then the right answer
  "12-minibatches.ts": solutionSource("12-minibatches.ts").replace("const order: number[] = [];", "for (let k = 0; k < 100000; k++) console.log('flood', k);\n  const order: number[] = [];"),
  // a syntax error
  "13-early-stopping.ts": `export function earlyStopping(valLosses: number[] { return 1; }`,
  // a type error
  "14-gradient-noise.ts": solutionSource("14-gradient-noise.ts").replace("const sigma = ", "const sigma: string = "),
  // the network
  "15-valley-tuning.ts": `// @ts-nocheck
export async function valleySettings() { await fetch("http://example.com/"); return { lr: 0.06, momentum: 0.5 }; }`,
  // starting a process
  "16-stable-lr.ts": `// @ts-nocheck
export function largestStableLr(): number { const cp = require("child_process"); cp.execSync("id"); return 0.04; }`,
};

let dir: string;
let report: GradeReport;
const byFile = (file: string): ExerciseResult => report.exercises.find((e) => e.file === file)!;
const messages = (file: string): string => byFile(file).cases.map((c) => c.message).join("\n");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "descent-hostile-"));
  mkdirSync(join(dir, "student"));
  for (const [file, source] of Object.entries(HOSTILE)) writeFileSync(join(dir, "student", file), source);
  report = await gradeSubmission(resolveTargets([join(dir, "student")]), { timeMs: 4000, promiseMs: 300 });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the sandbox", () => {
  it("grades every test of the submission and keeps the correct files' marks", () => {
    expect(report.exercises).toHaveLength(EXERCISES.length); // a file not handed in is graded (zero) too
    expect(byFile("09-nadam.ts").score).toBe(byFile("09-nadam.ts").maxScore);
    expect(byFile("12-minibatches.ts").score).toBe(byFile("12-minibatches.ts").maxScore);
    expect(report.score).toBe(byFile("09-nadam.ts").maxScore + byFile("12-minibatches.ts").maxScore);
  });

  const expectations: [string, RegExp][] = [
    ["01-sgd.ts", /did not finish in time/],
    ["02-momentum.ts", /ran out of memory|more than \d+ MB/],
    ["03-nesterov.ts", /may not use process\.mainModule/],
    ["04-adagrad.ts", /may not call process\.exit/],
    ["05-adadelta.ts", /changed the built-in Math\.sqrt/],
    ["06-rmsprop.ts", /changed the built-in Array\.prototype\.map/],
    ["07-adam.ts", /oops, a string.*not an Error/],
    ["08-adamax.ts", /got NaN/],
    ["10-amsgrad.ts", /did not settle/],
    ["11-schedules.ts", /expected a number, got a string|expected a number, got an array/],
    ["13-early-stopping.ts", /does not compile: 13-early-stopping\.ts:1:\d+: Expected/],
    ["14-gradient-noise.ts", /type error: 14-gradient-noise\.ts:\d+:\d+: Type 'number' is not assignable to type 'string'/],
    ["15-valley-tuning.ts", /fetch is not defined/],
    ["16-stable-lr.ts", /import "child_process" is not available/],
  ];
  for (const [file, pattern] of expectations) {
    it(`${file}: zero, with a clear message`, () => {
      const e = byFile(file);
      expect(e.score).toBe(0);
      for (const c of e.cases) expect(c.message, `${c.id}: ${c.message}`).toMatch(pattern);
    });
  }

  it("keeps a flood of console output short and shows it", () => {
    const logs = byFile("12-minibatches.ts").cases.map((c) => c.logs ?? "");
    expect(logs.every((l) => l.length < 5000)).toBe(true);
    // passing cases carry no logs in reports, but the outcome kept them capped
    expect(byFile("12-minibatches.ts").cases.every((c) => c.status === "passed")).toBe(true);
  });

  it("blocks the other ways to files, the network and processes", async () => {
    const other = join(dir, "other");
    mkdirSync(other);
    const files: Record<string, string> = {
      "01-sgd.ts": `import { readFileSync } from "node:fs";\nexport function sgdStep(): void { readFileSync("/etc/hostname"); }`,
      "02-momentum.ts": `// @ts-nocheck\nexport function momentumStep(): void { process.binding("fs"); }`,
      "03-nesterov.ts": `// @ts-nocheck\nexport function nesterovStep(): void { process.mainModule.constructor._load("node:net").connect(80, "example.com"); }`,
      "04-adagrad.ts": `// @ts-nocheck\nexport function adagradStep(): void { process.mainModule.require("node:worker_threads"); }`,
      "05-adadelta.ts": `// @ts-nocheck\nexport function adadeltaStep(): void { const dns = process.mainModule.require("dns"); dns.lookup("example.com", () => {}); }`,
    };
    for (const [f, src] of Object.entries(files)) writeFileSync(join(other, f), src);
    const r = await gradeSubmission(resolveTargets(Object.keys(files).map((f) => join(other, f))), { timeMs: 1000 });
    const msg = (f: string): string => r.exercises.find((e) => e.file === f)!.cases[0].message;
    expect(r.score).toBe(0);
    expect(msg("01-sgd.ts")).toMatch(/type error.*node:fs/);
    expect(msg("02-momentum.ts")).toMatch(/may not call process\.binding/);
    // process.mainModule (the way to require and Module._load) is closed before any module is named.
    expect(msg("03-nesterov.ts")).toMatch(/may not use process\.mainModule/);
    expect(msg("04-adagrad.ts")).toMatch(/may not use process\.mainModule/);
    expect(msg("05-adadelta.ts")).toMatch(/may not use process\.mainModule/);
  }, 60_000);

  it("never sends expected values to the student's process", () => {
    // The child's script is the bundle of drivers and the lockdown: no optimizer, no reference.
    const child = readFileSync(childScriptPath(), "utf8");
    expect(child).toContain("runDriver");
    expect(child).not.toMatch(/buildAdam|optimizerTrajectory|HIDDEN_CASES|stateNotCarried/);
  });
});
