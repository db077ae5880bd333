import { describe, expect, it } from "vitest";
import { mcnemar, pairedDifference } from "../../src/analysis/index";

describe("mcnemar", () => {
  it("counts the disagreements and gives the exact binomial p-value", () => {
    // b = 3 right by A only, c = 0: p = 2 * (1/8) = 0.25
    const a = [true, true, true, true, false];
    const b = [false, false, false, true, false];
    const r = mcnemar(a, b);
    expect([r.onlyA, r.onlyB]).toEqual([3, 0]);
    expect(r.pValue).toBeCloseTo(0.25, 14);
    // b = 10, c = 2: p = 2 * (1 + 12 + 66) / 4096
    const A = [...Array(10).fill(true), false, false];
    const B = [...Array(10).fill(false), true, true];
    expect(mcnemar(A, B).pValue).toBeCloseTo((2 * 79) / 4096, 14);
  });

  it("is 1 when the classifiers never disagree, and symmetric in A and B", () => {
    expect(mcnemar([true, false], [true, false]).pValue).toBe(1);
    const A = [true, false, true, true, false, true];
    const B = [false, true, false, true, true, false];
    expect(mcnemar(A, B).pValue).toBe(mcnemar(B, A).pValue);
  });

  it("large counts stay finite (log space)", () => {
    const A = Array.from({ length: 3000 }, (_, i) => i % 2 === 0);
    const B = Array.from({ length: 3000 }, (_, i) => i % 3 === 0);
    const p = mcnemar(A, B).pValue;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });

  it("names mismatched lengths", () => {
    expect(() => mcnemar([true], [true, false])).toThrow(/same length/);
  });
});

describe("pairedDifference", () => {
  it("calls a consistent difference beyond 2 SE, and not a mixed one", () => {
    const r = pairedDifference([1, 2, 3, 4], [1.5, 2.6, 3.4, 4.5]);
    expect(r.mean).toBeCloseTo(0.5, 12);
    expect(r.called).toBe(true);
    expect(pairedDifference([1, 2, 3], [2, 1, 3.1]).called).toBe(false);
  });
});
