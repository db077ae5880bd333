import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The kernel's fast compile path (scripts/notebooks/notebook-kernel-fast.cjs): src/ files are compiled per
 * file and cached, without tslab's type check; everything else is checked as before. Each run is
 * a fresh Node process set up exactly as scripts/notebooks/notebook-kernel.cjs sets up the kernel, executing
 * cells through tslab's own executor (scripts/notebooks/notebook-kernel-profile.cjs --cells). The real
 * kernel under Jupyter is exercised by notebooks.test.ts (type errors and throws included).
 */
const ROOT = join(__dirname, "..", "..");

interface Result {
  fast: boolean;
  cells: { ok: boolean; cpu: number }[];
  errors: string[];
  logs: string[];
  stats: { trustedEmits: number; fromMemory: number; fromDisk: number; compiled: number; cacheWriteErrors: number; skippedChecks: number };
}

/** Runs `node -e code` in `cwd`; resolves with its stdout (rejects with stderr on a non-zero exit). */
function runNode(code: string, cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["-e", code], { cwd });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", fail);
    child.on("close", (status) => (status === 0 ? done(out) : fail(new Error(`exit ${status}: ${err}`))));
  });
}

function runCells(cells: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done, fail) => {
    const childEnv = { ...process.env, ...env };
    if (!("DESCENT_KERNEL_FULL_CHECK" in env)) delete childEnv.DESCENT_KERNEL_FULL_CHECK;
    const child = spawn(process.execPath, [join(ROOT, "scripts", "notebooks", "notebook-kernel-profile.cjs"), "--cells", JSON.stringify(cells)], { cwd: ROOT, env: childEnv });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", fail);
    child.on("close", (status) => {
      try {
        done(JSON.parse(out.trim().split("\n").pop() ?? "") as Result);
      } catch {
        fail(new Error(`exit ${status}: ${err}`));
      }
    });
  });
}

const IMPORTS = 'import * as optimizers from "./src/optimizers/index";\nimport { minimize } from "./src/train/index";';
/** A real computation through the compiled library, printed to compare both paths. */
const COMPUTE = [
  "const parabola = { name: 'p', dim: 1, value: (t: Float64Array) => (t[0] - 2) ** 2,",
  "  valueAndGradient(t: Float64Array, out: Float64Array) { out[0] = 2 * (t[0] - 2); return (t[0] - 2) ** 2; } };",
  "const run = minimize(parabola, [0], optimizers.adam({ lr: 0.1 }), { steps: 25 });",
  // The last expression's value is what tslab's executor prints (a console.log would bypass it).
  "const summary = JSON.stringify({ exports: Object.keys(optimizers).sort(), final: Array.from(run.final), last: run.loss[run.loss.length - 1] }); summary",
].join("\n");

describe("the kernel's fast compile path", () => {
  it("still fails a cell on its own type error and on a wrong call into src/", async () => {
    const r = await runCells([IMPORTS, 'const o = optimizers.sgd({ lr: "fast" });', 'const x: number = "text";', "const ok = 1 + 1; ok"]);
    expect(r.fast).toBe(true);
    expect(r.cells.map((c) => c.ok)).toEqual([true, false, false, true]);
    expect(r.errors).toEqual(["1:28 - Type 'string' is not assignable to type 'number'.", "1:7 - Type 'string' is not assignable to type 'number'."]);
    expect(r.logs).toEqual(["2"]);
  }, 120_000);

  it("still type-checks an imported module outside src/", async () => {
    const r = await runCells([
      '/** @module scratch */\nexport const half = (n: number): number => n / 2;\nexport const wrong: number = "no";',
      'import { half } from "./scratch";\nconst h = half(3); h',
    ]);
    expect(r.cells.map((c) => c.ok)).toEqual([true, false]);
    expect(r.errors.at(-1)).toBe("scratch.ts 3:14 - Type 'string' is not assignable to type 'number'.");
  }, 120_000);

  it("runs src/ with the same exports and the same numbers as tslab's own path, skipping only src/'s checks", async () => {
    const fast = await runCells([IMPORTS, COMPUTE]);
    const full = await runCells([IMPORTS, COMPUTE], { DESCENT_KERNEL_FULL_CHECK: "1" });
    expect(fast.fast).toBe(true);
    expect(full.fast).toBe(false);
    expect(fast.cells.every((c) => c.ok) && full.cells.every((c) => c.ok)).toBe(true);
    expect(fast.logs).toHaveLength(1);
    expect(fast.logs).toEqual(full.logs);
    const printed = JSON.parse(fast.logs[0]!) as { exports: string[]; final: number[]; last: number };
    expect(printed.exports).toContain("adam");
    expect(Math.abs(printed.final[0]! - 2)).toBeLessThan(0.5); // Adam moved toward the minimum at 2
    // Every file under src/ that the cell pulled in went through the fast path, and only those.
    expect(fast.stats.trustedEmits).toBeGreaterThan(10);
    expect(fast.stats.skippedChecks).toBe(fast.stats.trustedEmits);
    expect(full.stats.trustedEmits).toBe(0);
  }, 180_000);

  it("compiles a src/ file once, then reads it from the disk cache in the next kernel", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "descent-kernel-cache-"));
    const env = { DESCENT_KERNEL_CACHE_DIR: cacheDir };
    const cold = await runCells([IMPORTS, COMPUTE], env);
    const warm = await runCells([IMPORTS, COMPUTE], env);
    const cached = readdirSync(cacheDir);
    rmSync(cacheDir, { recursive: true, force: true });
    expect(cold.stats.compiled).toBe(cold.stats.trustedEmits);
    expect(cold.stats.fromDisk).toBe(0);
    expect(cached.filter((f) => f.endsWith(".js"))).toHaveLength(cold.stats.compiled);
    expect(cached.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(warm.stats.compiled).toBe(0);
    expect(warm.stats.fromDisk).toBe(cold.stats.trustedEmits);
    expect(warm.logs).toEqual(cold.logs);
  }, 180_000);

  it("skips the type check of src/ files only: a type error there runs, a syntax error there still fails", async () => {
    // A scratch project (its own src/), on this repository's node_modules.
    const project = mkdtempSync(join(tmpdir(), "descent-kernel-src-"));
    mkdirSync(join(project, "src"));
    symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
    writeFileSync(join(project, "src", "typed.ts"), 'export const one: number = 1;\nexport const label: number = "not a number";\n');
    writeFileSync(join(project, "src", "broken.ts"), "export const broken = (;\n");
    const code = `
      const root = process.cwd();
      const { ts, stats } = require(${JSON.stringify(join(ROOT, "scripts", "notebooks", "notebook-kernel-fast.cjs"))}).installFastCompile({ root, cacheDir: root + "/cache" });
      ts.sys.watchDirectory = () => ({ close() {} });
      const { createConverter } = require(root + "/node_modules/tslab/dist/converter.js");
      const { createExecutor } = require(root + "/node_modules/tslab/dist/executor.js");
      const node = createConverter({});
      const errors = [], logs = [];
      const ex = createExecutor(root, { node, browser: node, close() {} }, { log: (...a) => logs.push(a.join(" ")), error: (...a) => errors.push(require("util").format(...a)) });
      (async () => {
        const ok = [await ex.execute('import { one } from "./src/typed";\\nconst two = one + 1; two'), await ex.execute('import { broken } from "./src/broken";')];
        console.log(JSON.stringify({ ok, errors, logs, stats }));
        process.exit(0);
      })();`;
    let output: string;
    try {
      output = await runNode(code, project);
    } finally {
      rmSync(project, { recursive: true, force: true }); // removes the link, not what it points to
    }
    const r = JSON.parse(output.trim()) as { ok: boolean[]; errors: string[]; logs: string[]; stats: Result["stats"] };
    expect(r.ok).toEqual([true, false]);
    expect(r.logs).toEqual(["2"]);
    expect(r.errors).toEqual(["src/broken.ts 1:24 - Expression expected."]);
    expect(r.stats.skippedChecks).toBe(2);
  }, 120_000);
});
