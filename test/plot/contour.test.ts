import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { contourGrid, levelGrid, surfaceContourFigure } from "../../src/plot/contour";
import { colorFor } from "../../src/plot/palette";
import type { ContourTrace, ScatterTrace } from "../../src/plot/plotly-types";
import type { SurfaceLike } from "../../src/plot/contour";
import type { Surface2D } from "../../src/problems/objective";

// Every Surface2D of src/problems can be passed where a figure wants a surface (checked by tsc).
export type SurfaceFits = Surface2D extends SurfaceLike ? true : never;
export const surfaceFits: SurfaceFits = true;
import { expectValidJson, rosenbrock } from "./helpers";

describe("contourGrid", () => {
  it("samples f at every grid point, rows along y", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), (nx, ny) => {
        const f = (x: number, y: number) => 3 * x - y * y + x * y;
        const g = contourGrid(f, { x: [-1, 2], y: [0, 5] }, [nx, ny]);
        expect(g.x.length).toBe(nx);
        expect(g.y.length).toBe(ny);
        expect(g.z.length).toBe(ny);
        expect(g.x[0]).toBe(-1);
        expect(g.x[nx - 1]).toBe(2);
        expect(g.y[ny - 1]).toBe(5);
        g.z.forEach((row, j) => {
          expect(row.length).toBe(nx);
          row.forEach((v, i) => expect(v).toBe(f(g.x[i], g.y[j])));
        });
      }),
      { numRuns: 30 },
    );
  });

  it("writes null where f is not finite and rejects bad domains and resolutions", () => {
    const g = contourGrid((x, y) => Math.log(x) + y, { x: [-1, 1], y: [0, 1] }, 3);
    expect(g.z[0][0]).toBeNull(); // log(-1) = NaN
    expect(g.z[0][1]).toBeNull(); // log(0) = -Infinity
    expect(g.z[1][2]).toBe(0.5);
    expect(() => contourGrid((x) => x, { x: [1, 0], y: [0, 1] }, 10)).toThrow(/domain.x must be \[min, max\] with finite min < max, got \[1, 0\]/);
    expect(() => contourGrid((x) => x, { x: [0, 1], y: [0, 1] }, 1)).toThrow(/resolution \(x\) must be an integer >= 2, got 1/);
  });

  it("log scale is log(1 + f - f_min): 0 exactly at the minimum, finite everywhere", () => {
    // 5 points on [-2, 2] and [-1, 3] put the grid on (1, 1), where Rosenbrock is 0 = f_min.
    const g = levelGrid(rosenbrock, true, 5);
    expect(g.fmin).toBe(0);
    expect(g.z[2][3]).toBe(0);
    g.z.forEach((row, j) => row.forEach((v, i) => expect(v).toBeCloseTo(Math.log1p(rosenbrock.f(g.x[i], g.y[j])), 12)));
    // A surface whose minimum is negative and off the grid: levels are still >= 0.
    const shifted = { ...rosenbrock, f: (x: number, y: number) => rosenbrock.f(x, y) - 7, minima: [{ x: 1, y: 1 }] };
    const h = levelGrid(shifted, true, 4);
    expect(h.fmin).toBe(-7);
    for (const row of h.z) for (const v of row) expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe("surfaceContourFigure", () => {
  const path = [
    [-1.5, 2],
    [-1, 1.2],
    [0, 0.5],
    [1, 1],
  ];

  it("has a contour, two traces per trajectory and the minima, with equal aspect", () => {
    const fig = surfaceContourFigure({ surface: rosenbrock, trajectories: [{ name: "Adam", points: path }, { name: "sgd", points: [Float64Array.of(0, 0), Float64Array.of(0.5, 0.25)] }], logScale: true, resolution: 20 });
    expectValidJson(fig);
    expect(fig.data.map((t) => t.type)).toEqual(["contour", "scatter", "scatter", "scatter", "scatter", "scatter"]);
    const contour = fig.data[0] as ContourTrace;
    expect(contour.z.length).toBe(20);
    const adam = fig.data[1] as ScatterTrace;
    expect(adam.mode).toBe("lines+markers");
    expect(adam.x).toEqual([-1.5, -1, 0, 1]);
    expect(adam.y).toEqual([2, 1.2, 0.5, 1]);
    expect(adam.line?.color).toBe(colorFor("adam"));
    const ends = fig.data[2] as ScatterTrace;
    expect(ends.x).toEqual([-1.5, 1]);
    expect(ends.y).toEqual([2, 1]);
    const minima = fig.data[5] as ScatterTrace;
    expect(minima.marker?.symbol).toBe("star");
    expect(minima.x).toEqual([1]);
    expect(fig.layout.yaxis?.scaleanchor).toBe("x");
    expect(fig.layout.yaxis?.scaleratio).toBe(1);
    expect(fig.layout.xaxis?.range).toEqual([-2, 2]);
    expect(fig.layout.title?.text).toBe("Rosenbrock");
  });

  it("turns diverged (NaN, Infinity) points into null so the JSON stays valid", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double(), fc.double()), { minLength: 1, maxLength: 20 }), (pts) => {
        const fig = surfaceContourFigure({ surface: rosenbrock, trajectories: [{ name: "nadam", points: pts }], resolution: 4, showMinima: false });
        expectValidJson(fig);
        expect(fig.data.length).toBe(3);
        const xs = (fig.data[1] as ScatterTrace).x;
        pts.forEach(([x], k) => expect(xs[k]).toBe(Number.isFinite(x) ? x + 0 : null)); // + 0: -0 is written as 0
      }),
      { numRuns: 40 },
    );
  });
});
