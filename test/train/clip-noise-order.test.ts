import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipByGlobalNorm } from "../../src/train/clip";
import { createGradientNoise, gradientNoiseVariance } from "../../src/train/noise";
import { createEpochOrder } from "../../src/train/order";

describe("clipByGlobalNorm", () => {
  it("returns the pre-clip norm, bounds the norm by c and keeps the direction", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, c) => {
          const g = Float64Array.from(values);
          const before = Math.hypot(...values);
          const returned = clipByGlobalNorm(g, c);
          expect(returned).toBeCloseTo(before, 6);
          const after = Math.hypot(...g);
          expect(after).toBeLessThanOrEqual(c * (1 + 1e-12));
          if (before <= c) expect(Array.from(g)).toEqual(values);
          else {
            expect(after).toBeCloseTo(c, 9);
            for (let i = 0; i < values.length; i++) expect(g[i] * before).toBeCloseTo(values[i] * c, 3);
          }
        },
      ),
    );
  });
});

describe("annealed gradient noise", () => {
  it("sigma_t^2 = eta / (1 + t)^gamma, gamma = 0.55 by default", () => {
    expect(gradientNoiseVariance(0, 0.3)).toBe(0.3);
    expect(gradientNoiseVariance(99, 1)).toBeCloseTo(100 ** -0.55, 15);
    expect(gradientNoiseVariance(3, 2, 1)).toBe(0.5);
  });

  it("the empirical variance of the added noise follows the schedule", () => {
    const noise = createGradientNoise({ eta: 0.5, seed: 3 });
    const n = 40_000;
    for (const t of [0, 9, 999]) {
      const g = new Float64Array(n).fill(2); // noise is added on top of the gradient
      noise.add(g, t);
      let mean = 0;
      for (const v of g) mean += v / n;
      let variance = 0;
      for (const v of g) variance += (v - mean) ** 2 / (n - 1);
      const expected = 0.5 / (1 + t) ** 0.55;
      expect(Math.abs(mean - 2)).toBeLessThan(5 * Math.sqrt(expected / n));
      expect(variance / expected).toBeGreaterThan(0.97);
      expect(variance / expected).toBeLessThan(1.03);
    }
  });

  it("rejects eta <= 0", () => {
    expect(() => createGradientNoise({ eta: 0 })).toThrow("gradientNoise.eta must be a finite number > 0, got 0");
  });
});

describe("epoch order", () => {
  it("shuffle gives a permutation every epoch", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const order = createEpochOrder({ kind: "shuffle", n, seed });
        for (let e = 0; e < 3; e++) {
          const sorted = Array.from(order.next()).sort((a, b) => a - b);
          expect(sorted).toEqual(Array.from({ length: n }, (_, i) => i));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("shuffle differs across epochs but is reproducible from the seed", () => {
    const a = createEpochOrder({ kind: "shuffle", n: 50, seed: 7 });
    const b = createEpochOrder({ kind: "shuffle", n: 50, seed: 7 });
    const c = createEpochOrder({ kind: "shuffle", n: 50, seed: 8 });
    const a1 = Array.from(a.next());
    const a2 = Array.from(a.next());
    expect(a2).not.toEqual(a1);
    expect(Array.from(b.next())).toEqual(a1);
    expect(Array.from(b.next())).toEqual(a2);
    expect(Array.from(c.next())).not.toEqual(a1);
  });

  it("fixed is 0..n-1; curriculum sorts by difficulty, easiest first, stable on ties", () => {
    expect(Array.from(createEpochOrder({ kind: "fixed", n: 4 }).next())).toEqual([0, 1, 2, 3]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 50 }), (diff) => {
        const order = Array.from(createEpochOrder({ kind: "curriculum", n: diff.length, difficulty: diff }).next());
        for (let k = 1; k < order.length; k++) {
          const prev = diff[order[k - 1]];
          const cur = diff[order[k]];
          expect(prev <= cur).toBe(true);
          if (prev === cur) expect(order[k - 1]).toBeLessThan(order[k]);
        }
        expect([...order].sort((a, b) => a - b)).toEqual(diff.map((_, i) => i));
      }),
    );
  });

  it("curriculum without a difficulty score, or an unknown order, is an input error", () => {
    expect(() => createEpochOrder({ kind: "curriculum", n: 3 })).toThrow(/needs a difficulty score per example \(length 3\), got none/);
    expect(() => createEpochOrder({ kind: "random" as "fixed", n: 3 })).toThrow(/order must be one of/);
  });
});
