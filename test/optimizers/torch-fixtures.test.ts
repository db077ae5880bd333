import { describe, expect, it } from "vitest";
import { setKernels } from "../../src/kernels/runtime";
import { createOptimizer, OPTIMIZER_NAMES } from "../../src/optimizers/index";
import { residentOf } from "../../src/optimizers/kernel-step";
import type { OptimizerOptions } from "../../src/optimizers/optimizer";
import { gradientOf, loadCases, PROBLEMS_FILE, type FixtureCase } from "./problems";

/**
 * Replays every trajectory torch.optim produced (scripts/torch_fixtures.py, float64, 200 steps)
 * with our optimizer and compares every row.
 *
 * Tolerance: |ours - torch| <= 1e-12 * max(1, |torch|) per coordinate and row. Both sides get
 * bit-identical gradients at identical points, so only rounding in the update can differ
 * (measured worst: 9e-16 over all cases; the brief asked for 1e-10, 1e-12 keeps a wide margin).
 *
 * Every case runs twice: on the JavaScript loops, and on the WebAssembly kernels (forced for
 * these 2-parameter problems with setKernels("wasm"); the test checks the state really lives in
 * WebAssembly memory).
 */
const REL = 1e-12;

function replay(c: FixtureCase, path: "js" | "wasm"): { worst: number; row: number } {
  const opt = createOptimizer(c.optimizer, { ...(c.options as OptimizerOptions), convention: c.convention });
  const grad = gradientOf(c.problem);
  const x = Float64Array.from(c.trajectory[0]);
  const g = new Float64Array(x.length);
  setKernels(path);
  const state = opt.init(x);
  setKernels("auto");
  if ((residentOf(state) !== undefined) !== (path === "wasm")) throw new Error(`${c.id}: the state is not on the ${path} path`);
  let worst = 0;
  let worstRow = 0;
  for (let k = 1; k < c.trajectory.length; k++) {
    grad(x, g);
    opt.step(x, g, state);
    const want = c.trajectory[k];
    for (let i = 0; i < x.length; i++) {
      const err = Math.abs(x[i] - want[i]) / Math.max(1, Math.abs(want[i]));
      if (!(err <= worst)) {
        worst = err; // NaN also lands here and fails the assertion below
        worstRow = k;
      }
    }
  }
  return { worst, row: worstRow };
}

const ALL_CASES = OPTIMIZER_NAMES.flatMap((name) => loadCases(name));
// The seed-convention cases (where the course's equations coincide with torch) are replayed in
// seed-equations.test.ts; here every case is replayed in the pytorch convention.
const TORCH_CASES = ALL_CASES.filter((c) => c.convention === "pytorch");

describe("torch fixtures", () => {
  it("were made by torch with 200 steps (201 rows) per case", () => {
    expect(PROBLEMS_FILE.steps).toBe(200);
    expect(TORCH_CASES.length).toBeGreaterThan(70);
    for (const c of ALL_CASES) expect(c.trajectory.length, c.id).toBe(201);
  });

  it("cover every optimizer in the pytorch convention, on every problem", () => {
    const problems = Object.keys(PROBLEMS_FILE.problems);
    expect(problems).toEqual(["rosenbrock", "beale", "quadratic", "least-squares"]);
    for (const name of OPTIMIZER_NAMES) {
      const covered = new Set(TORCH_CASES.filter((c) => c.optimizer === name).map((c) => c.problem));
      expect([...covered].sort(), name).toEqual([...problems].sort());
    }
  });

  for (const path of ["js", "wasm"] as const) {
    for (const c of TORCH_CASES) {
      it(`${path}: ${c.id}: ${c.torch.class}(${JSON.stringify(c.torch.kwargs)}) on ${c.problem}`, () => {
        const { worst, row } = replay(c, path);
        expect(worst, `worst relative error at row ${row}`).toBeLessThanOrEqual(REL);
      });
    }
  }
});
