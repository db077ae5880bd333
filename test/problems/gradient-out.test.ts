import { describe, expect, it } from "vitest";
import { getSurface, leastSquares, SURFACE_NAMES, surfaceFromExpression } from "../../src/problems/index";

describe("valueAndGradient refuses an output array of the wrong length (issue 5, class 7)", () => {
  it("every built-in surface and a typed formula: length 2", () => {
    const objectives = [...SURFACE_NAMES.map((n) => getSurface(n)), surfaceFromExpression("x^2 + y^2")];
    for (const s of objectives) {
      const short = new Float64Array(1);
      expect(() => s.valueAndGradient(Float64Array.of(0.5, 0.5), short)).toThrow(RangeError);
      expect(() => s.valueAndGradient(Float64Array.of(0.5, 0.5), short)).toThrow(/must have length 2 .*got length 1$/);
      expect(short[0]).toBe(0); // nothing half-written
      expect(() => s.valueAndGradient(Float64Array.of(0.5, 0.5), new Float64Array(3))).toThrow(/got length 3/);
      const ok = new Float64Array(2);
      expect(Number.isFinite(s.valueAndGradient(Float64Array.of(0.5, 0.5), ok))).toBe(true);
    }
  });

  it("least squares: length d", () => {
    const ls = leastSquares([[1, 2, 3], [4, 5, 6]], [1, 2]);
    expect(() => ls.valueAndGradient(new Float64Array(3), new Float64Array(2))).toThrow(
      "least squares: the gradient output array must have length 3 (one entry per parameter), got length 2",
    );
    const g = new Float64Array(3);
    ls.valueAndGradient(new Float64Array(3), g);
    expect(Array.from(g)).toEqual([-4.5, -6, -7.5]); // -(1/n) X^T y
  });
});
