import { describe, expect, it } from "vitest";
import { makeBlobs, makeLinearRegression, makeSpirals, makeTwoMoons } from "../../src/data/synthetic";

describe("synthetic data sets", () => {
  it("linear regression: y = X wTrue + bTrue exactly without noise; same seed, same data", () => {
    const a = makeLinearRegression({ n: 50, d: 4, noise: 0, seed: 3 });
    expect(a.X.length).toBe(200);
    for (let i = 0; i < a.n; i++) {
      let z = a.bTrue ?? NaN;
      for (let j = 0; j < 4; j++) z += a.X[i * 4 + j] * (a.wTrue as Float64Array)[j];
      expect(a.y[i]).toBeCloseTo(z, 12);
    }
    const b = makeLinearRegression({ n: 50, d: 4, noise: 0, seed: 3 });
    expect(Array.from(b.X)).toEqual(Array.from(a.X));
    const c = makeLinearRegression({ n: 50, d: 4, noise: 0, seed: 4 });
    expect(Array.from(c.X)).not.toEqual(Array.from(a.X));
    expect(makeLinearRegression({ n: 5, d: 2, bias: false }).bTrue).toBe(0);
  });

  it("linear regression: the residual spread equals the noise level and difficulty is |noise|", () => {
    const a = makeLinearRegression({ n: 4000, d: 2, noise: 0.5, seed: 1 });
    let ss = 0;
    for (let i = 0; i < a.n; i++) {
      const r = a.y[i] - (a.bTrue as number) - a.X[2 * i] * a.wTrue![0] - a.X[2 * i + 1] * a.wTrue![1];
      ss += r * r;
      expect(a.difficulty![i]).toBeCloseTo(Math.abs(r), 10);
    }
    expect(Math.sqrt(ss / a.n)).toBeGreaterThan(0.47);
    expect(Math.sqrt(ss / a.n)).toBeLessThan(0.53);
  });

  it("blobs: balanced labels, examples near their own center, difficulty = margin sign", () => {
    const b = makeBlobs({ n: 300, classes: 3, d: 2, spread: 0.3, seed: 5 });
    const counts = [0, 0, 0];
    for (const c of b.labels) counts[c]++;
    expect(counts).toEqual([100, 100, 100]);
    // With tight blobs almost every example is closer to its own center (negative difficulty).
    const easy = Array.from(b.difficulty!).filter((v) => v < 0).length;
    expect(easy).toBeGreaterThan(280);
    expect(() => makeBlobs({ n: 10, classes: 1 })).toThrow(/classes must be an integer >= 2, got 1/);
    expect(() => makeBlobs({ n: 10, classes: 2, spread: -1 })).toThrow(RangeError);
  });

  it("two moons: points lie on their arcs up to the jitter", () => {
    const m = makeTwoMoons({ n: 200, noise: 0, seed: 2 });
    for (let i = 0; i < m.n; i++) {
      const x = m.X[2 * i];
      const y = m.X[2 * i + 1];
      const r = m.labels[i] === 0 ? Math.hypot(x, y) : Math.hypot(1 - x, 0.5 - y);
      expect(r).toBeCloseTo(1, 12);
      expect(m.difficulty![i]).toBe(0);
    }
    expect(m.labels.filter((c) => c === 1).length).toBe(100);
  });

  it("spirals: radius in (0, 1] without noise, arms are rotations of each other", () => {
    const s = makeSpirals({ n: 300, classes: 3, noise: 0, seed: 9 });
    for (let i = 0; i < s.n; i++) {
      const r = Math.hypot(s.X[2 * i], s.X[2 * i + 1]);
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThanOrEqual(1 + 1e-12);
      // difficulty = winding angle = 2 pi turns r
      expect(s.difficulty![i]).toBeCloseTo(2 * Math.PI * 1.5 * r, 10);
      const phase = s.difficulty![i] + (2 * Math.PI * s.labels[i]) / 3;
      expect(s.X[2 * i]).toBeCloseTo(r * Math.cos(phase), 10);
    }
  });
});
