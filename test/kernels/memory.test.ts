import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setKernels } from "../../src/kernels/runtime";
import { createOptimizer } from "../../src/optimizers/index";
import { residentOf } from "../../src/optimizers/kernel-step";

/**
 * No leak across many optimizers: each state made for a large vector owns a WebAssembly.Memory,
 * which must go away with the state (the garbage collector frees it; nothing holds it).
 */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

beforeAll(() => setKernels("auto")); // also under DESCENT_KERNELS=js
afterAll(() => setKernels("auto"));

describe("kernel memory", () => {
  it("10,000 optimizers (one state and one step each) leave no memory behind", async () => {
    const x = new Float32Array(1000).fill(1);
    const g = new Float32Array(1000).fill(0.5);
    const refs: WeakRef<object>[] = [];
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 10_000; i++) {
      const opt = createOptimizer(i % 2 === 0 ? "adam" : "rmsprop", { convention: "pytorch" });
      const state = opt.init(x);
      const res = residentOf(state);
      if (res === undefined) throw new Error("state not resident: the test would measure nothing");
      opt.step(x, g, state);
      if (i % 100 === 0) refs.push(new WeakRef(res.memory));
    }
    // WeakRefs are cleared after the current job: collect, then yield, twice.
    for (let k = 0; k < 2; k++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    const alive = refs.filter((r) => r.deref() !== undefined).length;
    expect(alive, "memories still reachable after gc").toBeLessThanOrEqual(1);
    // 10,000 leaked states would hold >= 640 MB (one 64 KiB page each at least).
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1e6;
    expect(grownMb).toBeLessThan(200);
    expect(Number.isFinite(x[0])).toBe(true);
  });
});
