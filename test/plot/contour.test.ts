import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CONTOUR_FIGURE_HEIGHT, contourFigureHeight, contourGrid, levelGrid, LOG_LEVEL_THRESHOLD, MAX_MARKED_STEPS, prefersLogLevels, surfaceContourFigure } from "../../src/plot/contour";
import { trajectoryAnimationFigure } from "../../src/plot/animation";
import { titleOf } from "../../src/plot/style";
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

  it("has a contour, a path per trajectory, the minima, then the start/end markers, with equal aspect", () => {
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
    expect((fig.data[2] as ScatterTrace).x).toEqual([0, 0.5]); // sgd's path, before any marker
    const minima = fig.data[3] as ScatterTrace;
    expect(minima.marker?.symbol).toBe("star");
    expect(minima.x).toEqual([1]);
    const ends = fig.data[4] as ScatterTrace;
    expect(ends.legendgroup).toBe("Adam");
    expect(ends.x).toEqual([-1.5, 1]);
    expect(ends.y).toEqual([2, 1]);
    expect(ends.marker?.symbol).toEqual(["circle", "diamond"]);
    expect(ends.marker?.line?.color).toEqual([colorFor("adam"), "#222222"]);
    expect((fig.data[5] as ScatterTrace).x).toEqual([0, 0.5]);
    expect(fig.layout.yaxis?.scaleanchor).toBe("x");
    expect(fig.layout.yaxis?.scaleratio).toBe(1);
    expect(fig.layout.xaxis?.range).toEqual([-2, 2]);
    expect(fig.layout.yaxis?.range).toEqual([-1, 3]);
    expect(titleOf(fig.layout)).toBe("Rosenbrock");
  });

  it("keeps the axes on the surface's domain however far a path diverges", () => {
    const exploding = Array.from({ length: 30 }, (_, k) => [-1.2 * 3 ** k, 3 ** k]);
    const fig = surfaceContourFigure({ surface: rosenbrock, trajectories: [{ name: "sgd", points: exploding }], resolution: 5 });
    expect(fig.layout.xaxis?.range).toEqual([-2, 2]);
    expect(fig.layout.yaxis?.range).toEqual([-1, 3]);
    expect(fig.layout.xaxis?.autorange).toBeUndefined();
  });

  it("draws a dot per step only on short paths", () => {
    const run = (n: number) => Array.from({ length: n }, (_, k) => [k / n, 0]);
    const modeFor = (n: number) => (surfaceContourFigure({ surface: rosenbrock, trajectories: [{ name: "adam", points: run(n) }], resolution: 4 }).data[1] as ScatterTrace).mode;
    expect(modeFor(MAX_MARKED_STEPS + 1)).toBe("lines+markers");
    expect(modeFor(MAX_MARKED_STEPS + 2)).toBe("lines");
  });

  it("picks log levels automatically for Rosenbrock but not for a quadratic bowl or a saddle", () => {
    const bowl = { title: "Bowl", f: (x: number, y: number) => x * x + 4 * y * y, domain: { x: [-1, 1] as const, y: [-1, 1] as const }, minima: [{ x: 0, y: 0 }] };
    const saddle = { f: (x: number, y: number) => x * x - y * y, domain: { x: [-1.5, 1.5] as const, y: [-1.5, 1.5] as const } };
    const nameOf = (s: typeof rosenbrock | typeof bowl | typeof saddle, logScale?: boolean) => (surfaceContourFigure({ surface: s, resolution: 40, logScale }).data[0] as ContourTrace).name;
    expect(nameOf(rosenbrock)).toBe("log(1 + f - f_min)");
    expect(nameOf(bowl)).toBe("f");
    expect(nameOf(saddle)).toBe("f");
    expect(nameOf(rosenbrock, false)).toBe("f"); // an explicit choice wins
    expect(nameOf(bowl, true)).toBe("log(1 + f - f_min)");
    expect(levelGrid(rosenbrock, "auto", 40).logScale).toBe(true);
  });

  it("prefersLogLevels compares the median of f - f_min with the maximum", () => {
    // 1 row: d = 0, 1, 2, 3, 100 -> median 2 < 0.15 * 100.
    expect(prefersLogLevels([[5, 6, 7, 8, 105]], 5)).toBe(true);
    // d = 0, 10, 20, 30, 40 -> median 20 >= 0.15 * 40.
    expect(prefersLogLevels([[0, 10, 20, 30, 40]], 0)).toBe(false);
    expect(prefersLogLevels([[null, 3, 3]], 3)).toBe(false); // flat: nothing to spread
    expect(prefersLogLevels([[null]], Infinity)).toBe(false);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (row) => {
        const fmin = Math.min(...row);
        const d = row.map((v) => v - fmin).sort((a, b) => a - b);
        const max = d[d.length - 1];
        expect(prefersLogLevels([row], fmin)).toBe(max > 0 && d[Math.floor(d.length / 2)] < LOG_LEVEL_THRESHOLD * max);
      }),
      { numRuns: 50 },
    );
  });

  it("puts the title above the legend, or on the layout when nothing is in the legend", () => {
    const withLegend = surfaceContourFigure({ surface: rosenbrock, resolution: 4, title: "Banana" });
    expect(withLegend.layout.legend?.title?.text).toBe("Banana"); // the minimum's star is in the legend
    expect(withLegend.layout.title).toBeUndefined();
    const bare = surfaceContourFigure({ surface: rosenbrock, resolution: 4, title: "Banana", showMinima: false });
    expect(bare.layout.title?.text).toBe("Banana");
    expect(bare.layout.legend?.title).toBeUndefined();
  });

  it("turns diverged (NaN, Infinity) points into null so the JSON stays valid", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double(), fc.double()), { minLength: 1, maxLength: 20 }), (pts) => {
        const fig = surfaceContourFigure({ surface: rosenbrock, trajectories: [{ name: "nadam", points: pts }], resolution: 4, showMinima: false });
        expectValidJson(fig);
        expect(fig.data.length).toBe(3);
        const xs = (fig.data[1] as ScatterTrace).x;
        expect((fig.data[2] as ScatterTrace).x).toEqual([xs[0], xs[xs.length - 1]]);
        pts.forEach(([x], k) => expect(xs[k]).toBe(Number.isFinite(x) ? x + 0 : null)); // + 0: -0 is written as 0
      }),
      { numRuns: 40 },
    );
  });
});

describe("contour figure height", () => {
  const margin = { t: 30, b: 50, l: 60, r: 20 };
  it("fits the plot at 900 px for a wide domain, instead of a fixed 580 px", () => {
    // Aspect 4: the plot is 820 / 4 = 205 px tall at 900 px; + margins 80, a title line 28, one legend row 29.
    expect(contourFigureHeight({ x: [-4, 4], y: [-1, 1] }, 4, 1, margin)).toBe(80 + 28 + 29 + 205);
    // A square domain is capped at CONTOUR_FIGURE_HEIGHT.
    expect(contourFigureHeight({ x: [-1, 1], y: [-1, 1] }, 4, 1, margin)).toBe(CONTOUR_FIGURE_HEIGHT);
    // A very wide domain with a long legend: the phone's legend, one row per entry, decides.
    const h = contourFigureHeight({ x: [0, 40], y: [0, 1] }, 7, 2, margin);
    expect(h).toBe(Math.ceil(80 + 2 * 28 + 7 * 29 + 200 / 40));
  });

  it("is what surfaceContourFigure and trajectoryAnimationFigure set, counting legend entries and title lines", () => {
    const valley = { title: "A valley with a title long enough to wrap", f: (x: number, y: number) => x * x + 50 * y * y, domain: { x: [-4, 4] as const, y: [-1, 1] as const }, minima: [{ x: 0, y: 0 }] };
    const paths = [{ name: "sgd", points: [[-3, 0.5], [-2, 0.1]] }, { name: "adam", points: [[-3, 0.5], [-1, 0]] }];
    const fig = surfaceContourFigure({ surface: valley, trajectories: paths, resolution: 4 });
    // 3 legend entries (two paths, the minimum) and 2 title lines.
    expect(fig.layout.height).toBe(contourFigureHeight(valley.domain, 3, 2, margin));
    expect(fig.layout.height).toBeLessThan(CONTOUR_FIGURE_HEIGHT);
    const anim = trajectoryAnimationFigure({ surface: valley, trajectories: paths, resolution: 4 });
    expect(anim.layout.height).toBe(contourFigureHeight(valley.domain, 3, 2, { ...margin, b: 130 })); // the slider's margin
    // Nothing in the legend: the two title lines sit in the layout's top margin (40 + 20 per line), counted once.
    const bare = surfaceContourFigure({ surface: valley, resolution: 4, showMinima: false });
    expect(bare.layout.margin?.t).toBe(80);
    expect(bare.layout.height).toBe(contourFigureHeight(valley.domain, 0, 0, { ...margin, t: 80 }));
  });
});
