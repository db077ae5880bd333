import { describe, expect, it } from "vitest";
import { gradeExercise, inProcessRunner, mainDiagnosis } from "../../src/grader/checker";
import { runDriver } from "../../src/grader/drivers";
import { formatNumber } from "../../src/grader/compare";
import { gradescopeResults, textReport } from "../../src/grader/feedback";
import { EXERCISES, findExercise } from "../../src/grader/registry";
import { VISIBLE_EXERCISES } from "../../src/grader/catalogue";
import { checkExports } from "../../src/grader/check";
import type { ExerciseResult, PlainValue } from "../../src/grader/types";
import { loadSource, mutantSource, solutionSource } from "./helpers";
import { MUTANT_FILES } from "./mutants";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers";

/**
 * The grader's promises, checked in-process (the sandbox is tested in sandbox.test.ts):
 * every solution scores full marks, every untouched stub scores zero, every catalogued mistake
 * (a real student file with that mistake) is diagnosed as itself, and no hidden expected value
 * leaks into any report.
 */

async function grade(name: string, exports: Record<string, unknown>): Promise<ExerciseResult> {
  return gradeExercise(findExercise(name), inProcessRunner(exports));
}

/** Every number of a plain value, printed as reports print them. */
function numbersOf(v: PlainValue, out: string[] = []): string[] {
  if (typeof v === "number") {
    if (Number.isFinite(v) && !Number.isInteger(v)) out.push(formatNumber(v));
  } else if (Array.isArray(v)) for (const x of v) numbersOf(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) numbersOf(x as PlainValue, out);
  return out;
}

describe("exercises and solutions", () => {
  it("has an exercise for every file in exercises/, each with visible and hidden cases and a solution", () => {
    const files = readdirSync(join(ROOT, "exercises")).filter((f) => /^\d\d-.*\.ts$/.test(f));
    expect(EXERCISES.map((e) => e.file).sort()).toEqual(files.sort());
    expect(EXERCISES.length).toBeGreaterThanOrEqual(21);
    for (const e of EXERCISES) {
      expect(e.cases.some((c) => c.visible), e.name).toBe(true);
      expect(e.cases.some((c) => !c.visible), e.name).toBe(true);
      expect(readFileSync(join(ROOT, "exercises", e.file), "utf8")).toContain('throw new Error("TODO")');
      expect(solutionSource(e.file)).not.toContain("TODO");
    }
    // The catalogue for browsers and notebooks holds no hidden case.
    expect(VISIBLE_EXERCISES.flatMap((e) => e.cases).every((c) => c.visible)).toBe(true);
  });

  for (const spec of EXERCISES) {
    it(`${spec.file}: the solution scores full marks and the stub zero`, async () => {
      const solution = await grade(spec.name, loadSource(solutionSource(spec.file), spec.file));
      expect(solution.score, JSON.stringify(solution.cases.filter((c) => c.status === "failed"))).toBe(solution.maxScore);
      expect(solution.maxScore).toBeGreaterThan(0);
      const stub = await grade(spec.name, loadSource(readFileSync(join(ROOT, "exercises", spec.file), "utf8"), spec.file));
      expect(stub.score).toBe(0);
      expect(stub.cases.every((c) => c.message.startsWith("not done yet"))).toBe(true);
    });
  }
});

describe("the mistake catalogue", () => {
  it("has a student file for every catalogued mistake", () => {
    const listed = new Set(MUTANT_FILES.map((m) => `${m.exercise}/${m.mistake}`));
    for (const e of EXERCISES) for (const m of e.mistakes) expect(listed.has(`${e.name}/${m.id}`), `${e.name}/${m.id}`).toBe(true);
  });

  for (const m of MUTANT_FILES) {
    it(`${m.exercise}: a file with "${m.mistake}" loses points and is diagnosed as itself`, async () => {
      const exports = loadSource(mutantSource(m), m.file);
      const result = await grade(m.exercise, exports);
      expect(result.score).toBeLessThan(result.maxScore);
      expect(mainDiagnosis(result)).toBe(m.mistake);
      // every failing visible case shows the input, expected and got
      for (const c of result.cases.filter((x) => x.status === "failed" && x.visible && x.got !== undefined)) {
        expect(c.input).toBeTruthy();
      }
      // No hidden case carries an expected value, and no report prints one of its numbers.
      const spec = findExercise(m.exercise);
      const hidden = result.cases.filter((c) => !c.visible && c.status === "failed");
      const report = { score: result.score, maxScore: result.maxScore, exercises: [result], seconds: 0 };
      const texts = [textReport(report), JSON.stringify(gradescopeResults(report))];
      for (const c of hidden) {
        expect(c.expected).toBeUndefined();
        const testCase = spec.cases.find((x) => x.id === c.id)!;
        const want = numbersOf(spec.reference(testCase.input)).filter((s) => s.replace(/[^0-9]/g, "").length >= 5);
        // Numbers the student's own output holds may be printed (as "got"); any other is a leak.
        const got = new Set(numbersOf(await runDriver(exports, testCase.input)));
        for (const n of want) if (!got.has(n)) for (const t of texts) expect(t.includes(n), `hidden expected ${n} leaked`).toBe(false);
      }
    });
  }
});

describe("check() for notebooks and the site", () => {
  it("runs only the visible tests of a function", async () => {
    const { adamStep } = loadSource(solutionSource("07-adam.ts"), "07-adam.ts");
    const r = await checkExports("adam", adamStep as (...a: never[]) => unknown);
    expect(r.cases.every((c) => c.visible)).toBe(true);
    expect(r.score).toBe(r.maxScore);
    const wrong = loadSource(mutantSource(MUTANT_FILES.find((m) => m.mistake === "no-bias-correction")!), "07-adam.ts");
    const bad = await checkExports("adam", wrong);
    expect(bad.score).toBe(0);
    expect(bad.cases[0].diagnosis?.id).toBe("no-bias-correction");
    expect(bad.cases[0].expected).toMatch(/trajectory/);
  });

  it("says which exports an exercise with two functions needs", async () => {
    await expect(checkExports("schedules", () => 1)).rejects.toThrow(/stepDecay, sgdrRate/);
    await expect(checkExports("nope", () => 1)).rejects.toThrow(/unknown exercise "nope"/);
  });
});
