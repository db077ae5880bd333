import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { adam, hypergradient, momentum, sgd } from "../../src/optimizers/index";
import { minimize } from "../../src/train/index";
import { stepDecay } from "../../src/schedules/index";
import type { Objective } from "../../src/problems/objective";

/** J(x, y) = (x^2 + 10 y^2) / 2: gradient (x, 10 y). */
const bowl: Objective = {
  name: "bowl",
  dim: 2,
  value: (t) => 0.5 * (t[0] * t[0] + 10 * t[1] * t[1]),
  valueAndGradient(t, out) {
    out[0] = t[0];
    out[1] = 10 * t[1];
    return 0.5 * (t[0] * t[0] + 10 * t[1] * t[1]);
  },
};

function gradientOf(t: Float64Array): Float64Array {
  const g = new Float64Array(2);
  bowl.valueAndGradient(t, g);
  return g;
}

describe("hypergradient descent (Baydin et al. 2018)", () => {
  it("around plain SGD follows alpha_t = alpha_{t-1} + beta g_t . g_{t-1}, theta_t = theta_{t-1} - alpha_t g_t", () => {
    const alpha0 = 0.01;
    const beta = 1e-4;
    const alphas: number[] = [];
    const opt = hypergradient(sgd({ lr: alpha0 }), { hyperLr: beta, onStep: (_t, a) => alphas.push(a) });
    const theta = new Float64Array([3, -2]);
    const state = opt.init(theta);
    // The recurrence written out by hand, independently of the wrapper's measured direction.
    const ref = new Float64Array([3, -2]);
    let refAlpha = alpha0;
    let prevG: Float64Array = new Float64Array(2);
    const expected: number[] = [];
    for (let t = 0; t < 40; t++) {
      const g = gradientOf(ref);
      refAlpha = refAlpha + beta * (g[0] * prevG[0] + g[1] * prevG[1]);
      ref[0] -= refAlpha * g[0];
      ref[1] -= refAlpha * g[1];
      prevG = g;
      expected.push(refAlpha);
      opt.step(theta, gradientOf(theta), state);
    }
    expect(alphas.length).toBe(40);
    for (let t = 0; t < 40; t++) expect(alphas[t]).toBeCloseTo(expected[t], 12);
    expect(theta[0]).toBeCloseTo(ref[0], 10);
    expect(theta[1]).toBeCloseTo(ref[1], 10);
    expect(opt.lrOf(state)).toBe(alphas[39]);
    // Gradients agree while the rate is too small, so the rate grew.
    expect(alphas[39]).toBeGreaterThan(alpha0 * 1.5);
    expect(state.t).toBe(40);
  });

  it("with beta = 0 is the inner optimizer, bit for bit", () => {
    const run = (wrap: boolean): Float64Array => {
      const inner = adam({ lr: 0.05 });
      const res = minimize(bowl, [1, 1], wrap ? hypergradient(inner, { hyperLr: 0 }) : inner, { steps: 50 });
      return res.final;
    };
    expect(Array.from(run(true))).toEqual(Array.from(run(false)));
  });

  it("around Adam uses Adam's own direction u_1 = -mhat/(sqrt(vhat) + eps) = -g/(|g| + eps) after step 1", () => {
    const beta = 1e-4;
    const alphas: number[] = [];
    const opt = hypergradient(adam({ lr: 0.1 }), { hyperLr: beta, onStep: (_t, a) => alphas.push(a) });
    const theta = new Float64Array([3, -2]);
    const state = opt.init(theta);
    const g1 = gradientOf(theta);
    opt.step(theta, g1, state);
    const g2 = gradientOf(theta);
    opt.step(theta, g2, state);
    const u1 = Array.from(g1, (g) => -g / (Math.abs(g) + 1e-8));
    const expected = 0.1 - beta * (g2[0] * u1[0] + g2[1] * u1[1]);
    expect(alphas[0]).toBe(0.1);
    expect(alphas[1]).toBeCloseTo(expected, 12);
    expect(state.scalars.hdDot).toBeCloseTo(g2[0] * u1[0] + g2[1] * u1[1], 10);
  });

  it("shrinks a rate that overshoots (gradients flip sign) and reaches a lower loss than fixed SGD at that rate", () => {
    // 0.19 is just below the stability limit 2/10 along y: fixed SGD zigzags and crawls along x.
    const fixed = minimize(bowl, [3, -2], sgd({ lr: 0.19 }), { steps: 60 });
    const alphas: number[] = [];
    const hd = minimize(bowl, [3, -2], hypergradient(sgd({ lr: 0.19 }), { hyperLr: 1e-5, onStep: (_t, a) => alphas.push(a) }), { steps: 60 });
    expect(Math.min(...alphas)).toBeLessThan(0.19);
    expect(hd.loss[60]).toBeLessThan(fixed.loss[60]);
  });

  it("keeps the rate >= 0 when a huge beta would make it negative", () => {
    const alphas: number[] = [];
    const opt = hypergradient(momentum({ lr: 0.15, momentum: 0.5 }), { hyperLr: 10, onStep: (_t, a) => alphas.push(a) });
    const res = minimize(bowl, [3, -2], opt, { steps: 30 });
    expect(Math.min(...alphas)).toBe(0);
    expect(res.stopped).toBeNull();
    expect(alphas.every((a) => a >= 0 && Number.isFinite(a))).toBe(true);
  });

  it("refuses bad input with messages naming the value", () => {
    expect(() => hypergradient(sgd(), { hyperLr: -1 })).toThrow(/hyperLr.*-1/);
    expect(() => hypergradient(sgd(), { hyperLr: NaN })).toThrow(/hyperLr/);
    expect(() => hypergradient({} as never, { hyperLr: 1 })).toThrow(DescentInputError);
    expect(() => hypergradient(sgd(), undefined as never)).toThrow(/hyperLr/);
    const opt = hypergradient(sgd({ lr: 0.1 }), { hyperLr: 1e-3 });
    const theta = new Float64Array([1, 1]);
    const plain = sgd({ lr: 0.1 }).init(theta);
    expect(() => opt.step(theta, new Float64Array(2), plain)).toThrow(/wrapper's init/);
    const state = opt.init(theta);
    expect(() => opt.step(theta, new Float64Array(2), state, 0.1)).toThrow(/learns its own learning rate.*0\.1/);
    expect(() => opt.step(theta, new Float64Array(3), state)).toThrow(/length/);
    // minimize with a schedule passes a per-step lr: refused, not silently overridden.
    expect(() => minimize(bowl, [1, 1], opt, { steps: 3, schedule: stepDecay({ lr: 0.1 }) })).toThrow(/learns its own/);
  });
});
