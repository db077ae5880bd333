import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../site/support/site";

/**
 * The kernels in a real browser: src/index.ts bundled by esbuild for the browser (as the site's
 * Vite does: the module is inlined as base64 and compiled synchronously), run in Chromium; and
 * the JavaScript fallback when WebAssembly SIMD is missing (WebAssembly.validate says no).
 */
const ENTRY = `
import { createOptimizer, kernelsAvailable, residentArrays, setKernels } from "${join(__dirname, "..", "..", "src", "index.ts")}";
globalThis.runKernels = () => {
  const out = { available: kernelsAvailable(), cases: [] };
  for (const [name, options] of [["adam", { convention: "pytorch", amsgrad: true }], ["rmsprop", { centered: true, momentum: 0.5 }], ["nadam", { convention: "pytorch" }]]) {
    for (const C of [Float32Array, Float64Array]) {
      const n = 999;
      const run = (mode) => {
        setKernels(mode);
        const opt = createOptimizer(name, options);
        const x = new C(n).map((_, i) => Math.cos(i));
        const g = new C(n);
        const state = opt.init(x);
        const resident = residentArrays(state) !== undefined;
        for (let k = 1; k <= 20; k++) {
          for (let i = 0; i < n; i++) g[i] = 2 * x[i] + Math.sin(i + k);
          opt.step(x, g, state);
        }
        setKernels("auto");
        return { x, resident };
      };
      const js = run("js");
      const fast = run("auto");
      let same = true;
      for (let i = 0; i < n; i++) if (!Object.is(js.x[i], fast.x[i])) same = false;
      out.cases.push({ name, type: C.name, resident: fast.resident, jsResident: js.resident, same, finite: fast.x.every(Number.isFinite) });
    }
  }
  return out;
};
`;

let browser: Browser;
let bundle: string;
const dir = mkdtempSync(join(tmpdir(), "descent-kernels-"));

beforeAll(async () => {
  writeFileSync(join(dir, "entry.ts"), ENTRY);
  const result = await build({ entryPoints: [join(dir, "entry.ts")], bundle: true, platform: "browser", format: "iife", write: false, logLevel: "silent" });
  bundle = result.outputFiles[0].text;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  available: boolean;
  cases: { name: string; type: string; resident: boolean; jsResident: boolean; same: boolean; finite: boolean }[];
}

async function runInPage(withoutSimd: boolean): Promise<Outcome> {
  const page = await browser.newPage();
  try {
    if (withoutSimd) await page.addInitScript(() => { WebAssembly.validate = () => false; });
    await page.goto("about:blank");
    await page.addScriptTag({ content: bundle });
    return (await page.evaluate("globalThis.runKernels()")) as Outcome;
  } finally {
    await page.close();
  }
}

describe("kernels in Chromium", () => {
  it("run in the browser bundle, resident, bit-identical to the JS loops", async () => {
    const out = await runInPage(false);
    expect(out.available).toBe(true);
    expect(out.cases).toHaveLength(6);
    for (const c of out.cases) {
      expect(c, `${c.name} ${c.type}`).toMatchObject({ resident: true, jsResident: false, same: true, finite: true });
    }
  });

  it("fall back to the JS loops where WebAssembly SIMD is missing", async () => {
    const out = await runInPage(true);
    expect(out.available).toBe(false);
    for (const c of out.cases) expect(c, `${c.name} ${c.type}`).toMatchObject({ resident: false, same: true, finite: true });
  });
});
