import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { checkStartPoint, getSurface, leastSquares, surfaceFromExpression } from "../../src/problems/index";

function messageOf(f: () => void): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DescentInputError);
    return (e as Error).message;
  }
  throw new Error("expected a DescentInputError");
}

describe("checkStartPoint (issue 5, class 4): the start point actually used, for any objective", () => {
  it("rosenbrock at (1e308, 1e308): f overflows", () => {
    expect(messageOf(() => checkStartPoint(getSurface("rosenbrock"), [1e308, 1e308]))).toBe(
      'surface "rosenbrock" is not a finite real number at the start point (1e+308, 1e+308): f = Infinity; choose another start point',
    );
    expect(() => checkStartPoint(getSurface("rosenbrock"), [-1.2, 1])).not.toThrow();
  });

  it("sqrt(-x) is fine at its own start but not at x0 = (1, 1)", () => {
    const s = surfaceFromExpression("sqrt(-x)", { start: [-1, 0] });
    expect(messageOf(() => checkStartPoint(s, [1, 1]))).toBe(
      'formula "sqrt(-x)" is not a finite real number at the start point (1, 1): f = NaN; choose another start point',
    );
    // surfaceFromExpression checks its `start` option, not a default.
    expect(messageOf(() => surfaceFromExpression("sqrt(-x) + y^2", { start: [1, 1] }))).toMatch(/at the start point \(1, 1\): f = NaN/);
    expect(() => surfaceFromExpression("sqrt(x) + y", { start: [1, 1] })).not.toThrow(); // (-1.5, 1.5) would fail
  });

  it("names the gradient component that is not finite", () => {
    const s = surfaceFromExpression("x + sqrt(y)", { start: [1, 1] });
    expect(messageOf(() => checkStartPoint(s, [1, 0]))).toBe(
      'the gradient of formula "x + sqrt(y)" is not finite at the start point (1, 0): df/dy = Infinity; choose another start point',
    );
  });

  it("least squares: a start point where the loss overflows; a long point is abbreviated", () => {
    const ls = leastSquares([[1, 2]], [1]);
    expect(messageOf(() => checkStartPoint(ls, [1e200, 0]))).toBe(
      "the least-squares loss is not a finite real number at the start point (1e+200, 0): J = Infinity; choose another start point",
    );
    const wide = leastSquares([Array.from({ length: 8 }, () => 1)], [0]);
    expect(() => checkStartPoint(wide, new Float64Array(8))).not.toThrow();
    expect(messageOf(() => checkStartPoint(wide, [1e300, 1e300, 0, 0, 0, 0, 0, 0]))).toMatch(
      /at the start point \(1e\+300, 1e\+300, 0, 0, 0, \.\.\. 8 coordinates\): J = Infinity/,
    );
  });

  it("x0 of the wrong length or with a non-finite entry", () => {
    const s = getSurface("beale");
    expect(messageOf(() => checkStartPoint(s, [1]))).toBe('the start point for surface "beale" must have 2 coordinates, got 1');
    expect(messageOf(() => checkStartPoint(s, [1, NaN]))).toBe('the start point for surface "beale" must be finite: coordinate 1 is NaN');
    expect(messageOf(() => checkStartPoint(leastSquares([[1]], [1]), [Infinity]))).toBe(
      "the start point for the least-squares loss must be finite: coordinate 0 is Infinity",
    );
  });
});
