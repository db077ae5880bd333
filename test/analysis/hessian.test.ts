import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyCriticalPoint, hessian, symmetricEigenvalues } from "../../src/analysis/index";
import { getSurface } from "../../src/problems/surfaces/index";

describe("hessian (central differences of the gradient)", () => {
  it("is diag(2, -2) for the saddle x^2 - y^2 everywhere", () => {
    const H = hessian(getSurface("saddle"), [0.3, -0.7]);
    expect(H[0]).toBeCloseTo(2, 8);
    expect(H[3]).toBeCloseTo(-2, 8);
    expect(Math.abs(H[1])).toBeLessThan(1e-8);
    expect(H[1]).toBe(H[2]);
  });

  it("matches Rosenbrock's analytic Hessian at (1, 1) and at (-1.2, 1)", () => {
    const f = getSurface("rosenbrock");
    // H = [[2 - 400 (y - 3x^2), -400x], [-400x, 200]]
    for (const [x, y] of [[1, 1], [-1.2, 1]]) {
      const H = hessian(f, [x, y]);
      expect(H[0]).toBeCloseTo(2 - 400 * (y - 3 * x * x), 3);
      expect(H[1]).toBeCloseTo(-400 * x, 3);
      expect(H[3]).toBeCloseTo(200, 3);
    }
  });

  it("refuses a wrong length, a non-finite point and a bad step with the value named", () => {
    const f = getSurface("saddle");
    expect(() => hessian(f, [1])).toThrow(/2 entries.*got 1/);
    expect(() => hessian(f, [1, NaN])).toThrow(/theta\[1\].*NaN/);
    expect(() => hessian(f, [1, 1], -1)).toThrow(/h must be.*-1/);
  });
});

describe("symmetricEigenvalues (Jacobi)", () => {
  it("finds the eigenvalues of a known 3x3 matrix", () => {
    // [[2,-1,0],[-1,2,-1],[0,-1,2]] has eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2.
    const e = symmetricEigenvalues([2, -1, 0, -1, 2, -1, 0, -1, 2], 3);
    expect(e[0]).toBeCloseTo(2 - Math.SQRT2, 12);
    expect(e[1]).toBeCloseTo(2, 12);
    expect(e[2]).toBeCloseTo(2 + Math.SQRT2, 12);
  });

  it("keeps trace and determinant of random symmetric 2x2 matrices (ascending order)", () => {
    const num = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(num, num, num, (a, b, c) => {
        const [l1, l2] = symmetricEigenvalues([a, b, b, c], 2);
        expect(l1).toBeLessThanOrEqual(l2);
        expect(l1 + l2).toBeCloseTo(a + c, 8);
        expect(l1 * l2).toBeCloseTo(a * c - b * b, 6);
      }),
    );
  });

  it("refuses a non-symmetric or mis-sized matrix", () => {
    expect(() => symmetricEigenvalues([1, 2, 3, 4], 2)).toThrow(/not symmetric at \(0, 1\)/);
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow(/4 entries, got 3/);
  });
});

describe("classifyCriticalPoint", () => {
  it("names Himmelblau's four minima, four saddles and its maximum", () => {
    const f = getSurface("himmelblau");
    for (const m of f.minima) expect(classifyCriticalPoint(f, [m.x, m.y]).kind).toBe("minimum");
    for (const s of f.saddles) {
      const r = classifyCriticalPoint(f, [s.x, s.y]);
      expect(r.kind).toBe("saddle");
      expect(r.gradNorm).toBeLessThan(1e-9);
      expect(r.eigenvalues[0]).toBeLessThan(0);
      expect(r.eigenvalues[1]).toBeGreaterThan(0);
    }
    // Local maximum near (-0.270845, -0.923039), f = 181.617.
    expect(classifyCriticalPoint(f, [-0.270845, -0.923039]).kind).toBe("maximum");
  });

  it("reports the saddle's eigenvalues -2 and 2, and a flat direction as degenerate", () => {
    const r = classifyCriticalPoint(getSurface("saddle"), [0, 0]);
    expect(r.kind).toBe("saddle");
    expect(r.eigenvalues[0]).toBeCloseTo(-2, 8);
    expect(r.eigenvalues[1]).toBeCloseTo(2, 8);
    expect(r.condition).toBeCloseTo(1, 8);
    // Rastrigin with A = 0 is x^2 + y^2: a minimum with eigenvalues 2, 2; a huge tol makes it degenerate.
    expect(classifyCriticalPoint(getSurface("rastrigin", { A: 0 }), [0, 0]).kind).toBe("minimum");
    expect(classifyCriticalPoint(getSurface("rastrigin", { A: 0 }), [0, 0], 5).kind).toBe("degenerate");
  });
});
