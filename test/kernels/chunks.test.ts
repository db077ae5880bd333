import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { COPY_CHUNK, setKernels } from "../../src/kernels/runtime";
import { createOptimizer, residentArrays } from "../../src/optimizers/index";
import { residentOf } from "../../src/optimizers/kernel-step";

/**
 * A step copies params and grad through the state's WebAssembly memory in chunks of COPY_CHUNK
 * elements (runtime.ts). Across chunk boundaries, with a length that is not a multiple of the
 * chunk or of the lane group, and with only one of the two arrays resident, the result is the
 * JS loop's, bit for bit, and no element past n is touched in the caller's arrays.
 */
afterAll(() => setKernels("auto"));

type Vec = Float32Array | Float64Array;
const N = 2 * COPY_CHUNK + 13;

function vec(kind: "float32" | "float64", seed: number, n = N): Vec {
  const rng = createRng(seed);
  const v = kind === "float32" ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return v;
}

const CASES = [
  { name: "adam" as const, kind: "float32" as const, options: { convention: "pytorch" as const, lr: 1e-3 } },
  { name: "sgd" as const, kind: "float64" as const, options: { convention: "pytorch" as const, lr: 1e-2, momentum: 0.9 } },
  { name: "rmsprop" as const, kind: "float32" as const, options: { convention: "pytorch" as const, lr: 1e-2, centered: true } },
];

describe("chunked copies", () => {
  for (const { name, kind, options } of CASES) {
    it(`${name} ${kind}: ${N} parameters (two chunks and 13), bit for bit; only params or only grad resident`, () => {
      for (const resident of ["none", "params", "grad"] as const) {
        setKernels("auto");
        const opt = createOptimizer(name, options as never);
        // One element of slack on each side of the caller's arrays: it must stay untouched.
        const outer = vec(kind, 1, N + 2);
        outer[0] = 7;
        outer[N + 1] = 7;
        let p: Vec = outer.subarray(1, N + 1);
        const start: Vec = p.slice();
        let g: Vec = vec(kind, 2);
        const state = opt.init(p);
        if (residentOf(state) === undefined) throw new Error("not on the kernel: the test would compare JS with JS");
        const home = residentArrays(state)!;
        if (resident === "params") {
          home.params.set(p);
          p = home.params;
        }
        if (resident === "grad") {
          home.grad.set(g);
          g = home.grad;
        }
        setKernels("js");
        const pj = start.slice();
        const sj = opt.init(pj);
        for (let step = 0; step < 3; step++) {
          setKernels("auto");
          opt.step(p, g, state);
          setKernels("js");
          opt.step(pj, g, sj);
        }
        for (let i = 0; i < N; i++) if (!Object.is(p[i], pj[i])) throw new Error(`${resident}: element ${i}: ${p[i]} vs ${pj[i]}`);
        for (const slot of Object.keys(sj.slots)) {
          const a = state.slots[slot];
          const b = sj.slots[slot];
          for (let i = 0; i < N; i++) if (!Object.is(a[i], b[i])) throw new Error(`${resident}: ${slot}[${i}]`);
        }
        expect([outer[0], outer[N + 1]]).toEqual([7, 7]);
        expect(p[N - 1]).not.toBe(start[N - 1]); // the last element was stepped
      }
    });
  }
});
