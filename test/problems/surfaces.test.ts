import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import type { Surface2D } from "../../src/problems/objective";
import {
  getSurface,
  longValley,
  problemInfo,
  rastrigin,
  rosenbrock,
  SURFACE_NAMES,
} from "../../src/problems/index";
import { analyticGradient, hessian2, numericGradient } from "./helpers";

/** Every built-in surface plus non-default variants, so options are exercised too. */
const surfaces: Surface2D[] = [
  ...SURFACE_NAMES.map((n) => getSurface(n)),
  rosenbrock({ a: 2, b: 5 }),
  longValley({ kappa: 200, angle: Math.PI / 6 }),
  rastrigin({ A: 3 }),
];

const unit = fc.double({ min: 0, max: 1, noNaN: true });

function pointIn(s: Surface2D, u: number, v: number): Float64Array {
  const [x0, x1] = s.domain.x;
  const [y0, y1] = s.domain.y;
  return Float64Array.of(x0 + u * (x1 - x0), y0 + v * (y1 - y0));
}

describe.each(surfaces.map((s) => [s.title, s] as const))("%s", (_title, s) => {
  it("analytic gradient matches central finite differences at random points", () => {
    fc.assert(
      fc.property(unit, unit, (u, v) => {
        const p = pointIn(s, u, v);
        const { value, grad } = analyticGradient(s, p);
        const fd = numericGradient(s, p);
        expect(value).toBe(s.value(p));
        expect(value).toBe(s.f(p[0], p[1]));
        for (let i = 0; i < 2; i++) {
          // FD error ~ eps*|f|/h + h^2*|f'''|: scale the tolerance with the size of f and g.
          expect(Math.abs(grad[i] - fd[i])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(grad[i])) + 1e-9 * Math.abs(value));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("stated minima have value 0, zero gradient and a positive definite Hessian", () => {
    for (const m of s.minima) {
      const { value, grad } = analyticGradient(s, Float64Array.of(m.x, m.y));
      expect(Math.abs(value)).toBeLessThan(1e-24);
      expect(Math.hypot(grad[0], grad[1])).toBeLessThan(1e-11);
      const [a, b, , d] = hessian2(s, m.x, m.y);
      expect(a).toBeGreaterThan(0);
      expect(a * d - b * b).toBeGreaterThan(0);
    }
  });

  it("no point of the domain is below the stated minimum", () => {
    if (s.minima.length === 0) return;
    const fMin = s.f(s.minima[0].x, s.minima[0].y);
    fc.assert(
      fc.property(unit, unit, (u, v) => {
        const p = pointIn(s, u, v);
        expect(s.f(p[0], p[1])).toBeGreaterThanOrEqual(fMin);
      }),
      { numRuns: 300 },
    );
  });

  it("stated saddles are stationary with an indefinite Hessian", () => {
    for (const p of s.saddles) {
      const { grad } = analyticGradient(s, Float64Array.of(p.x, p.y));
      expect(Math.hypot(grad[0], grad[1])).toBeLessThan(1e-10);
      const [a, b, , d] = hessian2(s, p.x, p.y);
      expect(a * d - b * b).toBeLessThan(0);
    }
  });

  it("has a start inside its domain, and works on Float32Array parameters", () => {
    expect(s.start[0]).toBeGreaterThanOrEqual(s.domain.x[0]);
    expect(s.start[0]).toBeLessThanOrEqual(s.domain.x[1]);
    expect(s.start[1]).toBeGreaterThanOrEqual(s.domain.y[0]);
    expect(s.start[1]).toBeLessThanOrEqual(s.domain.y[1]);
    const p32 = Float32Array.of(s.start[0], s.start[1]);
    const g32 = new Float32Array(2);
    const v = s.valueAndGradient(p32, g32);
    expect(v).toBeCloseTo(s.f(p32[0], p32[1]), 10);
    expect(Number.isFinite(g32[0]) && Number.isFinite(g32[1])).toBe(true);
  });

  it("rejects a parameter vector that is not 2-D", () => {
    expect(() => s.value(new Float64Array(3))).toThrow(DescentInputError);
    expect(() => s.valueAndGradient(new Float64Array(1), new Float64Array(1))).toThrow(/2 parameters/);
  });
});

describe("specific surfaces", () => {
  it("Rosenbrock: minimum (a, a^2), classic start (-1.2, 1) with f = 24.2", () => {
    const r = getSurface("rosenbrock");
    expect(r.minima).toEqual([{ x: 1, y: 1 }]);
    expect(r.start).toEqual([-1.2, 1]);
    // (1 + 1.2)^2 + 100 (1 - 1.44)^2 = 4.84 + 19.36
    expect(r.f(-1.2, 1)).toBeCloseTo(24.2, 12);
    expect(rosenbrock({ a: 2, b: 5 }).minima).toEqual([{ x: 2, y: 4 }]);
  });

  it("Beale: minimum at (3, 0.5), constant 14.203125 on the line x = 0", () => {
    const b = getSurface("beale");
    expect(b.f(3, 0.5)).toBe(0);
    for (const y of [-3, -1, 0, 0.5, 2, 4]) expect(b.f(0, y)).toBe(1.5 ** 2 + 2.25 ** 2 + 2.625 ** 2);
  });

  it("saddle: gradient zero at the origin, Hessian diag(2, -2), no minima", () => {
    const s = getSurface("saddle");
    expect(s.minima).toEqual([]);
    const { grad } = analyticGradient(s, Float64Array.of(0, 0));
    expect(grad[0] === 0 && grad[1] === 0).toBe(true);
    const [a, b, c, d] = hessian2(s, 0.3, -0.2);
    expect(a).toBeCloseTo(2, 8);
    expect(d).toBeCloseTo(-2, 8);
    expect(b).toBeCloseTo(0, 8);
    expect(c).toBeCloseTo(0, 8);
    // The start sits just off the x axis, so the escape direction y is barely excited.
    expect(Math.abs(s.start[1])).toBeGreaterThan(0);
    expect(Math.abs(s.start[1])).toBeLessThan(0.01);
  });

  it("long valley: Hessian eigenvalues 1 and kappa (condition number kappa), rotated or not", () => {
    for (const [kappa, angle] of [[50, 0], [200, Math.PI / 6], [7, -1]] as const) {
      const s = longValley({ kappa, angle });
      const [a, b, , d] = hessian2(s, 0.4, -0.3);
      const mean = (a + d) / 2;
      const r = Math.sqrt(((a - d) / 2) ** 2 + b * b);
      expect(mean + r).toBeCloseTo(kappa, 6);
      expect(mean - r).toBeCloseTo(1, 6);
      expect(s.title).toContain(String(kappa));
      // The start is the same distance from the minimum whatever the rotation.
      expect(Math.hypot(s.start[0], s.start[1])).toBeCloseTo(Math.hypot(1.8, 0.5), 12);
    }
    expect(getSurface("long-valley").minima).toEqual([{ x: 0, y: 0 }]);
  });

  it("Himmelblau: four distinct minima with f = 0", () => {
    const h = getSurface("himmelblau");
    expect(h.minima).toHaveLength(4);
    expect(h.f(3, 2)).toBe(0);
    const keys = new Set(h.minima.map((m) => `${Math.round(m.x)},${Math.round(m.y)}`));
    expect(keys.size).toBe(4);
  });

  it("Rastrigin: f(0,0) = 0, and a local minimum near (1, 0) that is not global", () => {
    const r = getSurface("rastrigin");
    expect(r.f(0, 0)).toBe(0);
    // Near the integer point (1, 0) f is about 1: a trap for gradient methods.
    expect(r.f(1, 0)).toBeCloseTo(1, 12);
    const [a, b, , d] = hessian2(r, 0.99497, 0); // the dimple next to (1, 0): 2x + 20 pi sin(2 pi x) = 0
    expect(a).toBeGreaterThan(0);
    expect(a * d - b * b).toBeGreaterThan(0);
  });
});

describe("getSurface and options", () => {
  it("knows exactly the six names", () => {
    expect([...SURFACE_NAMES].sort()).toEqual(["beale", "himmelblau", "long-valley", "rastrigin", "rosenbrock", "saddle"]);
    for (const n of SURFACE_NAMES) expect(getSurface(n).name).toBe(n);
  });

  it("rejects an unknown name with a DescentInputError listing the names", () => {
    expect(() => getSurface("rosenbrok")).toThrow(DescentInputError);
    expect(() => getSurface("rosenbrok")).toThrow(/"rosenbrok".*"rosenbrock".*"rastrigin"/);
  });

  it("validates options with RangeErrors naming them", () => {
    expect(() => getSurface("rosenbrock", { b: -1 })).toThrow(/^b must be a finite number > 0, got -1$/);
    expect(() => getSurface("rosenbrock", { c: 1 })).toThrow(RangeError);
    expect(() => getSurface("rosenbrock", { c: 1 })).toThrow(/"c".*a, b/);
    expect(() => getSurface("long-valley", { kappa: 0.5 })).toThrow(/^kappa must be .*>= 1, got 0.5$/);
    expect(() => getSurface("long-valley", { angle: NaN })).toThrow(/^angle must be/);
    expect(() => getSurface("rastrigin", { A: -2 })).toThrow(/^A must be a finite number >= 0, got -2$/);
    expect(() => getSurface("saddle", { kappa: 3 })).toThrow(/takes no options/);
  });

  it("problemInfo lists every surface with its formula and minima", () => {
    const info = problemInfo();
    expect(info.map((p) => p.name)).toEqual([...SURFACE_NAMES]);
    const rb = info.find((p) => p.name === "rosenbrock");
    expect(rb?.latex).toContain("100");
    expect(rb?.minima).toEqual([{ x: 1, y: 1 }]);
    expect(info.find((p) => p.name === "long-valley")?.options).toEqual(["kappa", "angle"]);
  });
});
