import { describe, expect, it } from "vitest";
import { tuneLr } from "../../src/analysis/index";
import { sgd } from "../../src/optimizers/index";
import { getSurface } from "../../src/problems/surfaces/index";

describe("tuneLr", () => {
  const valley = getSurface("long-valley", { kappa: 10 });

  it("picks the grid lr with the lowest final loss", () => {
    // GD on the valley: stable only for lr < 0.2; among these, 0.19 moves fastest along x
    const r = tuneLr((lr) => sgd({ lr }), valley, valley.start, [0.01, 0.1, 0.19, 0.3], { steps: 50 });
    expect(r.best?.lr).toBe(0.19);
    expect(r.trials.map((t) => t.lr)).toEqual([0.01, 0.1, 0.19, 0.3]);
    expect(r.trials[3].score).toBeGreaterThan(1e20 * r.trials[3].result.loss[0]); // grew, did not stop
    expect(r.trials[0].score).toBeGreaterThan(r.trials[1].score);
    expect(r.atEdge).toBe(false);
  });

  it("flags a best lr at the edge of the grid, and takes a custom score", () => {
    const r = tuneLr((lr) => sgd({ lr }), valley, valley.start, [0.001, 0.01], { steps: 20 });
    expect(r.best?.lr).toBe(0.01);
    expect(r.atEdge).toBe(true);
    const byFirstLoss = tuneLr((lr) => sgd({ lr }), valley, valley.start, [0.001, 0.01], { steps: 5, score: (res) => -res.loss[5] });
    expect(byFirstLoss.best?.lr).toBe(0.001);
  });

  it("returns best null when all diverge, and refuses a bad grid", () => {
    const none = tuneLr((lr) => sgd({ lr }), valley, valley.start, [5, 10], { steps: 400 });
    expect(none.best).toBeNull();
    expect(none.trials.every((t) => t.score === Infinity && t.result.stopped !== null)).toBe(true);
    expect(() => tuneLr((lr) => sgd({ lr }), valley, valley.start, [], { steps: 5 })).toThrow(/non-empty array/);
    expect(() => tuneLr((lr) => sgd({ lr }), valley, valley.start, [0.1, -1], { steps: 5 })).toThrow(/got -1/);
  });
});
