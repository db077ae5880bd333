import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Vec } from "../../src/core/vector";
import { kernelMode, kernelsAvailable, MIN_KERNEL_LENGTH, setKernels } from "../../src/kernels/runtime";
import { createOptimizer, OPTIMIZER_NAMES } from "../../src/optimizers/index";
import { residentOf } from "../../src/optimizers/kernel-step";
import type { Optimizer, OptimizerOptions, OptimizerState } from "../../src/optimizers/optimizer";

/**
 * The WebAssembly kernels against the JavaScript loops they transcribe: for every optimizer, both
 * conventions, each variant (weight decay, amsgrad, centered, momentum, nesterov, dampening, lr
 * decay, ...), Float32Array and Float64Array, the parameters AND every state buffer are equal bit
 * for bit after every one of 40 steps, with a schedule's lr changing each step. The kernels
 * compute in f64x2 lanes and round to float32 exactly where JS stores into a Float32Array, so
 * "equal" here means Object.is on every element (NaN equals NaN; +0 and -0 differ).
 */

const CASES: [string, OptimizerOptions][] = [];
const add = (name: string, ...variants: OptimizerOptions[]): void => {
  for (const v of variants) CASES.push([name, v]);
};
for (const convention of ["seed", "pytorch"] as const) {
  add("sgd", { convention }, { convention, weightDecay: 0.1 }, { convention, momentum: 0.9 }, { convention, momentum: 0.8, nesterov: true, weightDecay: 0.01 });
  add("momentum", { convention }, { convention, weightDecay: 0.05 });
  add("nesterov", { convention }, { convention, momentum: 0.5, weightDecay: 0.05 });
  add("adagrad", { convention }, { convention, weightDecay: 0.02 });
  add("adadelta", { convention }, { convention, rho: 0.7, weightDecay: 0.02 });
  add("rmsprop", { convention }, { convention, centered: true }, { convention, momentum: 0.6 }, { convention, centered: true, momentum: 0.6, weightDecay: 0.03 });
  add("adam", { convention }, { convention, amsgrad: true, weightDecay: 0.1 }, { convention, betas: [0.8, 0.99], eps: 1e-3 });
  add("adamax", { convention }, { convention, weightDecay: 0.05 });
  add("nadam", { convention }, { convention, weightDecay: 0.05 });
  add("amsgrad", { convention }, { convention, weightDecay: 0.05 });
  add("adamw", { convention }, { convention, amsgrad: true, weightDecay: 0.2 });
}
add("sgd", { convention: "pytorch", momentum: 0.9, dampening: 0.3, weightDecay: 0.01 });
add("adagrad", { convention: "pytorch", lrDecay: 0.05, initialAccumulatorValue: 0.1 }, { convention: "pytorch", eps: 0, initialAccumulatorValue: 0.2 });
add("adadelta", { convention: "pytorch", lr: 0.5 });
add("adamax", { convention: "pytorch", eps: 0 });
add("nadam", { convention: "pytorch", momentumDecay: 0.01 });

const N = 1037; // odd: the last pair of lanes runs on padding

/** A deterministic gradient with zeros, signed zeros, tiny, huge and ordinary coordinates. */
function gradient(x: Vec, g: Vec, k: number): void {
  for (let i = 0; i < x.length; i++) {
    const r = i % 11;
    if (r === 0) g[i] = 0; // a coordinate whose gradients are all 0 (the zero-step paths)
    else if (r === 1) g[i] = k % 2 === 0 ? -0 : 0;
    else if (r === 2) g[i] = 1e-41 * (1 + (i % 3)); // float32 subnormal
    else if (r === 3) g[i] = 3e18 * Math.sin(i + k);
    else g[i] = (0.5 + (i % 7)) * x[i] + 0.3 * Math.sin(0.37 * i + 1.3 * k);
  }
}

function start(Ctor: Float32ArrayConstructor | Float64ArrayConstructor): Vec {
  const x = new Ctor(N);
  for (let i = 0; i < N; i++) x[i] = Math.cos(0.1 * i) * (1 + (i % 5));
  return x;
}

function firstDifference(a: Vec, b: Vec): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function run(name: string, options: OptimizerOptions, Ctor: Float32ArrayConstructor | Float64ArrayConstructor): string | null {
  const make = (path: "js" | "auto"): { opt: Optimizer; x: Vec; state: OptimizerState } => {
    setKernels(path);
    const opt = createOptimizer(name, options);
    const x = start(Ctor);
    const state = opt.init(x);
    return { opt, x, state };
  };
  const js = make("js");
  const wasm = make("auto");
  setKernels("auto");
  if (residentOf(js.state) !== undefined) return "the JS state was made resident";
  const res = residentOf(wasm.state);
  if (res === undefined) return "the kernel state is not resident";
  for (const slot of Object.values(wasm.state.slots)) if (slot.buffer !== res.memory.buffer) return "a slot is not a view on the kernel's memory";
  const gj = new Ctor(N);
  const gw = new Ctor(N);
  const lr0 = js.opt.lr;
  for (let k = 1; k <= 40; k++) {
    gradient(js.x, gj, k);
    gradient(wasm.x, gw, k);
    // A schedule's lr, different every step (seed Adadelta checks it and ignores it).
    const lr = Number.isNaN(lr0) ? 0.5 : lr0 * (1 + 0.5 * Math.sin(k));
    js.opt.step(js.x, gj, js.state, lr);
    wasm.opt.step(wasm.x, gw, wasm.state, lr);
    const i = firstDifference(js.x, wasm.x);
    if (i >= 0) return `step ${k}: params[${i}] JS ${js.x[i]} kernel ${wasm.x[i]}`;
    for (const key of Object.keys(js.state.slots)) {
      const j = firstDifference(js.state.slots[key], wasm.state.slots[key]);
      if (j >= 0) return `step ${k}: slots.${key}[${j}] JS ${js.state.slots[key][j]} kernel ${wasm.state.slots[key][j]}`;
    }
    if (js.state.t !== wasm.state.t) return `step ${k}: t differs`;
    for (const key of Object.keys(js.state.scalars)) {
      if (!Object.is(js.state.scalars[key], wasm.state.scalars[key])) return `step ${k}: scalars.${key} differs`;
    }
  }
  return null;
}

// The mode this process started in (DESCENT_KERNELS, default "auto"); the tests set their own.
const startMode = kernelMode();
beforeAll(() => setKernels("auto"));
afterEach(() => setKernels("auto"));

describe("WebAssembly kernels", () => {
  it("are available on this Node (WebAssembly SIMD) and on by default (DESCENT_KERNELS otherwise)", () => {
    expect(kernelsAvailable()).toBe(true);
    expect(startMode).toBe(process.env.DESCENT_KERNELS ?? "auto");
  });

  it("cover every optimizer in both conventions", () => {
    for (const name of OPTIMIZER_NAMES) {
      for (const convention of ["seed", "pytorch"]) {
        expect(CASES.some(([n, o]) => n === name && o.convention === convention), `${name}/${convention}`).toBe(true);
      }
    }
  });

  for (const [name, options] of CASES) {
    for (const Ctor of [Float64Array, Float32Array]) {
      it(`${name} ${JSON.stringify(options)} ${Ctor.name}: kernel = JS loop, bit for bit, 40 steps`, () => {
        expect(run(name, options, Ctor)).toBeNull();
      });
    }
  }

  it("leave small vectors to the JS loop, and setKernels('js') / a replaced slot to JS", () => {
    const opt = createOptimizer("adam", {});
    expect(residentOf(opt.init(new Float64Array(MIN_KERNEL_LENGTH - 1)))).toBeUndefined();
    const big = new Float64Array(MIN_KERNEL_LENGTH).fill(1);
    const state = opt.init(big);
    expect(residentOf(state)).toBeDefined();
    // A user who swaps a buffer for an array of their own gets the JS loop on it, not stale memory.
    state.slots.m = new Float64Array(MIN_KERNEL_LENGTH);
    const g = new Float64Array(MIN_KERNEL_LENGTH).fill(2);
    opt.step(big, g, state);
    expect(state.slots.m[0]).toBeCloseTo(0.2, 12); // (1 - 0.9) * 2 landed in the user's array
    setKernels("js");
    expect(residentOf(opt.init(big))).toBeUndefined();
  });

  it("step a resident state with a grad of another float type through the JS loop (same result)", () => {
    const make = (): { x: Float32Array; state: OptimizerState; opt: Optimizer } => {
      const opt = createOptimizer("rmsprop", { convention: "pytorch" });
      const x = start(Float32Array) as Float32Array;
      return { x, opt, state: opt.init(x) };
    };
    const a = make();
    const b = make();
    const g64 = new Float64Array(N).map((_, i) => Math.sin(i) / 3);
    a.opt.step(a.x, g64, a.state);
    setKernels("js");
    b.opt.step(b.x, g64, b.state);
    expect(firstDifference(a.x, b.x)).toBe(-1);
  });

  it("refuse a bad mode by name", () => {
    expect(() => setKernels("quick" as never)).toThrow(/setKernels: mode must be "auto", "fast", "js" or "wasm", got "quick"/);
  });
});

describe("resident parameters (residentArrays)", () => {
  it("a step on the state's own params and grad arrays gives the same bits as one on the user's arrays", async () => {
    const { residentArrays } = await import("../../src/optimizers/kernel-step");
    const opt = createOptimizer("adam", { convention: "pytorch", amsgrad: true, weightDecay: 0.01 });
    const user = start(Float32Array);
    const s1 = opt.init(user);
    const s2 = opt.init(user);
    const home = residentArrays(s2);
    expect(home).toBeDefined();
    home!.params.set(user);
    const g = new Float32Array(N);
    for (let k = 1; k <= 10; k++) {
      gradient(user, g, k);
      home!.grad.set(g);
      opt.step(user, g, s1);
      opt.step(home!.params, home!.grad, s2);
      expect(firstDifference(user, home!.params)).toBe(-1);
    }
    expect(residentArrays(createOptimizer("adam", {}).init(new Float64Array(3)))).toBeUndefined();
  });
});

describe("DESCENT_KERNELS", () => {
  it("chooses the mode in a fresh process; a value it does not know is named in a warning and ignored", async () => {
    const { spawnSync } = await import("node:child_process");
    const script = 'import("./src/kernels/runtime.ts").then((m) => console.log((m.kernelMode ?? m.default.kernelMode)()))';
    const run = (value: string): { out: string; err: string } => {
      const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { env: { ...process.env, DESCENT_KERNELS: value }, encoding: "utf8" });
      return { out: r.stdout.trim(), err: r.stderr.trim() };
    };
    expect(run("js")).toEqual({ out: "js", err: "" });
    const bad = run("off");
    expect(bad.out).toBe("auto");
    expect(bad.err).toBe('descent: DESCENT_KERNELS="off" is not one of auto, fast, js, wasm; using "auto"');
  });
});
