import { describe, expect, it } from "vitest";
import { transpileCell } from "../../site/src/scripts/runner/transpile";
import { compareNumbers, compareOutputs, numbersOf } from "./support/live-outputs";

/** The live-cell comparison's rules (support/live-outputs.ts) and the cell rewrite (runner/transpile.ts). */
describe("comparing a live cell's outputs with the built ones", () => {
  it("finds a changed number and accepts one unit of the last printed digit", () => {
    expect(compareNumbers("J after 50 steps: 0.07704", "J after 50 steps: 0.07704")).toEqual([]);
    expect(compareNumbers("J after 50 steps: 0.07704", "J after 50 steps: 0.07705")).toEqual([]);
    expect(compareNumbers("J after 50 steps: 0.07704", "J after 50 steps: 0.07707")).toHaveLength(1);
    expect(compareNumbers("reached it in 121 steps", "reached it in 122 steps")).toEqual([]);
    expect(compareNumbers("reached it in 121 steps", "reached it in 125 steps")).toHaveLength(1);
    expect(compareNumbers("1.742e-4", "1.743e-4")).toEqual([]);
    expect(compareNumbers("1.742e-4", "1.752e-4")).toHaveLength(1);
    expect(compareNumbers("two numbers 1 2", "one number 1")).toHaveLength(1);
  });

  it("leaves out numbers about time or speed, and rounding-level numbers", () => {
    expect(numbersOf("Took 12.5 ms. The loss was 0.25.")).toEqual(["0.25"]);
    expect(numbersOf("updates / s: 2162\nbytes of data per update: 88")).toEqual(["88"]);
    expect(compareNumbers("largest gap 8.9e-16 and 3", "largest gap 1.4e-15 and 3")).toEqual([]);
    expect(compareNumbers("gap 8.9e-6", "gap 1.4e-5")).toHaveLength(1);
  });

  it("compares kinds in order and figures' traces", () => {
    const fig = (name: string, length: number) => ({ kind: "figure" as const, text: "", traces: [{ type: "scatter", name, length }] });
    expect(compareOutputs([fig("SGD", 10)], [fig("SGD", 10)])).toEqual([]);
    expect(compareOutputs([fig("SGD", 10)], [fig("SGD", 11)])).toHaveLength(1);
    expect(compareOutputs([fig("SGD, η = 0.03", 10)], [fig("SGD, η = 0.003", 10)], true)).toEqual([]);
    expect(compareOutputs([{ kind: "html", text: "1" }], [{ kind: "stdout", text: "1" }])).toHaveLength(1);
  });
});

describe("a cell's rewrite into session variables (tslab semantics)", () => {
  it("turns top-level declarations and imports into assignments, keeping line numbers", () => {
    const code = 'import { show, table as t } from "./src/notebook/display-node";\nimport type { Figure } from "./src/plot/index";\nconst a: number = 1, { b } = { b: 2 };\nlet e;\nfunction f(x: number): number { return x + a; }\nclass C {}\nf(a) + b';
    const r = transpileCell(code);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.names.sort()).toEqual(["C", "a", "b", "e", "f", "show", "t"]);
    expect(r.hasLast).toBe(true);
    expect(r.body.split("\n")).toHaveLength(code.split("\n").length);
    expect(r.body).toContain('({ show, table: t } = __m)');
    expect(r.body).toContain(";(a = 1, { b } = { b: 2 });");
    expect(r.body).toContain(";(e = undefined);");
    expect(r.body).toContain("f = function f(x) { return x + a; };");
    expect(r.body).toContain("__last.value = (f(a) + b)");
    expect(r.body).not.toContain("Figure");
  });

  it("reports a syntax error with its line", () => {
    const r = transpileCell("const a = 1;\nconst = 2;");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.line).toBe(2);
  });
});
