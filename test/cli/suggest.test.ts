import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../src/cli/suggest";

describe("did-you-mean suggestions", () => {
  it("computes Levenshtein distances", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("adam", "adamw")).toBe(1);
    expect(editDistance("", "sgd")).toBe(3);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d === 0).toBe(a === b);
      }),
    );
  });
  it("suggests only close names", () => {
    const names = ["sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam"];
    expect(closest("RMSProp", names)).toBe("rmsprop");
    expect(closest("nestrov", names)).toBe("nesterov");
    expect(closest("lbfgs", names)).toBeUndefined();
    expect(closest("adam", names)).toBeUndefined(); // an exact name needs no suggestion
  });
});
