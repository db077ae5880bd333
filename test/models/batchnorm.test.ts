import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { BatchNorm } from "../../src/models/batchnorm";
import { maxRelativeError, numericGradient } from "./gradcheck";

const m = 5;
const F = 3;

/** params = [gamma (F), beta (F)], x = (m x F); loss = sum_ij c_ij y_ij for fixed random c. */
function setup(seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: m * F }, () => 2 + 3 * rng.normal());
  const params = Float64Array.from({ length: 2 * F }, () => rng.normal());
  const c = Float64Array.from({ length: m * F }, () => rng.normal());
  const bn = new BatchNorm(F, { eps: 1e-5 });
  const out = new Float64Array(m * F);
  const loss = (xs: Float64Array, ps: Float64Array): number => {
    bn.forwardTrain(xs, m, ps, 0, F, out, false);
    let s = 0;
    for (let k = 0; k < m * F; k++) s += c[k] * out[k];
    return s;
  };
  return { x, params, c, bn, out, loss };
}

describe("batch normalisation", () => {
  it("backward matches finite differences for x, gamma and beta", () => {
    for (const seed of [1, 2, 3]) {
      const { x, params, c, bn, loss } = setup(seed);
      loss(x, params);
      const grad = new Float64Array(2 * F);
      const dx = new Float64Array(m * F);
      bn.backward(c, m, params, 0, grad, 0, F, dx);
      expect(maxRelativeError(dx, numericGradient((xs) => loss(xs, params), x))).toBeLessThan(1e-7);
      expect(maxRelativeError(grad, numericGradient((ps) => loss(x, ps), params))).toBeLessThan(1e-7);
    }
  });

  it("training output has per-feature mean beta and variance gamma^2 var/(var+eps)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const { x, params, bn, out } = setup(seed);
        bn.forwardTrain(x, m, params, 0, F, out, false);
        for (let f = 0; f < F; f++) {
          let mu = 0;
          let xm = 0;
          for (let i = 0; i < m; i++) {
            mu += out[i * F + f] / m;
            xm += x[i * F + f] / m;
          }
          let v = 0;
          let xv = 0;
          for (let i = 0; i < m; i++) {
            v += (out[i * F + f] - mu) ** 2 / m;
            xv += (x[i * F + f] - xm) ** 2 / m;
          }
          const g = params[f];
          expect(mu).toBeCloseTo(params[F + f], 10);
          expect(v).toBeCloseTo((g * g * xv) / (xv + 1e-5), 8);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("running statistics converge to the batch mean and unbiased variance; eval then uses them", () => {
    const { x, params, out } = setup(7);
    const bn = new BatchNorm(F, { momentum: 0.1 });
    expect(Array.from(bn.runningVar)).toEqual([1, 1, 1]);
    for (let k = 0; k < 400; k++) bn.forwardTrain(x, m, params, 0, F, out);
    for (let f = 0; f < F; f++) {
      let mu = 0;
      for (let i = 0; i < m; i++) mu += x[i * F + f] / m;
      let ss = 0;
      for (let i = 0; i < m; i++) ss += (x[i * F + f] - mu) ** 2;
      expect(bn.runningMean[f]).toBeCloseTo(mu, 9);
      expect(bn.runningVar[f]).toBeCloseTo(ss / (m - 1), 9);
      // Eval of the batch mean maps to beta.
      const probe = new Float64Array(F);
      probe[f] = mu;
      const y = new Float64Array(F);
      bn.forwardEval(probe, 1, params, 0, F, y);
      expect(y[f]).toBeCloseTo(params[F + f], 12);
    }
  });

  it("one momentum step mixes 10% of the batch into the running mean", () => {
    const { x, params, out } = setup(8);
    const bn = new BatchNorm(F, { momentum: 0.1 });
    bn.forwardTrain(x, m, params, 0, F, out);
    let mu0 = 0;
    for (let i = 0; i < m; i++) mu0 += x[i * F] / m;
    expect(bn.runningMean[0]).toBeCloseTo(0.1 * mu0, 12);
  });

  it("rejects a one-example training batch and bad options", () => {
    const bn = new BatchNorm(2);
    const p = Float64Array.from([1, 1, 0, 0]);
    expect(() => bn.forwardTrain(new Float64Array(2), 1, p, 0, 2, new Float64Array(2))).toThrow(/at least 2 examples, got 1/);
    expect(() => new BatchNorm(2, { momentum: 1 })).toThrow(RangeError);
    expect(() => new BatchNorm(2, { eps: 0 })).toThrow(/eps must be a finite number > 0, got 0/);
  });
});
