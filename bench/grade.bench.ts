import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "../src/core/rng";
import { gradeClass } from "../src/grader/class-node";
import { gradeSubmission, resolveTargets } from "../src/grader/grade-node";
import { EXERCISES } from "../src/grader/registry";
import { sandboxLayers } from "../src/grader/sandbox-node";
import { MUTANT_FILES } from "../test/grader/mutants";

/**
 * `npm run bench` (grading part): the time to grade one submission (every exercise, in its
 * sandbox) and a class of 200 generated submissions on 2 worker processes: 100 right, 70 partly
 * wrong (3 to 6 files with a catalogued mistake or left as the stub), 30 broken (a syntax error,
 * a type error, a throw at load, a memory bomb, and in 4 of them an infinite loop, each test of
 * which waits out the 3 s time limit). Targets: <= 1 s per submission, <= 60 s for the class.
 */

const ROOT = join(__dirname, "..");
const solution = (file: string): string => readFileSync(join(ROOT, "solutions", file), "utf8");

function mutant(i: number): { file: string; source: string } {
  const m = MUTANT_FILES[i % MUTANT_FILES.length];
  let s = solution(m.file);
  for (const [a, b] of m.edits) s = s.replace(a, b);
  return { file: m.file, source: s };
}

function makeClass(dir: string): void {
  const rng = createRng(2026);
  for (let k = 0; k < 200; k++) {
    const d = join(dir, `student-${String(k).padStart(3, "0")}`);
    mkdirSync(d, { recursive: true });
    for (const e of EXERCISES) cpSync(join(ROOT, "solutions", e.file), join(d, e.file));
    if (k < 100) continue;
    if (k < 170) {
      const n = 3 + rng.int(4);
      for (let j = 0; j < n; j++) {
        if (rng.uniform() < 0.3) {
          const e = EXERCISES[rng.int(EXERCISES.length)];
          cpSync(join(ROOT, "exercises", e.file), join(d, e.file));
        } else {
          const m = mutant(rng.int(1000));
          writeFileSync(join(d, m.file), m.source);
        }
      }
      continue;
    }
    const kind = k % 5;
    if (kind === 0) writeFileSync(join(d, "07-adam.ts"), "export function adamStep( {");
    if (kind === 1) writeFileSync(join(d, "04-adagrad.ts"), solution("04-adagrad.ts").replace("const g = grad[i];", "const g: string = grad[i];"));
    if (kind === 2) writeFileSync(join(d, "09-nadam.ts"), 'throw new Error("broken at load");');
    if (kind === 3) writeFileSync(join(d, "02-momentum.ts"), "export function momentumStep(): void { const a: number[][] = []; for (;;) a.push(new Array(1e6).fill(1)); }");
    if (kind === 4 && k >= 190 && k < 194) writeFileSync(join(d, "01-sgd.ts"), "export function sgdStep(): void { for (;;) {} }");
    if (kind === 4 && !(k >= 190 && k < 194)) writeFileSync(join(d, "11-schedules.ts"), "export const stepDecay = 1;");
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "descent-grade-bench-"));
  try {
    const one = join(work, "one");
    mkdirSync(one);
    for (const e of EXERCISES) cpSync(join(ROOT, "solutions", e.file), join(one, e.file));
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const r = await gradeSubmission(resolveTargets([one]));
      times.push(performance.now() - t0);
      if (r.score !== r.maxScore) throw new Error(`the solutions scored ${r.score}/${r.maxScore}`);
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(", ")} (${sandboxLayers().summary})`);
    console.log(`one submission (${EXERCISES.length} exercises, ${EXERCISES.reduce((n, e) => n + e.cases.length, 0)} tests): first ${(times[0] / 1000).toFixed(2)} s (loads the type checker), then median ${(warm[2] / 1000).toFixed(2)} s (min ${(warm[0] / 1000).toFixed(2)}, max ${(warm[4] / 1000).toFixed(2)})`);
    // The OS layer's own cost, as a ratio in the same run: alternate OS layer on / JS wall only.
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const mode of ["on", "off"] as const) {
        if (mode === "off") process.env.DESCENT_SANDBOX = "none";
        const t0 = performance.now();
        await gradeSubmission(resolveTargets([one]));
        (mode === "on" ? on : off).push(performance.now() - t0);
        delete process.env.DESCENT_SANDBOX;
      }
    }
    const med = (xs: number[]): number => xs.sort((a, b) => a - b)[2];
    console.log(`OS layer on vs JS wall only, one submission, median of 5 alternated: ${(med(on) / 1000).toFixed(2)} s vs ${(med(off) / 1000).toFixed(2)} s (ratio ${(med(on) / med(off)).toFixed(2)})`);

    const cls = join(work, "class");
    makeClass(cls);
    const t0 = performance.now();
    const summary = await gradeClass(cls, { jobs: 2 });
    const seconds = (performance.now() - t0) / 1000;
    const rows = readFileSync(summary.csv, "utf8").trim().split(/\r?\n/).slice(1);
    const points = EXERCISES.reduce((t, e) => t + e.cases.reduce((p, c) => p + c.points, 0), 0);
    const full = rows.filter((r) => r.startsWith(`${r.split(",")[0]},${points},${points},`)).length;
    console.log(`class of ${summary.students} (100 right, 70 partly wrong, 30 broken, 4 with infinite loops), 2 workers: ${seconds.toFixed(1)} s (${((seconds / summary.students) * 1000).toFixed(0)} ms per submission); ${full} full marks, ${summary.failed.length} grading failures`);
    const t1 = performance.now();
    await gradeClass(cls, { jobs: 2 });
    console.log(`re-run with nothing changed: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
