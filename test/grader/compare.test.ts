import { describe, expect, it } from "vitest";
import { firstDifference, formatValue, sameOutput } from "../../src/grader/compare";
import { runDriver, toPlain } from "../../src/grader/drivers";
import { describeThrown, thrownOutcome } from "../../src/grader/checker";

describe("comparing outputs", () => {
  it("accepts rounding differences and names the first real one", () => {
    expect(firstDifference({ trajectory: [[1, 2]] }, { trajectory: [[1 + 1e-12, 2]] })).toBeNull();
    const d = firstDifference({ trajectory: [[1, 2], [3, 4]] }, { trajectory: [[1, 2], [3, 4.001]] });
    expect(d?.path).toBe("trajectory[1][1]");
    expect(d?.what).toBe("expected 4, got 4.001");
    expect(d?.whatHidden).toBe("got 4.001, which is not the expected value");
    expect(d?.whatHidden).not.toContain("4,");
  });

  it("says what is wrong with the shape", () => {
    expect(firstDifference([1, 2, 3], [1, 2])?.what).toBe("expected an array of length 3, got length 2");
    expect(firstDifference(0.5, "0.5")?.what).toBe("expected a number, got a string");
    expect(firstDifference(0.5, undefined)?.what).toBe("expected a number, got undefined (nothing returned)");
    expect(firstDifference({ a: 1 }, {})?.what).toBe('missing property "a"');
    expect(firstDifference(1, NaN)?.what).toBe("expected 1, got NaN");
    expect(sameOutput([NaN], [NaN])).toBe(true);
    expect(firstDifference([1, 2], new Float64Array([1, 2]))).toBeNull();
  });

  it("prints long values briefly", () => {
    expect(formatValue(Array.from({ length: 20 }, (_, i) => i / 3))).toBe("[0, 0.3333333333, 0.6666666667, 1, 1.333333333, 1.666666667, 2, 2.333333333, ... 12 more]");
  });
});

describe("what comes back from student code", () => {
  it("turns anything into plain data without throwing", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const hostile = { get x(): number { throw new Error("boom"); } };
    expect(toPlain(new Float64Array([1, 2]))).toEqual([1, 2]);
    expect(toPlain(() => 1)).toBe("[function]");
    expect(JSON.stringify(toPlain(cyclic))).toContain("nested too deeply");
    expect(toPlain(hostile)).toBe("[unreadable value: boom]");
    expect(toPlain(10n)).toBe("10n");
  });

  it("describes whatever was thrown", () => {
    expect(describeThrown(new RangeError("bad"))).toBe("RangeError: bad");
    expect(describeThrown("oops")).toBe('"oops" (thrown value is not an Error)');
    expect(describeThrown(undefined)).toBe("undefined (thrown value is not an Error)");
    expect(describeThrown({ message: "m" })).toBe("m (thrown value is not an Error)");
    expect(thrownOutcome(new Error("TODO"))).toEqual({ ok: false, kind: "todo", message: "" });
  });

  it("carries one state object across steps and reports a missing export", async () => {
    const seen: unknown[] = [];
    const step = (p: Float64Array, g: Float64Array, s: { v: Float64Array; t: number }): void => {
      seen.push(s);
      s.t++;
      p[0] -= g[0] + s.t;
    };
    const out = await runDriver({ step }, { driver: "optimizer", exportName: "step", data: { params0: [0], grads: [[1], [1]], slots: ["v"], hyper: {} } });
    expect(out).toEqual({ trajectory: [[-2], [-5]] });
    expect(seen[0]).toBe(seen[1]);
    await expect(runDriver({}, { driver: "optimizer", exportName: "step", data: { params0: [0], grads: [[1]], slots: [], hyper: {} } })).rejects.toThrow("the file does not export step");
  });
});
