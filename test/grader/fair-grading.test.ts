import { describe, expect, it } from "vitest";
import { gradeExercise, inProcessRunner } from "../../src/grader/checker";
import { findExercise } from "../../src/grader/registry";
import type { ExerciseResult } from "../../src/grader/types";
import { loadSource, mutantSource, solutionSource } from "./helpers";
import { MUTANT_FILES } from "./mutants";

/**
 * Issue 12, section 4: an exercise that says "update state in place" and "do not modify grad"
 * tests both (two independent states interleaved in one hidden case, and grad compared after
 * every call), and every catalogued mistake is named as itself and as no other mistake.
 */

const OPTIMIZERS: [string, string, string][] = [
  ["sgd", "01-sgd.ts", "sgdStep"],
  ["momentum", "02-momentum.ts", "momentumStep"],
  ["adagrad", "04-adagrad.ts", "adagradStep"],
  ["adadelta", "05-adadelta.ts", "adadeltaStep"],
  ["rmsprop", "06-rmsprop.ts", "rmspropStep"],
  ["adam", "07-adam.ts", "adamStep"],
  ["adamax", "08-adamax.ts", "adamaxStep"],
  ["nadam", "09-nadam.ts", "nadamStep"],
  ["amsgrad", "10-amsgrad.ts", "amsgradStep"],
];

async function grade(name: string, file: string, source: string): Promise<ExerciseResult> {
  return gradeExercise(findExercise(name), inProcessRunner(loadSource(source, file)));
}

/** The solution with its step renamed, and a new exported step wrapping it. */
function wrapped(file: string, exportName: string, body: string): string {
  const s = solutionSource(file);
  const renamed = s.replace(`export function ${exportName}(`, "function realStep(");
  expect(renamed).not.toBe(s);
  return `// @ts-nocheck\n${renamed}\n${body}\n`;
}

describe.each(OPTIMIZERS)("%s", (name, file, exportName) => {
  it("a step that overwrites grad loses the interleaved case, and only it, and is told why", async () => {
    const r = await grade(name, file, wrapped(file, exportName, `export function ${exportName}(p, g, s, h) { realStep(p, g, s, h); g.fill(0.25); }`));
    const failed = r.cases.filter((c) => c.status === "failed");
    expect(failed.map((c) => c.id)).toEqual(["random-5d"]);
    expect(failed[0].message).toMatch(/`grad` after your step \(do not modify it\)/);
  });

  if (name !== "sgd") {
    it("a step that keeps its state in a module variable loses the interleaved case, and only it", async () => {
      const r = await grade(name, file, wrapped(file, exportName, `let owner, shared;\nexport function ${exportName}(p, g, s, h) { if (s !== owner) { owner = s; shared = structuredClone(s); } realStep(p, g, shared, h); }`));
      const failed = r.cases.filter((c) => c.status === "failed");
      expect(failed.map((c) => c.id)).toEqual(["random-5d"]);
      // A state it has not seen resets its copy: right on one run at a time, wrong on two interleaved.
      expect(failed[0].message).toMatch(/after step \d+, params|second of two interleaved runs/);
    });
  }

  it("the solution passes the interleaved case", async () => {
    const r = await grade(name, file, solutionSource(file));
    expect(r.cases.find((c) => c.id === "random-5d")?.status).toBe("passed");
  });
});

describe("every catalogued mistake is named as itself and as no other", () => {
  for (const m of MUTANT_FILES) {
    it(`${m.exercise}/${m.mistake}`, async () => {
      const r = await gradeExercise(findExercise(m.exercise), inProcessRunner(loadSource(mutantSource(m), m.file)));
      const named = [...new Set(r.cases.flatMap((c) => (c.diagnosis ? [c.diagnosis.id] : [])))];
      expect(named).toEqual([m.mistake]);
    });
  }

  it('momentum: "lr applied twice" is not taken for the (1 - gamma) factor', async () => {
    const source = solutionSource("02-momentum.ts").replace("gamma * state.v[i] + lr * grad[i]", "gamma * state.v[i] + lr * lr * grad[i]");
    const r = await grade("momentum", "02-momentum.ts", source);
    expect(r.score).toBe(0);
    expect(r.cases.filter((c) => c.diagnosis?.id === "averaged-gradient")).toEqual([]);
  });
});
