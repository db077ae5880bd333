import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PLOTLY_MESSAGE } from "../../src/notebook/figure-bundle";
import { executeNotebooks, launchChromium, ROOT } from "./support/jupyter";

/**
 * Exports, with the real nbconvert: an executed copy numbers its cells (plain
 * `jupyter nbconvert --to html` shows In [1]:), and `npm run notebooks:export` writes ONE HTML
 * file that renders its math (KaTeX) and figures (plotly.js) in Chromium with every request
 * beyond the file itself refused.
 */
const MATH_AND_FIGURE = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "descent", display_name: "TypeScript (Descent)", language: "typescript" } },
  cells: [
    {
      cell_type: "markdown",
      id: "intro",
      metadata: {},
      source: "# Export\n\nInline $\\eta_t = \\eta_0 / \\sqrt{t}$ and a display:\n\n$$\n\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta J(\\theta_t) \\tag{1}\n$$\n",
    },
    { cell_type: "code", id: "imports", metadata: {}, outputs: [], execution_count: null, source: 'import { lossCurvesFigure } from "./src/plot/index";\nimport { show, markdown } from "./src/notebook/display-node";' },
    { cell_type: "code", id: "figure", metadata: {}, outputs: [], execution_count: null, source: 'show(lossCurvesFigure([{ name: "sgd", values: [4, 2, 1] }, { name: "adam", values: [4, 1, 0.2] }], { title: "Exported" }));' },
    { cell_type: "code", id: "measured", metadata: {}, outputs: [], execution_count: null, source: 'markdown(`Measured: $J = ${(0.25).toFixed(2)}$`);\nconsole.log("a $5 note, not math");' },
  ],
};

describe("notebook exports (real nbconvert)", () => {
  const dir = mkdtempSync(join(tmpdir(), "descent-export-"));
  const out = join(dir, "executed");
  const html = join(dir, "html");
  let browser: Browser;

  beforeAll(async () => {
    writeFileSync(join(dir, "math.ipynb"), JSON.stringify(MATH_AND_FIGURE));
    copyFileSync(join(ROOT, "notebooks", "00-introduction.ipynb"), join(dir, "00-introduction.ipynb"));
    const [ran, b] = await Promise.all([executeNotebooks(["--force", "--dir", dir, "--out", out]), launchChromium()]);
    browser = b;
    expect(ran.status, ran.out).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("numbers the executed cells, so plain jupyter nbconvert --to html shows In [1]:", () => {
    const nb = JSON.parse(readFileSync(join(out, "math.ipynb"), "utf8")) as { cells: { cell_type: string; execution_count?: number | null }[] };
    expect(nb.cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count)).toEqual([1, 2, 3]);
    const r = spawnSync("/usr/bin/jupyter", ["nbconvert", "--to", "html", "--output-dir", join(dir, "plain"), join(out, "math.ipynb")], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(join(dir, "plain", "math.html"), "utf8");
    expect(page).toContain("In&nbsp;[1]:");
    expect(page).toContain("In&nbsp;[3]:");
    expect(page).not.toContain("In&nbsp;[&nbsp;]:");
  }, 60_000);

  it("in plain nbconvert HTML (no server, no plotly.js), a figure says how to get it drawn instead of staying blank", async () => {
    const file = join(dir, "plain", "math.html");
    const ctx = await browser.newContext();
    // Plain nbconvert links require.js from a CDN: refused here, as offline.
    await ctx.route("**", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort()));
    const page = await ctx.newPage();
    await page.goto(`file://${file}`);
    await page.waitForFunction((msg) => document.querySelector(".descent-figure")?.textContent === msg, NO_PLOTLY_MESSAGE, { timeout: 15_000 });
    expect(await page.locator(".descent-figure .main-svg").count()).toBe(0);
    await ctx.close();
  }, 60_000);

  it("npm run notebooks:export writes one self-contained page: math and figures render with every outside request refused", async () => {
    const r = spawnSync("npm", ["run", "--silent", "notebooks:export", "--", join(out, "math.ipynb"), join(out, "00-introduction.ipynb"), "--out", html], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}.*math\.ipynb -> .*math\.html \(\d\.\d MB\)$/m);

    for (const name of ["math", "00-introduction"]) {
      const file = join(html, `${name}.html`);
      const text = readFileSync(file, "utf8");
      // Nothing linked: no script or stylesheet from a URL or a local path (MathJax, require.js, a CDN).
      expect(text, name).not.toMatch(/<script[^>]*\ssrc=/i);
      expect(text, name).not.toMatch(/<link[^>]*stylesheet[^>]*href=/i);
      expect(text, name).toContain("In&nbsp;[1]:");

      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const refused: string[] = [];
      await ctx.route("**", (route) => {
        const url = route.request().url();
        if (url === `file://${file}` || url.startsWith("data:")) return route.continue();
        refused.push(url);
        return route.abort();
      });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => document.querySelectorAll(".descent-figure").length > 0 && Array.from(document.querySelectorAll(".descent-figure")).every((f) => f.querySelector(".main-svg")), undefined, { timeout: 30_000 });
      const seen = await page.evaluate(() => ({
        traces: Array.from(document.querySelectorAll(".descent-figure")).map((f) => f.querySelectorAll("g.trace").length),
        katex: document.querySelectorAll(".katex").length,
        displays: Array.from(document.querySelectorAll(".katex-display")).map((d) => d.textContent ?? ""),
        katexErrors: Array.from(document.querySelectorAll(".katex-error")).map((e) => e.getAttribute("title") ?? e.textContent),
        // Math left as raw TeX in the text of markdown (a delimiter KaTeX did not pick up).
        rawTex: Array.from(document.querySelectorAll(".jp-RenderedMarkdown")).map((m) => m.textContent ?? "").filter((t) => /\$[^$\s][^$]*\$|\\\(|\\\[/.test(t)),
        // Fonts actually used by KaTeX come from the page itself.
        fontsLoaded: (document as unknown as { fonts: { check(f: string): boolean } }).fonts.check("16px KaTeX_Main"),
      }));
      expect(seen.traces.every((t) => t > 0), `${name}: ${JSON.stringify(seen.traces)}`).toBe(true);
      expect(seen.katex, name).toBeGreaterThan(2);
      expect(seen.katexErrors, name).toEqual([]);
      expect(seen.rawTex, name).toEqual([]);
      expect(seen.fontsLoaded, name).toBe(true);
      expect(refused, name).toEqual([]);
      expect(errors, name).toEqual([]);
      if (name === "math") {
        expect(seen.traces).toEqual([2]);
        expect(seen.displays.some((d) => d.includes("(1)")), "the \\tag shows").toBe(true);
        expect(text).toContain("a $5 note, not math"); // stream output left as text
      }
      await ctx.close();
    }
  }, 120_000);

  it("names a missing notebook in one line, exit code 2", () => {
    const r = spawnSync("/usr/bin/python3", [join(ROOT, "scripts", "notebooks", "export_html.py"), "99-nothing"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('notebooks:export: no notebook "99-nothing" (looked in my-notebooks/, notebooks/.executed/)');
  });
});
