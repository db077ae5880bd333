import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { getSurface, SURFACE_NAMES, surfaceFromExpression, longValley, rosenbrock } from "../../src/problems/index";
import type { Surface2D } from "../../src/problems/objective";
import { analyticGradient, numericGradient } from "./helpers";

const coord = fc.double({ min: -3, max: 3, noNaN: true });

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

function expectSameSurface(typed: Surface2D, reference: Surface2D, tol: number): void {
  fc.assert(
    fc.property(coord, coord, (x, y) => {
      const p = Float64Array.of(x, y);
      const a = analyticGradient(typed, p);
      const b = analyticGradient(reference, p);
      expect(relErr(a.value, b.value)).toBeLessThanOrEqual(tol);
      expect(relErr(a.grad[0], b.grad[0])).toBeLessThanOrEqual(tol);
      expect(relErr(a.grad[1], b.grad[1])).toBeLessThanOrEqual(tol);
    }),
    { numRuns: 100 },
  );
}

describe("surfaceFromExpression", () => {
  it("Rosenbrock typed as a formula equals the hand-written one (value and symbolic gradient)", () => {
    expectSameSurface(surfaceFromExpression("(1-x)^2 + 100*(y-x^2)^2"), rosenbrock(), 1e-12);
  });

  it("every built-in surface's mathjs expression reproduces that surface", () => {
    for (const s of [...SURFACE_NAMES.map((n) => getSurface(n)), longValley({ kappa: 30, angle: 0.7 }), rosenbrock({ a: 0.5, b: 3 })]) {
      expectSameSurface(surfaceFromExpression(s.expression, { start: [0.5, 0.5] }), s, 1e-11);
    }
  });

  it("its gradient matches finite differences for functions and constants", () => {
    const s = surfaceFromExpression("sin(x*y) + exp(-x^2/2) + log(1 + y^2) + pi*x - e*y + sqrt(2 + cos(x)) + 2x y");
    fc.assert(
      fc.property(coord, coord, (x, y) => {
        const p = Float64Array.of(x, y);
        const { grad } = analyticGradient(s, p);
        const fd = numericGradient(s, p);
        expect(Math.abs(grad[0] - fd[0])).toBeLessThan(1e-6 * (1 + Math.abs(fd[0])));
        expect(Math.abs(grad[1] - fd[1])).toBeLessThan(1e-6 * (1 + Math.abs(fd[1])));
      }),
      { numRuns: 100 },
    );
    // A hand-checked point: d/dx of 2xy + pi x at (0, 0) etc.
    const { value, grad } = analyticGradient(surfaceFromExpression("x^2 + 3*x*y + pi"), Float64Array.of(2, -1));
    expect(value).toBeCloseTo(4 - 6 + Math.PI, 14);
    expect(grad[0]).toBeCloseTo(2 * 2 + 3 * -1, 14);
    expect(grad[1]).toBeCloseTo(3 * 2, 14);
  });

  it("keeps the formula, a LaTeX form, its derivatives, domain and start", () => {
    const s = surfaceFromExpression("  x^2 + 3*y^2 ", { domain: { x: [-1, 4], y: [-2, 2] }, start: [3, 1] });
    expect(s.expression).toBe("x^2 + 3*y^2");
    expect(s.latex).toMatch(/x.*\^\{2\}/);
    expect(s.domain).toEqual({ x: [-1, 4], y: [-2, 2] });
    expect(s.start).toEqual([3, 1]);
    expect(s.minima).toEqual([]);
    expect(s.dim).toBe(2);
    expect(s.f(3, 1)).toBe(12);
    expect(surfaceFromExpression(s.gradientExpressions.x, { start: [3, 1] }).f(3, 1)).toBe(6);
    expect(surfaceFromExpression(s.gradientExpressions.y, { start: [3, 1] }).f(3, 1)).toBe(6);
  });
});

describe("malformed formulas: DescentInputError with the position or the bad name", () => {
  function messageOf(text: string, options?: Parameters<typeof surfaceFromExpression>[1]): string {
    try {
      surfaceFromExpression(text, options);
    } catch (e) {
      expect(e).toBeInstanceOf(DescentInputError);
      return (e as Error).message;
    }
    throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  }

  it("a formula that ends too early", () => {
    expect(messageOf("x^2 +")).toMatch(/^cannot parse formula "x\^2 \+": .*character 6 \(the end of the formula\)$/);
  });
  it("** (Python's power) points at the second * and suggests ^", () => {
    expect(messageOf("x ** y")).toMatch(/character 4 .*use \^|character 4.*\^/);
  });
  it("an operator where a value should be", () => {
    expect(messageOf("x^2 + * y")).toMatch(/value expected at character 7 \("\* y"\)/);
  });
  it("an unknown function", () => {
    expect(messageOf("foo(x)")).toMatch(/unknown function "foo" .*character 1.*sin/);
  });
  it("a variable other than x and y", () => {
    expect(messageOf("x + z")).toMatch(/unknown symbol "z" in formula "x \+ z" at character 5/);
    expect(messageOf("x + y + zeta*2")).toMatch(/"zeta" .* at character 9/);
  });
  it("an empty formula", () => {
    expect(messageOf("")).toMatch(/empty/);
    expect(messageOf("   ")).toMatch(/empty/);
  });
  it("things that are not a differentiable formula", () => {
    expect(messageOf("x = 3")).toMatch(/assignment/);
    expect(messageOf("x!")).toMatch(/operator "!"/);
    expect(messageOf("x < y")).toMatch(/operator "<"/);
    expect(messageOf("[x, y]")).toMatch(/matrix/);
    expect(messageOf('"abc"')).toMatch(/not a number/);
    expect(messageOf("sin(x, y)")).toMatch(/sin\(\.\.\.\) with 2 arguments, but sin takes 1/);
    expect(messageOf("2 cm")).toMatch(/unknown symbol "cm"/);
  });
  it("a formula that is not a real number at the start point", () => {
    expect(messageOf("sqrt(x) + y")).toMatch(/not a finite real number at the start point \(-1.5, 1.5\)/);
    expect(messageOf("log(x - y)", { start: [1, 1] })).toMatch(/not a finite real number/);
    // sqrt's slope at 0 is really infinite (abs(x) + y at x = 0 is a kink with subgradient 0, see the kink tests).
    expect(messageOf("sqrt(x) + y", { start: [0, 1] })).toBe(
      'the gradient of formula "sqrt(x) + y" is not finite at the start point (0, 1): df/dx = Infinity; choose another start point',
    );
    // Where it is defined, it works.
    expect(surfaceFromExpression("sqrt(x) + y", { start: [1, 1] }).f(4, 1)).toBe(3);
  });
  it("bad domain and start options", () => {
    expect(() => surfaceFromExpression("x", { start: [NaN, 0] })).toThrow(RangeError);
    expect(() => surfaceFromExpression("x", { domain: { x: [1, -1], y: [0, 1] } })).toThrow(/domain.x .*lo < hi/);
  });
});
