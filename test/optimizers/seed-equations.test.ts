import { describe, expect, it } from "vitest";
import { createOptimizer, OPTIMIZER_NAMES } from "../../src/optimizers/index";
import type { OptimizerName, OptimizerOptions } from "../../src/optimizers/optimizer";
import { gradientOf, leastSquares, loadCases, PROBLEMS_FILE, quadratic, rosenbrock, type Gradient } from "./problems";

/**
 * The seed convention against the course's equations, written here a second time, naively:
 * plain number arrays, one line per formula, nothing shared with src/. 60 steps per run, on
 * the ill-conditioned quadratic, Rosenbrock and a 5-D least-squares problem.
 * Tolerance 1e-12 relative (the two compute the same formulas, in a slightly different order).
 */
const STEPS = 60;
const REL = 1e-12;

type Grad = (w: number[]) => number[];
const asGrad = (g: Gradient): Grad => (w) => {
  const out = new Float64Array(w.length);
  g(w, out);
  return Array.from(out);
};
const lsq = PROBLEMS_FILE.problems["least-squares"];
const PROBLEMS: { name: string; grad: Grad; x0: number[]; scale: number }[] = [
  { name: "quadratic", grad: asGrad(quadratic), x0: [-2, 1], scale: 1 },
  { name: "rosenbrock", grad: asGrad(rosenbrock), x0: [-1.2, 1], scale: 0.05 },
  { name: "least-squares", grad: asGrad(leastSquares(lsq.A as number[][], lsq.b as number[])), x0: [0.5, 0.5, 0.5, 0.5, 0.5], scale: 1 },
];

const zeros = (n: number): number[] => new Array<number>(n).fill(0);
/** Each naive rule: one step from (theta, state) given the gradient function; returns theta. */
type Naive = (theta: number[], grad: Grad, t: number, s: Record<string, number[]>) => number[];

/** gradient plus the L2 term, g + lambda theta */
const l2 = (grad: Grad, theta: number[], lambda: number): number[] => grad(theta).map((g, i) => g + lambda * theta[i]);

const naive: Record<string, (h: Record<string, number>) => Naive> = {
  sgd: (h) => (th, grad) => {
    const g = l2(grad, th, h.wd);
    return th.map((x, i) => x - h.lr * g[i]);
  },
  // seed eq. (1)
  momentum: (h) => (th, grad, _t, s) => {
    const g = l2(grad, th, h.wd);
    s.v = s.v.map((v, i) => h.gamma * v + h.lr * g[i]);
    return th.map((x, i) => x - s.v[i]);
  },
  // Ruder's NAG in its original form: gradient at the look-ahead theta - gamma v. We keep theta
  // here and compare the optimizer's stored look-ahead point phi = theta - gamma v with it.
  nesterov: (h) => (th, grad, _t, s) => {
    const ahead = th.map((x, i) => x - h.gamma * s.v[i]);
    const g = l2(grad, ahead, h.wd);
    s.v = s.v.map((v, i) => h.gamma * v + h.lr * g[i]);
    return th.map((x, i) => x - s.v[i]);
  },
  adagrad: (h) => (th, grad, _t, s) => {
    const g = l2(grad, th, h.wd);
    s.G = s.G.map((G, i) => G + g[i] * g[i]);
    return th.map((x, i) => x - (h.lr / Math.sqrt(s.G[i] + h.eps)) * g[i]);
  },
  adadelta: (h) => (th, grad, _t, s) => {
    const g = l2(grad, th, h.wd);
    s.Eg2 = s.Eg2.map((E, i) => h.rho * E + (1 - h.rho) * g[i] * g[i]);
    const dth = g.map((gi, i) => -(Math.sqrt(s.Ed2[i] + h.eps) / Math.sqrt(s.Eg2[i] + h.eps)) * gi);
    s.Ed2 = s.Ed2.map((E, i) => h.rho * E + (1 - h.rho) * dth[i] * dth[i]);
    return th.map((x, i) => x + dth[i]);
  },
  // seed eq. (12), with the centered and momentum variants
  rmsprop: (h) => (th, grad, _t, s) => {
    const g = l2(grad, th, h.wd);
    s.Eg2 = s.Eg2.map((E, i) => h.gamma * E + (1 - h.gamma) * g[i] * g[i]);
    s.Eg = s.Eg.map((E, i) => h.gamma * E + (1 - h.gamma) * g[i]);
    const denom = g.map((_, i) => Math.sqrt(s.Eg2[i] - (h.centered ? s.Eg[i] * s.Eg[i] : 0) + h.eps));
    if (h.mu > 0) {
      s.b = s.b.map((b, i) => h.mu * b + (h.lr / denom[i]) * g[i]);
      return th.map((x, i) => x - s.b[i]);
    }
    return th.map((x, i) => x - (h.lr / denom[i]) * g[i]);
  },
  // seed eqs. (13)-(15); amsgrad: max of raw v; adamw: decoupled decay first
  adam: (h) => (th0, grad, t, s) => {
    const th = h.decoupled ? th0.map((x) => x * (1 - h.lr * h.wd)) : th0;
    const g = h.decoupled ? grad(th0) : l2(grad, th, h.wd); // AdamW: the loss gradient at the pre-decay point
    s.m = s.m.map((m, i) => h.b1 * m + (1 - h.b1) * g[i]);
    s.v = s.v.map((v, i) => h.b2 * v + (1 - h.b2) * g[i] * g[i]);
    s.vmax = s.vmax.map((u, i) => Math.max(u, s.v[i]));
    const second = h.amsgrad ? s.vmax : s.v;
    const mhat = s.m.map((m) => m / (1 - h.b1 ** t));
    const vhat = second.map((v) => v / (1 - h.b2 ** t));
    return th.map((x, i) => x - (h.lr / (Math.sqrt(vhat[i]) + h.eps)) * mhat[i]);
  },
  adamax: (h) => (th, grad, t, s) => {
    const g = l2(grad, th, h.wd);
    s.m = s.m.map((m, i) => h.b1 * m + (1 - h.b1) * g[i]);
    s.u = s.u.map((u, i) => Math.max(h.b2 * u, Math.abs(g[i])));
    return th.map((x, i) => x - (h.lr / s.u[i]) * (s.m[i] / (1 - h.b1 ** t)));
  },
  nadam: (h) => (th, grad, t, s) => {
    const g = l2(grad, th, h.wd);
    s.m = s.m.map((m, i) => h.b1 * m + (1 - h.b1) * g[i]);
    s.v = s.v.map((v, i) => h.b2 * v + (1 - h.b2) * g[i] * g[i]);
    const mhat = s.m.map((m) => m / (1 - h.b1 ** t));
    const vhat = s.v.map((v) => v / (1 - h.b2 ** t));
    return th.map((x, i) => x - (h.lr / (Math.sqrt(vhat[i]) + h.eps)) * (h.b1 * mhat[i] + ((1 - h.b1) * g[i]) / (1 - h.b1 ** t)));
  },
  amsgrad: (h) => (th, grad, _t, s) => {
    const g = l2(grad, th, h.wd);
    s.m = s.m.map((m, i) => h.b1 * m + (1 - h.b1) * g[i]);
    s.v = s.v.map((v, i) => h.b2 * v + (1 - h.b2) * g[i] * g[i]);
    s.vhat = s.vhat.map((u, i) => Math.max(u, s.v[i]));
    return th.map((x, i) => x - (h.lr / (Math.sqrt(s.vhat[i]) + h.eps)) * s.m[i]);
  },
};

interface SeedCase {
  label: string;
  name: OptimizerName;
  options: OptimizerOptions; // ours (lr scaled per problem when given)
  rule: keyof typeof naive;
  hyper: Record<string, number>; // the naive rule's symbols (lr scaled the same way)
  /** nesterov: compare our phi with theta - gamma v of the naive run */
  lookAhead?: boolean;
}

const CASES: SeedCase[] = [
  { label: "sgd", name: "sgd", options: { lr: 0.02 }, rule: "sgd", hyper: { lr: 0.02, wd: 0 } },
  { label: "sgd + weight decay", name: "sgd", options: { lr: 0.02, weightDecay: 0.1 }, rule: "sgd", hyper: { lr: 0.02, wd: 0.1 } },
  { label: "momentum eq. (1)", name: "momentum", options: { lr: 0.01, momentum: 0.9 }, rule: "momentum", hyper: { lr: 0.01, gamma: 0.9, wd: 0 } },
  { label: "sgd with momentum = eq. (1)", name: "sgd", options: { lr: 0.01, momentum: 0.8 }, rule: "momentum", hyper: { lr: 0.01, gamma: 0.8, wd: 0 } },
  { label: "nesterov (Ruder, look-ahead)", name: "nesterov", options: { lr: 0.01, momentum: 0.9 }, rule: "nesterov", hyper: { lr: 0.01, gamma: 0.9, wd: 0 }, lookAhead: true },
  { label: "sgd nesterov", name: "sgd", options: { lr: 0.01, momentum: 0.7, nesterov: true, weightDecay: 0.05 }, rule: "nesterov", hyper: { lr: 0.01, gamma: 0.7, wd: 0.05 }, lookAhead: true },
  { label: "adagrad", name: "adagrad", options: { lr: 0.3 }, rule: "adagrad", hyper: { lr: 0.3, eps: 1e-8, wd: 0 } },
  { label: "adadelta", name: "adadelta", options: {}, rule: "adadelta", hyper: { rho: 0.9, eps: 1e-6, wd: 0 } },
  { label: "adadelta rho .95 + wd", name: "adadelta", options: { rho: 0.95, eps: 1e-4, weightDecay: 0.1 }, rule: "adadelta", hyper: { rho: 0.95, eps: 1e-4, wd: 0.1 } },
  { label: "rmsprop eq. (12)", name: "rmsprop", options: { lr: 0.02 }, rule: "rmsprop", hyper: { lr: 0.02, gamma: 0.9, eps: 1e-8, mu: 0, centered: 0, wd: 0 } },
  { label: "rmsprop centered + momentum", name: "rmsprop", options: { lr: 0.01, alpha: 0.95, centered: true, momentum: 0.5, eps: 1e-6 }, rule: "rmsprop", hyper: { lr: 0.01, gamma: 0.95, eps: 1e-6, mu: 0.5, centered: 1, wd: 0 } },
  { label: "adam eqs. (13)-(15)", name: "adam", options: { lr: 0.05 }, rule: "adam", hyper: { lr: 0.05, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0, amsgrad: 0, decoupled: 0 } },
  { label: "adam amsgrad + wd", name: "adam", options: { lr: 0.05, betas: [0.8, 0.99], amsgrad: true, weightDecay: 0.1 }, rule: "adam", hyper: { lr: 0.05, b1: 0.8, b2: 0.99, eps: 1e-8, wd: 0.1, amsgrad: 1, decoupled: 0 } },
  { label: "adamw", name: "adamw", options: { lr: 0.05, weightDecay: 0.1 }, rule: "adam", hyper: { lr: 0.05, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0.1, amsgrad: 0, decoupled: 1 } },
  { label: "adamax", name: "adamax", options: { lr: 0.05 }, rule: "adamax", hyper: { lr: 0.05, b1: 0.9, b2: 0.999, wd: 0 } },
  { label: "nadam", name: "nadam", options: { lr: 0.05 }, rule: "nadam", hyper: { lr: 0.05, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0 } },
  { label: "amsgrad (Ruder, no bias correction)", name: "amsgrad", options: { lr: 0.05, betas: [0.9, 0.99] }, rule: "amsgrad", hyper: { lr: 0.05, b1: 0.9, b2: 0.99, eps: 1e-8, wd: 0 } },
];

function worstError(c: SeedCase, p: (typeof PROBLEMS)[number]): number {
  const scaled = (lr: number | undefined): number | undefined => (lr === undefined ? undefined : lr * p.scale);
  const ours = createOptimizer(c.name, { ...c.options, lr: scaled(c.options.lr), convention: "seed" });
  const hyper = { ...c.hyper };
  if (hyper.lr !== undefined) hyper.lr *= p.scale;
  const rule = naive[c.rule](hyper);
  const n = p.x0.length;
  const s: Record<string, number[]> = {};
  for (const k of ["v", "G", "Eg2", "Ed2", "Eg", "b", "m", "vmax", "u", "vhat"]) s[k] = zeros(n);
  let theta = [...p.x0];
  const x = Float64Array.from(p.x0);
  const g = new Float64Array(n);
  const state = ours.init(x);
  let worst = 0;
  for (let t = 1; t <= STEPS; t++) {
    theta = rule(theta, p.grad, t, s);
    const grad = p.grad(Array.from(x));
    for (let i = 0; i < n; i++) g[i] = grad[i];
    ours.step(x, g, state);
    for (let i = 0; i < n; i++) {
      const want = c.lookAhead ? theta[i] - hyper.gamma * s.v[i] : theta[i];
      const err = Math.abs(x[i] - want) / Math.max(1, Math.abs(want));
      if (!(err <= worst)) worst = err;
    }
  }
  return worst;
}

describe("seed convention = the course's equations, written naively", () => {
  it("every optimizer has a naive check", () => {
    expect(new Set(CASES.map((c) => c.name))).toEqual(new Set(OPTIMIZER_NAMES));
  });
  for (const c of CASES) {
    for (const p of PROBLEMS) {
      it(`${c.label} on ${p.name}, ${STEPS} steps`, () => {
        expect(worstError(c, p)).toBeLessThanOrEqual(REL);
      });
    }
  }

  it("the runs actually move (the comparison is not between two stationary points)", () => {
    const opt = createOptimizer("adam", { lr: 0.05 });
    const x = Float64Array.from([-2, 1]);
    const g = new Float64Array(2);
    const st = opt.init(x);
    for (let t = 0; t < STEPS; t++) {
      quadratic(x, g);
      opt.step(x, g, st);
    }
    expect(Math.abs(x[0] + 2)).toBeGreaterThan(1);
  });
});

/**
 * Where the seed's equations and torch coincide (constant lr, dampening 0, Adadelta with torch
 * lr = 1, AdaMax with torch eps = 0), our seed convention must reproduce torch's trajectories.
 * Tolerance 1e-12 relative: same rule, different order of rounding.
 */
describe("seed convention = torch where they coincide (fixtures)", () => {
  const seedCases = OPTIMIZER_NAMES.flatMap((n) => loadCases(n)).filter((c) => c.convention === "seed");
  it("covers momentum, nesterov, adadelta, adam, adamax", () => {
    const names = new Set(seedCases.map((c) => c.optimizer));
    for (const n of ["momentum", "nesterov", "adadelta", "adam", "adamax"]) expect(names.has(n), n).toBe(true);
    const adamax = seedCases.filter((c) => c.optimizer === "adamax");
    for (const c of adamax) expect(c.torch.kwargs.eps).toBe(0);
    for (const c of seedCases.filter((c) => c.optimizer === "adadelta")) expect(c.torch.kwargs.lr).toBe(1);
  });
  for (const c of seedCases) {
    it(`${c.id}: seed ${c.optimizer} vs ${c.torch.class}(${JSON.stringify(c.torch.kwargs)})`, () => {
      const opt = createOptimizer(c.optimizer, { ...(c.options as OptimizerOptions), convention: "seed" });
      const grad = gradientOf(c.problem);
      const x = Float64Array.from(c.trajectory[0]);
      const g = new Float64Array(x.length);
      const st = opt.init(x);
      let worst = 0;
      for (let k = 1; k < c.trajectory.length; k++) {
        grad(x, g);
        opt.step(x, g, st);
        for (let i = 0; i < x.length; i++) {
          const err = Math.abs(x[i] - c.trajectory[k][i]) / Math.max(1, Math.abs(c.trajectory[k][i]));
          if (!(err <= worst)) worst = err;
        }
      }
      expect(worst).toBeLessThanOrEqual(REL);
    });
  }
});
