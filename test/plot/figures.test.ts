import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { frameSteps, trajectoryAnimationFigure } from "../../src/plot/animation";
import { lossCurvesFigure } from "../../src/plot/loss-curves";
import { colorFor, OPTIMIZER_COLORS, paletteKey } from "../../src/plot/palette";
import { scheduleFigure } from "../../src/plot/schedule-figure";
import { surface3dFigure } from "../../src/plot/surface3d";
import type { ScatterTrace, Scatter3dTrace } from "../../src/plot/plotly-types";
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
    expect(fig.layout.xaxis?.title?.text).toBe("epoch");
    const linear = lossCurvesFigure([{ name: "sgd", values: [0, -1, Infinity] }]);
    expect((linear.data[0] as ScatterTrace).y).toEqual([0, -1, null]);
    expect(linear.layout.yaxis?.type).toBe("linear");
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
    for (const f of frames) expect(f.traces).toEqual([1, 2, 3, 4]);
    const at6 = frames[2].data;
    expect(at6[0].x).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(at6[1].x).toEqual([0.6]);
    expect(at6[2].x).toEqual([0, null, 1]); // the short path has ended and stays at its end
    expect(at6[3].y).toEqual([1]);
    expect(fig.data.length).toBe(1 + 4 + 1);
    expect((fig.data[1] as ScatterTrace).x).toEqual([0]);
    expect(fig.layout.updatemenus?.[0].buttons.map((b) => b.label)).toEqual(["▶ Play", "❚❚ Pause"]);
    expect(fig.layout.sliders?.[0].steps.map((s) => s.args[0][0])).toEqual(["0", "3", "6", "9", "10"]);
  });
});

describe("palette", () => {
  it("is stable per name, ignores case and decorations, and separates the optimizers", () => {
    expect(colorFor("Adam")).toBe(colorFor("adam (lr=0.01)"));
    expect(colorFor("ADAM")).toBe(OPTIMIZER_COLORS.adam);
    expect(paletteKey("Adaptive-Revision")).toBe("adaptive-revision");
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
    expect(() => scheduleFigure([step], 0)).toThrow(/steps must be an integer >= 1, got 0/);
  });

  it("lifts trajectories onto the same z scale as the surface", () => {
    const fig = surface3dFigure({ surface: rosenbrock, trajectories: [{ name: "adam", points: [[1, 1], [0, 0], [Infinity, 0]] }], logScale: true, resolution: 5 });
    expectValidJson(fig);
    expect(fig.data[0].type).toBe("surface");
    const t = fig.data[1] as Scatter3dTrace;
    expect(t.z).toEqual([0, Math.log1p(1), null]);
  });
});
