import { describe, expect, it } from "vitest";
import {
  bestMomentumAtLr,
  convergenceFactor,
  firstBelow,
  gdOptimal,
  iterationMatrix,
  matrixRoots,
  momentumOptimal,
  noiseFloor,
  adamNoiseFloor,
  predictQuadraticRun,
  regime,
  spectralRadius,
  stabilityEdge,
  stepsForRate,
} from "../../src/analysis/index";
import { adam, momentum, nesterov, sgd } from "../../src/optimizers/index";
import { minimize } from "../../src/train/index";
import { getSurface } from "../../src/problems/surfaces/index";

const valley = getSurface("long-valley", { kappa: 50 });
const start = [...valley.start];

function largestRelativeGap(a: number[], b: number[]): number {
  let gap = 0;
  for (let t = 0; t < a.length; t++) gap = Math.max(gap, Math.abs(a[t] - b[t]) / Math.abs(b[t]));
  return gap;
}

describe("iteration matrices predict the library's runs on a quadratic", () => {
  for (const [method, make, gamma] of [
    ["gd", (lr: number) => sgd({ lr }), 0],
    ["momentum", (lr: number) => momentum({ lr, momentum: 0.9 }), 0.9],
    ["nesterov", (lr: number) => nesterov({ lr, momentum: 0.9 }), 0.9],
  ] as const) {
    it(`${method}: predicted loss equals the measured loss step for step`, () => {
      const run = minimize(valley, valley.start, make(0.02), { steps: 150 });
      const predicted = predictQuadraticRun({ method, lr: 0.02, momentum: gamma, curvatures: [1, 50], start, steps: 150 });
      expect(largestRelativeGap(predicted.loss, run.loss)).toBeLessThan(1e-9);
    });
  }

  it("trace and determinant are the closed forms (momentum det = gamma, NAG det = gamma (1 - h))", () => {
    const m = iterationMatrix("momentum", 0.1, 0.8, 3);
    expect(m[0][0] + m[1][1]).toBeCloseTo(1 + 0.8 - 0.3, 12);
    expect(m[0][0] * m[1][1] - m[0][1] * m[1][0]).toBeCloseTo(0.8, 12);
    const n = iterationMatrix("nesterov", 0.1, 0.8, 3);
    expect(n[0][0] + n[1][1]).toBeCloseTo(1.8 * 0.7, 12);
    expect(n[0][0] * n[1][1] - n[0][1] * n[1][0]).toBeCloseTo(0.8 * 0.7, 12);
  });

  it("complex roots have modulus sqrt(det); the regimes follow the eigenvalues", () => {
    const roots = matrixRoots(iterationMatrix("momentum", 0.03, 0.9, 50));
    expect(roots.im[0]).toBeGreaterThan(0);
    expect(spectralRadius(iterationMatrix("momentum", 0.03, 0.9, 50))).toBeCloseTo(Math.sqrt(0.9), 12);
    expect(regime("momentum", 0.03, 0.9, 50)).toBe("ripples");
    expect(regime("momentum", 0.01, 0.1, 1)).toBe("monotone");
    expect(regime("gd", 1.5, 0, 1)).toBe("oscillating");
    expect(regime("momentum", 0.1, 0.5, 31)).toBe("divergent"); // h = 3.1 > 2 (1 + 0.5)
  });

  it("the measured rate of a long run is the spectral radius", () => {
    const lr = 0.03;
    const gamma = 0.5;
    const run = minimize(valley, valley.start, momentum({ lr, momentum: gamma }), { steps: 400 });
    const measured = Math.sqrt(run.loss[400] / run.loss[300]) ** (1 / 100);
    const predicted = Math.max(convergenceFactor("momentum", lr, gamma, 1), convergenceFactor("momentum", lr, gamma, 50));
    expect(measured).toBeCloseTo(predicted, 3);
  });

  it("refuses a momentum outside [0, 1) and an unknown method, naming them", () => {
    expect(() => iterationMatrix("momentum", 0.1, 1, 1)).toThrow(/momentum \(gamma\) must be in \[0, 1\), got 1/);
    expect(() => iterationMatrix("adam" as never, 0.1, 0.5, 1)).toThrow(/method must be/);
  });
});

describe("optimal rates and stability edges", () => {
  it("GD's best rate balances both ends and achieves (kappa - 1)/(kappa + 1)", () => {
    const { lr, rate } = gdOptimal(1, 50);
    expect(lr).toBeCloseTo(2 / 51, 14);
    expect(rate).toBeCloseTo(49 / 51, 14);
    expect(Math.abs(1 - lr)).toBeCloseTo(rate, 14);
    expect(Math.abs(1 - 50 * lr)).toBeCloseTo(rate, 14);
  });

  it("momentum's best pair reaches J < 1e-6 on the kappa = 50 valley in 43 steps, as predicted", () => {
    const best = momentumOptimal(1, 50);
    expect(best.lr).toBeCloseTo(4 / (Math.sqrt(50) + 1) ** 2, 14);
    expect(best.momentum).toBeCloseTo(((Math.sqrt(50) - 1) / (Math.sqrt(50) + 1)) ** 2, 14);
    const run = minimize(valley, valley.start, momentum({ lr: best.lr, momentum: best.momentum }), { steps: 100 });
    const predicted = predictQuadraticRun({ method: "momentum", lr: best.lr, momentum: best.momentum, curvatures: [1, 50], start, steps: 100 });
    expect(firstBelow(run.loss, 1e-6)).toBe(43);
    expect(firstBelow(predicted.loss, 1e-6)).toBe(43);
    // both directions critically damped: every direction contracts at sqrt(gamma*)
    expect(convergenceFactor("momentum", best.lr, best.momentum, 1)).toBeCloseTo(best.rate, 6);
    expect(convergenceFactor("momentum", best.lr, best.momentum, 50)).toBeCloseTo(best.rate, 6);
    // the pure-rate estimate ignores the t rho^t of a double root, so it is lower than the real count
    expect(stepsForRate(best.rate, run.loss[0], 1e-6)).toBeLessThan(43);
  });

  it("the best momentum at eta = 0.03 is (1 - sqrt(0.03))^2 = 0.684 and the measured sweep agrees", () => {
    expect(bestMomentumAtLr(0.03, 1, 50)).toBeCloseTo(0.6836, 4);
    const steps = (g: number) => firstBelow(minimize(valley, valley.start, momentum({ lr: 0.03, momentum: g }), { steps: 1000, record: "none" }).loss, 1e-6)!;
    expect(steps(0.68)).toBeLessThan(steps(0.6));
    expect(steps(0.68)).toBeLessThan(steps(0.78));
  });

  it("stability edges: just below runs, just above diverges (momentum and NAG)", () => {
    for (const method of ["momentum", "nesterov"] as const) {
      const edge = stabilityEdge(method, 0.9, 50);
      const make = (lr: number) => (method === "momentum" ? momentum({ lr, momentum: 0.9 }) : nesterov({ lr, momentum: 0.9 }));
      const below = minimize(valley, valley.start, make(edge * 0.99), { steps: 3000, record: "none" });
      const above = minimize(valley, valley.start, make(edge * 1.01), { steps: 3000, record: "none" });
      expect(below.loss[below.loss.length - 1]).toBeLessThan(below.loss[0]);
      expect(above.stopped !== null || above.loss[above.loss.length - 1] > above.loss[0]).toBe(true);
    }
    expect(stabilityEdge("nesterov", 0.9, 50)).toBeCloseTo((2 * 1.9) / (2.8 * 50), 14);
    expect(stabilityEdge("gd", 0, 50)).toBe(0.04);
  });
});

describe("noiseFloor", () => {
  it("closed form at gamma = 0 is eta s^2 / (lambda (2 - eta lambda)) per direction", () => {
    const f = noiseFloor({ lr: 0.1, curvatures: [2], noiseVariance: 3 });
    expect(f.errorVariance[0]).toBeCloseTo((0.1 * 3) / (2 * (2 - 0.2)), 14);
    expect(f.excessLoss).toBeCloseTo((0.1 * 3) / (2 * (2 - 0.2)), 14);
  });

  it("predicts the measured stationary loss of SGD and momentum within 5 % (5 seeds)", () => {
    for (const [lr, gamma] of [
      [0.02, 0],
      [0.005, 0.75],
    ]) {
      const predicted = noiseFloor({ lr, curvatures: [1, 50], noiseVariance: 0.5, momentum: gamma }).excessLoss;
      let sum = 0;
      let n = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const run = minimize(valley, [0, 0], momentum({ lr, momentum: gamma }), { steps: 4000, gradientNoise: { eta: 0.5, gamma: 0, seed }, record: "none" });
        for (let t = 1000; t <= 4000; t++, n++) sum += run.loss[t];
      }
      expect(Math.abs(sum / n - predicted) / predicted).toBeLessThan(0.05);
    }
  });

  it("Adam's floor is eta sigma / 4 per direction: measured on a noisy bowl, linear in sigma, whatever the curvature", () => {
    const bowl = {
      name: "10 theta^2 / 2",
      dim: 1,
      value: (t: ArrayLike<number>) => 5 * t[0] ** 2,
      valueAndGradient(t: ArrayLike<number>, out: Float64Array) {
        out[0] = 10 * t[0];
        return 5 * t[0] ** 2;
      },
    };
    for (const sigma of [0.3, 3]) {
      const predicted = adamNoiseFloor({ lr: 0.001, curvatures: [10], sigma }).excessLoss;
      expect(predicted).toBeCloseTo((0.001 * sigma) / 4, 5);
      let sum = 0;
      let n = 0;
      for (let seed = 1; seed <= 3; seed++) {
        const run = minimize(bowl, [0], adam({ lr: 0.001 }), { steps: 12000, gradientNoise: { eta: sigma * sigma, gamma: 0, seed }, record: "none" });
        for (let t = 3000; t <= 12000; t++, n++) sum += run.loss[t];
      }
      expect(Math.abs(sum / n - predicted) / predicted).toBeLessThan(0.1);
    }
  });

  it("takes one noise variance per direction", () => {
    const f = noiseFloor({ lr: 0.1, curvatures: [1, 2], noiseVariance: [1, 4] });
    expect(f.errorVariance[1]).toBeCloseTo((0.1 * 4) / (2 * (2 - 0.2)), 14);
  });

  it("refuses an unstable rate and names it", () => {
    expect(() => noiseFloor({ lr: 0.05, curvatures: [1, 50], noiseVariance: 1 })).toThrow(/lr 0.05 is unstable on curvature 50/);
  });
});
