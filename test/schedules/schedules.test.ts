import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constant, cosine, exponential, inverseTime, sgdr, stepDecay, warmup } from "../../src/schedules/index";

const lrArb = fc.double({ min: 1e-4, max: 10, noNaN: true });
const gammaArb = fc.double({ min: 0.05, max: 1, noNaN: true });

function relClose(actual: number, expected: number, rel = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);
}

describe("constant", () => {
  it("returns lr at every t", () => {
    fc.assert(
      fc.property(lrArb, fc.nat(1e6), (lr, t) => {
        expect(constant({ lr }).at(t)).toBe(lr);
      }),
    );
  });
});

describe("step decay", () => {
  it("is exactly flat on each plateau and equals lr * gamma^k on plateau k", () => {
    fc.assert(
      fc.property(lrArb, gammaArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 15 }), (lr, gamma, s, k) => {
        const sched = stepDecay({ lr, gamma, stepSize: s });
        let expected = lr;
        for (let i = 0; i < k; i++) expected *= gamma; // gamma^k by repeated products, not pow
        const first = sched.at(k * s);
        relClose(first, expected, 1e-13);
        for (let off = 1; off < s; off++) expect(sched.at(k * s + off)).toBe(first);
        if (gamma < 0.999) expect(sched.at((k + 1) * s)).toBeLessThan(first);
      }),
    );
  });
});

describe("exponential", () => {
  it("multiplies by gamma at every step", () => {
    fc.assert(
      fc.property(lrArb, fc.double({ min: 0.5, max: 1, noNaN: true }), fc.nat(500), (lr, gamma, t) => {
        const sched = exponential({ lr, gamma });
        expect(sched.at(0)).toBe(lr);
        relClose(sched.at(t + 1) / sched.at(t), gamma, 1e-12);
      }),
    );
  });
});

describe("inverse-time", () => {
  it("halves at t = 1/decay (power 1) and falls to lr/2^p with power p", () => {
    fc.assert(
      fc.property(lrArb, fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), (lr, decay, p) => {
        expect(inverseTime({ lr, decay }).at(0)).toBe(lr);
        relClose(inverseTime({ lr, decay }).at(1 / decay), lr / 2, 1e-12);
        relClose(inverseTime({ lr, decay, power: p }).at(1 / decay), lr / Math.pow(2, p), 1e-12);
      }),
    );
  });
  it("at t = 3/decay with power 1 the rate is a quarter", () => {
    relClose(inverseTime({ lr: 0.8, decay: 0.5 }).at(6), 0.2);
  });
});

describe("cosine", () => {
  it("starts at lr, ends at lrMin at T, stays there, and never increases", () => {
    fc.assert(
      fc.property(lrArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 300 }), (lr, frac, T) => {
        const lrMin = lr * frac;
        const sched = cosine({ lr, lrMin, tMax: T });
        expect(sched.at(0)).toBe(lr);
        expect(sched.at(T)).toBe(lrMin);
        expect(sched.at(T + 1)).toBe(lrMin);
        expect(sched.at(10 * T + 7)).toBe(lrMin);
        let prev = Infinity;
        for (let t = 0; t <= T + 3; t++) {
          const v = sched.at(t);
          expect(v).toBeLessThanOrEqual(prev);
          expect(v).toBeGreaterThanOrEqual(lrMin);
          prev = v;
        }
      }),
    );
  });
  it("is halfway between lr and lrMin at T/2", () => {
    relClose(cosine({ lr: 1, lrMin: 0.2, tMax: 10 }).at(5), 0.6, 1e-15);
    relClose(cosine({ lr: 1, lrMin: 0, tMax: 4 }).at(1), (1 + Math.SQRT1_2) / 2, 1e-15);
  });
});

describe("warm-up", () => {
  it("rises linearly from warmupStart*lr to lr at warmupSteps, then holds lr", () => {
    fc.assert(
      fc.property(lrArb, fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (lr, W, s) => {
        const sched = warmup({ lr, warmupSteps: W, warmupStart: s });
        relClose(sched.at(0), s * lr, 1e-15);
        expect(sched.at(W)).toBe(lr);
        expect(sched.at(W + 5)).toBe(lr);
        const step = (lr * (1 - s)) / W;
        for (let t = 0; t < W; t++) {
          // Equal increments: linear.
          expect(Math.abs(sched.at(t + 1) - sched.at(t) - step)).toBeLessThanOrEqual(1e-12 * lr);
        }
      }),
    );
  });
  it("hands over to the next schedule on its own clock, with lr defaulting to its first value", () => {
    const after = cosine({ lr: 0.3, lrMin: 0.01, tMax: 50 });
    const sched = warmup({ warmupSteps: 8, warmupStart: 0, after });
    expect(sched.hyper.lr).toBe(0.3);
    expect(sched.at(0)).toBe(0);
    relClose(sched.at(4), 0.15);
    for (let k = 0; k < 60; k++) expect(sched.at(8 + k)).toBe(after.at(k));
    expect(sched.after).toBe(after);
  });
});

describe("SGDR (cosine with warm restarts)", () => {
  it("restarts exactly at T0, T0 + T0*Tmult, ... and equals lr there", () => {
    fc.assert(
      fc.property(
        lrArb,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        (lr, frac, t0, tMult) => {
          const lrMin = lr * frac;
          const sched = sgdr({ lr, lrMin, t0, tMult });
          const steps = 400;
          const expected: number[] = [];
          let length = t0;
          for (let start = t0; start < steps; start += length) {
            expected.push(start);
            length *= tMult;
          }
          expect(sched.restarts(steps)).toEqual(expected);
          relClose(sched.at(0), lr, 1e-15);
          for (const r of expected) {
            relClose(sched.at(r), lr, 1e-15);
            // Just before a restart the rate is near the floor, below lr: the jump is real.
            expect(sched.at(r - 1)).toBeLessThan(lr);
          }
          // Between restarts the rate only falls, and never below lrMin.
          const isRestart = new Set([0, ...expected]);
          for (let t = 1; t < steps; t++) {
            if (!isRestart.has(t)) expect(sched.at(t)).toBeLessThanOrEqual(sched.at(t - 1));
            expect(sched.at(t)).toBeGreaterThanOrEqual(lrMin);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
  it("with tMult = 1 is periodic with period T0", () => {
    const sched = sgdr({ lr: 0.2, t0: 7, tMult: 1, lrMin: 0.001 });
    for (let t = 0; t < 50; t++) expect(sched.at(t + 7)).toBe(sched.at(t));
  });
  it("follows the cosine inside a cycle", () => {
    // Second cycle of T0 = 4, Tmult = 2 runs t = 4..11 with T_i = 8.
    const sched = sgdr({ lr: 1, t0: 4, tMult: 2, lrMin: 0 });
    relClose(sched.at(4 + 4), 0.5, 1e-15);
    relClose(sched.at(4 + 2), (1 + Math.SQRT1_2) / 2, 1e-15);
  });
});
