import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { firstBelow } from "../../src/analysis/first-below";
import { overshoot } from "../../src/analysis/overshoot";
import { rescaleObjective } from "../../src/analysis/rescale-objective";
import { watchOptimizer } from "../../src/analysis/watch-optimizer";
import { adagrad, momentum, sgd } from "../../src/optimizers/index";
import { getSurface } from "../../src/problems/surfaces/index";
import { minimize } from "../../src/train/index";

/** The analysis helpers of lessons 03-07 (momentum to RMSprop). */

describe("watchOptimizer", () => {
  it("leaves the trajectory unchanged and reports every step's state", () => {
    const valley = getSurface("long-valley", { kappa: 10 });
    const plain = minimize(valley, valley.start, adagrad({ lr: 0.3 }), { steps: 20 });
    const sums: number[] = [];
    const ts: number[] = [];
    const watched = minimize(valley, valley.start, watchOptimizer(adagrad({ lr: 0.3 }), (s) => {
      sums.push(s.state.slots.sum[1]);
      ts.push(s.t);
    }), { steps: 20 });
    expect(watched.trajectory.map((p) => Array.from(p))).toEqual(plain.trajectory.map((p) => Array.from(p)));
    expect(ts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // G_t is the running sum of squared y-gradients: kappa * y_k at each iterate k.
    let G = 0;
    for (let k = 0; k < 20; k++) {
      G += (10 * plain.trajectory[k][1]) ** 2;
      expect(sums[k]).toBeCloseTo(G, 12);
    }
  });

  it("passes a schedule's lr through and keeps name, convention and lr", () => {
    const seen: (number | undefined)[] = [];
    const opt = watchOptimizer(momentum({ lr: 0.05, convention: "pytorch" }), (s) => seen.push(s.lr));
    expect([opt.name, opt.convention, opt.lr]).toEqual(["momentum", "pytorch", 0.05]);
    const theta = new Float64Array([1]);
    const state = opt.init(theta);
    opt.step(theta, new Float64Array([2]), state, 0.5);
    opt.step(theta, new Float64Array([2]), state);
    expect(seen).toEqual([0.5, undefined]);
    expect(theta[0]).toBeCloseTo(1 - 0.5 * 2 - 0.05 * (0.9 * 2 + 2), 14);
  });

  it("refuses what is not an optimizer", () => {
    expect(() => watchOptimizer({} as never, () => {})).toThrow(DescentInputError);
    expect(() => watchOptimizer(sgd(), "x" as never)).toThrow(/onStep must be a function/);
  });
});

describe("overshoot", () => {
  it("measures the swing past the target and counts crossings", () => {
    const r = overshoot([1, 0.2, -0.5, 0.1, -0.05, 0.01], 0);
    expect(r.maxOvershoot).toBeCloseTo(0.5, 15);
    expect(r.crossings).toBe(4);
    expect(r.firstCrossing).toBe(2);
  });

  it("works from below the target and ignores exact hits", () => {
    const r = overshoot([-2, -1, 0, 0, 3, 1], 1);
    // e = -3, -2, -1, -1, 2, 0: one crossing (at index 4), 2 past the target of a start 3 away.
    expect(r.maxOvershoot).toBeCloseTo(2 / 3, 15);
    expect(r.crossings).toBe(1);
    expect(r.firstCrossing).toBe(4);
  });

  it("a monotone approach has no overshoot", () => {
    expect(overshoot([4, 2, 1, 0.5], 0)).toEqual({ maxOvershoot: 0, crossings: 0, firstCrossing: null });
  });

  it("refuses empty or non-finite input, naming the index", () => {
    expect(() => overshoot([])).toThrow(/non-empty/);
    expect(() => overshoot([1, NaN])).toThrow(/values\[1\]/);
    expect(() => overshoot([1], Infinity)).toThrow(/target/);
  });
});

describe("firstBelow", () => {
  it("finds the first index under the tolerance, or null", () => {
    expect(firstBelow([5, 3, 0.9, 0.1], 1)).toBe(2);
    expect(firstBelow([5, NaN, 3], 1)).toBeNull();
    expect(firstBelow([], 1)).toBeNull();
    expect(() => firstBelow([1], NaN)).toThrow(/tol/);
  });
});

describe("rescaleObjective", () => {
  it("computes c J(phi / s) and its gradient (c / s) grad J", () => {
    const valley = getSurface("long-valley", { kappa: 50 });
    const f = rescaleObjective(valley, { paramScale: 100, valueScale: 1e-6 });
    const phi = new Float64Array([-180, 50]);
    const g = new Float64Array(2);
    const v = f.valueAndGradient(phi, g);
    expect(v).toBeCloseTo(1e-6 * valley.f(-1.8, 0.5), 18);
    expect(f.value(phi)).toBe(v);
    expect(g[0]).toBeCloseTo((1e-6 / 100) * -1.8, 18);
    expect(g[1]).toBeCloseTo((1e-6 / 100) * 50 * 0.5, 18);
  });

  it("gradient descent with lr s^2 / c follows phi = s theta exactly (the units of a step)", () => {
    const valley = getSurface("long-valley", { kappa: 10 });
    const s = 8; // a power of two: the scaled run is the same arithmetic, exactly
    const a = minimize(valley, valley.start, sgd({ lr: 0.1 }), { steps: 30 });
    const b = minimize(rescaleObjective(valley, { paramScale: s }), valley.start.map((x) => s * x), sgd({ lr: 0.1 * s * s }), { steps: 30 });
    for (let k = 0; k <= 30; k++) expect(b.trajectory[k][0]).toBeCloseTo(s * a.trajectory[k][0], 12);
  });

  it("refuses scales that are not positive", () => {
    const valley = getSurface("long-valley");
    expect(() => rescaleObjective(valley, { paramScale: 0 })).toThrow(/paramScale must be a finite number > 0, got 0/);
    expect(() => rescaleObjective(valley, { valueScale: -1 })).toThrow(/valueScale/);
    expect(() => rescaleObjective(valley, {}).value(new Float64Array(3))).toThrow(/takes 2 parameters, got 3/);
  });
});
