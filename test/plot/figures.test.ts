import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { frameSteps, trajectoryAnimationFigure } from "../../src/plot/animation";
import { levelGrid, contourGrid } from "../../src/plot/contour";
import { decadeTicks, lossCurvesFigure, oneTwoFiveTicks } from "../../src/plot/loss-curves";
import { colorFor, OPTIMIZER_COLORS, paletteKey, SCHEDULE_COLORS } from "../../src/plot/palette";
import { MAX_STAIRCASE_STEPS, scheduleFigure } from "../../src/plot/schedule-figure";
import { meshHeight, surface3dFigure } from "../../src/plot/surface3d";
import { TITLE_LINE_CHARS, titleOf, wrapTitle } from "../../src/plot/style";
import type { ScatterTrace, Scatter3dTrace, SurfaceTrace } from "../../src/plot/plotly-types";
import { expectValidJson, rosenbrock } from "./helpers";

describe("lossCurvesFigure", () => {
  it("one line per series with default and given x, log axis gaps for values <= 0", () => {
    const fig = lossCurvesFigure(
      [
        { name: "Adam", values: Float64Array.of(4, 2, 1, 0.5) },
        { name: "RMSprop", values: [3, 0, NaN, 1e-3], x: [0, 10, 20, 30] },
      ],
      { logY: true, title: "Loss", xTitle: "epoch" },
    );
    expectValidJson(fig);
    expect(fig.data.length).toBe(2);
    const [a, r] = fig.data as ScatterTrace[];
    expect(a.x).toEqual([0, 1, 2, 3]);
    expect(a.y).toEqual([4, 2, 1, 0.5]);
    expect(r.x).toEqual([0, 10, 20, 30]);
    expect(r.y).toEqual([3, null, null, 1e-3]);
    expect(r.line?.color).toBe(OPTIMIZER_COLORS.rmsprop);
    expect(fig.layout.yaxis?.type).toBe("log");
    expect(fig.layout.yaxis?.dtick).toBe(1); // 1e-3 .. 4 spans more than two decades
    expect(fig.layout.xaxis?.title?.text).toBe("epoch");
    expect(titleOf(fig.layout)).toBe("Loss");
    const linear = lossCurvesFigure([{ name: "sgd", values: [0, -1, Infinity] }]);
    expect((linear.data[0] as ScatterTrace).y).toEqual([0, -1, null]);
    expect(linear.layout.yaxis?.type).toBe("linear");
  });

  it("keeps a one-series figure's title (Plotly hides a lone trace's legend, where the title sits)", () => {
    const one = lossCurvesFigure([{ name: "a", values: [1, 2] }], { title: "T" });
    expect(one.layout.showlegend).toBe(true);
    expect(one.layout.legend?.title?.text).toBe("T");
  });

  it("ticks once per decade only when the data span two decades or more", () => {
    expect(decadeTicks([0.5, 2, 49.9])).toBeUndefined();
    expect(decadeTicks([0.5, null, -3, 0, 50])).toBe(1);
    expect(decadeTicks([null, 0])).toBeUndefined();
    // Eight decades keep a tick each; eighty are labelled every tenth decade, not 80 labels.
    expect(decadeTicks([1e-8, 1])).toBe(1);
    expect(decadeTicks([1e-80, 1])).toBe(10);
    expect(decadeTicks([1e-9, 1])).toBe(2);
    const narrow = lossCurvesFigure([{ name: "adam", values: [3, 2, 1] }], { logY: true });
    expect(narrow.layout.yaxis?.dtick).toBeUndefined();
  });

  it("rejects x and values of different lengths", () => {
    expect(() => lossCurvesFigure([{ name: "sgd", values: [1, 2], x: [0] }])).toThrow(/2 values but 1 x positions/);
  });
});

describe("trajectoryAnimationFigure", () => {
  it("frame steps are 0, k, 2k, ... and always end at the last step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 30 }), (len, k) => {
        const s = frameSteps(len, k);
        expect(s[0]).toBe(0);
        expect(s[s.length - 1]).toBe(len - 1);
        for (let i = 1; i < s.length; i++) expect(s[i] - s[i - 1]).toBeGreaterThan(0);
        for (let i = 1; i < s.length - 1; i++) expect(s[i]).toBe(i * k);
        expect(s.length).toBe(len === 1 ? 1 : Math.ceil((len - 1) / k) + 1);
      }),
    );
  });

  it("grows each path frame by frame, with play/pause buttons and a slider", () => {
    const long = Array.from({ length: 11 }, (_, k) => [k / 10, k / 5]);
    const short = [
      [0, 0],
      [NaN, 1],
      [1, 1],
    ];
    const fig = trajectoryAnimationFigure({ surface: rosenbrock, trajectories: [{ name: "momentum", points: long }, { name: "adagrad", points: short }], stepsPerFrame: 3, resolution: 10 });
    expectValidJson(fig);
    const frames = fig.frames ?? [];
    expect(frames.map((f) => f.name)).toEqual(["0", "3", "6", "9", "10"]);
    for (const f of frames) expect(f.traces).toEqual([3, 4, 5, 6]); // after the contour and the two guides
    const at6 = frames[2].data;
    expect(at6[0].x).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(at6[1].x).toEqual([0.6]);
    expect(at6[2].x).toEqual([0, null, 1]); // the short path has ended and stays at its end
    expect(at6[3].y).toEqual([1]);
    expect(fig.data.length).toBe(1 + 2 + 4 + 1);
    // The guides hold each whole path (what a figure at rest shows), take no hover and no legend entry.
    const [guideLong, guideShort] = fig.data.slice(1, 3) as ScatterTrace[];
    expect(guideLong.x).toEqual(long.map((p) => p[0]));
    expect(guideShort.x).toEqual([0, null, 1]);
    expect(guideLong.line?.color).toBe(colorFor("momentum"));
    expect(guideLong.showlegend).toBe(false);
    expect(guideLong.hoverinfo).toBe("skip");
    expect(guideLong.opacity).toBeLessThan(1);
    expect((fig.data[3] as ScatterTrace).x).toEqual([0]); // the animated path starts at step 0
    expect(fig.layout.updatemenus?.[0].buttons.map((b) => b.label)).toEqual(["▶", "❚❚"]);
    // Redraw on every frame: without it Plotly dropped the contour background.
    expect(fig.layout.updatemenus?.[0].buttons[0].args[1].frame?.redraw).toBe(true);
    expect(fig.layout.sliders?.[0].steps.every((s) => s.args[1].frame?.redraw === true)).toBe(true);
    expect(fig.layout.xaxis?.range).toEqual([-2, 2]);
    expect(fig.layout.sliders?.[0].steps.map((s) => s.args[0][0])).toEqual(["0", "3", "6", "9", "10"]);
  });
});

describe("palette", () => {
  it("every optimizer and schedule colour stands out on a white page (WCAG contrast >= 2)", () => {
    const luminance = (hex: string) => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);
    expect(contrastOnWhite("#F0E442")).toBeLessThan(2); // the Okabe-Ito yellow that vanished in the browser
    for (const [name, hex] of [...Object.entries(OPTIMIZER_COLORS), ...Object.entries(SCHEDULE_COLORS)]) {
      expect([name, contrastOnWhite(hex) >= 2]).toEqual([name, true]);
    }
  });

  it("is stable per name, ignores case and decorations, and separates the optimizers", () => {
    expect(colorFor("Adam")).toBe(colorFor("adam (lr=0.01)"));
    expect(colorFor("ADAM")).toBe(OPTIMIZER_COLORS.adam);
    expect(paletteKey("Adaptive-Revision")).toBe("adaptive-revision");
    for (const inherited of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expect(colorFor(inherited)).toMatch(/^#[0-9A-F]{6}$/i);
    const names = ["sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam", "amsgrad", "adamw"];
    expect(new Set(names.map(colorFor)).size).toBe(names.length);
    fc.assert(fc.property(fc.string(), (s) => {
      expect(colorFor(s)).toMatch(/^#[0-9A-F]{6}$/i);
    }));
    fc.assert(fc.property(fc.string(), (s) => {
      expect(colorFor(s)).toBe(colorFor(s));
    }));
  });
});

describe("scheduleFigure and surface3dFigure", () => {
  it("plots eta_t at every step", () => {
    const step = { name: "step", at: (t: number) => 0.1 * 0.5 ** Math.floor(t / 10) };
    const fig = scheduleFigure([step, { name: "constant", at: () => 0.05 }], 25, { logY: true });
    expectValidJson(fig);
    const y = (fig.data[0] as ScatterTrace).y;
    expect(y.length).toBe(25);
    expect(y[9]).toBe(0.1);
    expect(y[10]).toBe(0.05);
    expect(y[24]).toBe(0.025);
    expect(fig.layout.yaxis?.type).toBe("log");
    expect(titleOf(fig.layout)).toBe("Learning-rate schedules");
    expect(() => scheduleFigure([step], 0)).toThrow(/steps must be an integer >= 1, got 0/);
  });

  it("colours by schedule name whatever the label, and draws stairs only when they are visible", () => {
    const cosine = { name: "cosine", at: (t: number) => 0.1 * (1 + Math.cos((Math.PI * t) / 300)) };
    const few = scheduleFigure([cosine, { name: "mine", at: () => 0.01 }], MAX_STAIRCASE_STEPS, { labels: ["cosine, T = 300", "adam"] });
    const [c, mine] = few.data as ScatterTrace[];
    expect(c.name).toBe("cosine, T = 300");
    expect(c.line?.color).toBe(SCHEDULE_COLORS.cosine);
    expect(mine.line?.color).toBe(colorFor("adam")); // unknown schedule: the label's colour
    const odd = scheduleFigure([{ name: "toString", at: () => 1 }], 3);
    expect((odd.data[0] as ScatterTrace).line?.color).toBe(colorFor("toString"));
    expect(c.line?.shape).toBe("hv");
    const many = scheduleFigure([cosine], MAX_STAIRCASE_STEPS + 1);
    expect((many.data[0] as ScatterTrace).line?.shape).toBe("linear");
  });

  it("lifts trajectories onto the surface, never below the drawn mesh, and ends them at the domain's edge", () => {
    const fig = surface3dFigure({ surface: rosenbrock, trajectories: [{ name: "adam", points: [[1, 1], [0, 0], [0.5, 0.3], [2.5, 0], [0, 0]] }], logScale: true, resolution: 5 });
    expectValidJson(fig);
    const mesh = fig.data[0] as SurfaceTrace;
    expect(mesh.type).toBe("surface");
    const zs = mesh.z.flat().filter((v): v is number => v !== null);
    const lift = 0.01 * (Math.max(...zs) - Math.min(...zs));
    expect(lift).toBeGreaterThan(0);
    const t = fig.data[1] as Scatter3dTrace;
    expect(t.x).toEqual([1, 0, 0.5]); // (2.5, 0) is outside x in [-2, 2]: the path ends before it
    expect(t.z[0]).toBeCloseTo(0 + lift, 12); // (1, 1) is a grid point: mesh = true height = 0
    expect(t.z[1]).toBeCloseTo(Math.log1p(1) + lift, 12);
    // (0.5, 0.3) lies between grid points, in the valley, where the mesh is above the true floor.
    const g = levelGrid(rosenbrock, true, 5);
    const mesh05 = meshHeight(g, 0.5, 0.3) as number;
    const true05 = Math.log1p(rosenbrock.f(0.5, 0.3));
    expect(mesh05).toBeGreaterThan(true05);
    expect(t.z[2]).toBeCloseTo(mesh05 + lift, 12);
    const ends = fig.data[2] as Scatter3dTrace;
    expect(ends.x).toEqual([1, 0.5]);
    expect(fig.layout.scene?.xaxis?.range).toEqual([-2, 2]);
    expect(fig.layout.scene?.yaxis?.range).toEqual([-1, 3]);
  });

  it("meshHeight interpolates the grid bilinearly (exact for an affine f)", () => {
    const f = (x: number, y: number) => 2 * x - 3 * y + 1;
    const g = contourGrid(f, { x: [-1, 2], y: [0, 4] }, [7, 5]);
    fc.assert(
      fc.property(fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (x, y) => {
        expect(meshHeight(g, x, y)).toBeCloseTo(f(x, y), 9);
      }),
      { numRuns: 100 },
    );
  });
});

describe("titles at 420 px", () => {
  it("wraps a long title at spaces into lines of at most TITLE_LINE_CHARS, and titleOf gives it back as one line", () => {
    const long = "Long valley (condition number 50): adaptive rates";
    const wrapped = wrapTitle(long);
    const lines = wrapped.split(" <br>");
    expect(lines).toEqual(["Long valley (condition", "number 50): adaptive rates"]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(TITLE_LINE_CHARS);
    expect(lines.join(" ")).toBe(long);
    expect(wrapTitle("Loss")).toBe("Loss");
    expect(wrapTitle("θ_t for three learning rates")).toBe("θ_t for three <br>learning rates"); // even lines, no orphan word
    expect(wrapTitle("a".repeat(40) + " b")).toBe("a".repeat(40) + " <br>b"); // a longer word keeps its own line
    const fig = lossCurvesFigure([{ name: "a", values: [1, 2] }, { name: "b", values: [2, 1] }], { title: long });
    expect(fig.layout.legend?.title?.text).toBe(wrapped);
    expect(titleOf(fig.layout)).toBe(long);
  });

  it("any title wraps into lines no longer than the limit unless a single word is", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zθη=(),.0-9]{1,12}$/), { minLength: 1, maxLength: 12 }), (words) => {
        const text = words.join(" ");
        const lines = wrapTitle(text).split(" <br>");
        expect(lines.join(" ")).toBe(text);
        for (const l of lines) expect(l.length <= TITLE_LINE_CHARS || !l.includes(" ")).toBe(true);
        // As few lines as greedy filling to the limit gives: evening them out never adds a line.
        let greedy = 1;
        let width = 0;
        for (const w of words) {
          if (width > 0 && width + 1 + w.length > TITLE_LINE_CHARS) {
            greedy++;
            width = w.length;
          } else width = width > 0 ? width + 1 + w.length : w.length;
        }
        expect(lines.length).toBe(greedy);
      }),
    );
  });

  it("a layout title (no legend) gets a top margin for each of its lines", () => {
    const one = layoutTitleMargin("Short");
    const two = layoutTitleMargin("A title that is certainly longer than one line");
    expect(two - one).toBe(20);
  });
});

function layoutTitleMargin(title: string): number {
  // A figure with no series has nothing in its legend: the title goes on the layout.
  const fig = lossCurvesFigure([], { title });
  return fig.layout.margin?.t ?? NaN;
}

describe("line figures with long legends", () => {
  it("grow to one 20 px row per legend entry above a 260 px plot, and keep the default height when that fits", () => {
    const series = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `series ${i}`, values: [1, 2, 3] }));
    expect(lossCurvesFigure(series(4), { title: "Short" }).layout.height).toBeUndefined(); // 30 + 50 + 28 + 80 + 260 = 448
    expect(lossCurvesFigure(series(7), { title: "Short" }).layout.height).toBe(30 + 50 + 28 + 7 * 20 + 260);
    const schedules = ["constant", "step", "exponential", "inverse-time", "cosine", "warmup", "sgdr"].map((name) => ({ name, at: () => 0.1 }));
    // The default title "Learning-rate schedules" is one line.
    expect(scheduleFigure(schedules, 10).layout.height).toBe(30 + 50 + 28 + 7 * 20 + 260);
  });
});

describe("log axes spanning less than two decades", () => {
  it("get 1-2-5 ticks labelled in full instead of Plotly's column of digits", () => {
    expect(oneTwoFiveTicks([0.04, 0.9, null, -1, 0.1])).toEqual({ tickvals: [0.05, 0.1, 0.2, 0.5], ticktext: ["0.05", "0.1", "0.2", "0.5"] });
    expect(oneTwoFiveTicks([1.5e-5, 3e-4])).toEqual({ tickvals: [2e-5, 5e-5, 1e-4, 2e-4], ticktext: ["2e-5", "5e-5", "1e-4", "2e-4"] });
    expect(oneTwoFiveTicks([300, 12000])).toEqual({ tickvals: [500, 1000, 2000, 5000, 10000], ticktext: ["500", "1000", "2000", "5000", "1e4"] });
    expect(oneTwoFiveTicks([0.3, 0.9])).toBeUndefined(); // only 0.5 in range: Plotly's ticks are fine there
    expect(oneTwoFiveTicks([1e-3, 1])).toBeUndefined(); // three decades: decadeTicks' case
    const fig = lossCurvesFigure([{ name: "adam", values: [0.9, 0.3, 0.1, 0.04] }], { logY: true });
    expect(fig.layout.yaxis?.tickvals).toEqual([0.05, 0.1, 0.2, 0.5]);
    expect(fig.layout.yaxis?.dtick).toBeUndefined();
    const wide = lossCurvesFigure([{ name: "adam", values: [1, 1e-6] }], { logY: true });
    expect(wide.layout.yaxis?.tickvals).toBeUndefined();
    expect(wide.layout.yaxis?.dtick).toBe(1);
    // A standoff with automargin: Plotly then widens the margin instead of printing the title over 10^-30.
    expect(wide.layout.yaxis?.title?.standoff).toBeGreaterThan(0);
    expect(wide.layout.yaxis?.automargin).toBe(true);
  });
});
