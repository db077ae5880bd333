import { spawn, spawnSync } from "node:child_process";
import { launchChromium } from "./support/jupyter";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The notebooks, executed for real: the runner (scripts/notebooks/execute-notebooks.ts) starts the project
 * kernel "descent" through Jupyter (nbclient under /usr/bin/python3), exactly as
 * `npm run notebooks:execute` does. Nothing here is cached: every run writes to a fresh folder
 * with --force, except the test of the cache itself.
 *
 * Needs Jupyter's executor (apt-get install jupyter-nbconvert python3-nbclient; `npm test` runs
 * scripts/system-deps.sh first, which installs it).
 */
const ROOT = join(__dirname, "..", "..");
const KERNEL_TIMEOUT_MS = 600_000;

interface Run {
  status: number | null;
  out: string;
}

/** Runs `npm run notebooks:execute -- args` as a child process (asynchronously: a blocked worker would stall vitest). */
function runNotebooks(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "notebooks", "execute-notebooks.ts"), ...args], { cwd: ROOT });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", fail);
    child.on("close", (status) => done({ status, out }));
  });
}

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  transient?: unknown;
  metadata?: unknown;
}
interface Cell {
  cell_type: string;
  id: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}
interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec?: { name: string } };
  cells: Cell[];
}

/** nbformat may store a multi-line string as a list of lines. */
const joined = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join("") : (s ?? ""));

/** A notebook on the project kernel with one code cell per source. */
function notebook(sources: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "descent" } },
    cells: sources.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, source, outputs: [], execution_count: null, metadata: {} }) as Cell),
  };
}

function writeNotebooks(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), "descent-nb-"));
  for (const [name, sources] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(notebook(sources)));
  return dir;
}

function readExecuted(dir: string, name: string): Notebook {
  return JSON.parse(readFileSync(join(dir, name), "utf8")) as Notebook;
}

/** The stdout of a cell, parsed as the JSON line the cell printed. */
function printed<T>(nb: Notebook, id: string): T {
  const cell = nb.cells.find((c) => c.id === id)!;
  const text = (cell.outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => joined(o.text)).join("");
  return JSON.parse(text.trim().split("\n").pop()!) as T;
}

describe("the course notebooks", () => {
  /** Where the test below executed every lesson (the export test reads them). */
  let executedLessons: string | undefined;
  const notebooks = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

  it("are committed without outputs, as nbformat 4.5 with cell ids, on the project kernel", () => {
    expect(notebooks.length).toBeGreaterThan(0);
    for (const name of notebooks) {
      expect(name, "named NN-topic.ipynb").toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
      const nb = JSON.parse(readFileSync(join(ROOT, "notebooks", name), "utf8")) as Notebook;
      expect([nb.nbformat, nb.nbformat_minor], name).toEqual([4, 5]);
      expect(nb.metadata.kernelspec?.name, name).toBe("descent");
      const ids = nb.cells.map((c) => c.id);
      expect(ids.every((id) => typeof id === "string" && id.length > 0), `${name}: every cell has an id`).toBe(true);
      expect(new Set(ids).size, `${name}: cell ids are unique`).toBe(ids.length);
      for (const c of nb.cells.filter((c) => c.cell_type === "code")) {
        expect(c.outputs ?? [], `${name} cell ${c.id} has outputs committed`).toEqual([]);
      }
    }
  });

  it(
    "execute through Jupyter with no error and no stderr output",
    async () => {
      const out = mkdtempSync(join(tmpdir(), "descent-nb-out-"));
      const r = await runNotebooks(["--force", "--out", out]);
      executedLessons = out;
      // On failure the runner's report names the notebook, the cell, its source and the error.
      expect(r.out).toMatch(new RegExp(`${notebooks.length} of ${notebooks.length} notebooks ran cleanly`));
      expect(r.status, r.out).toBe(0);
      for (const name of notebooks) {
        const nb = readExecuted(out, name);
        const streams = nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error" || o.name === "stderr"));
        expect(streams, name).toEqual([]);
      }
    },
    KERNEL_TIMEOUT_MS,
  );

  it(
    "export as self-contained HTML pages where every figure draws and every equation renders, offline, in Chromium",
    async () => {
      expect(executedLessons, "the execution test above must run first").toBeDefined();
      const html = mkdtempSync(join(tmpdir(), "descent-nb-html-"));
      const files = notebooks.map((name) => join(executedLessons!, name));
      const exported = spawnSync("/usr/bin/python3", [join(ROOT, "scripts", "notebooks", "export_html.py"), ...files, "--out", html], { encoding: "utf8" });
      expect(exported.status, exported.stdout + exported.stderr).toBe(0);
      const browser = await launchChromium();
      try {
        for (const name of notebooks) {
          const file = join(html, name.replace(/\.ipynb$/, ".html"));
          const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const refused: string[] = [];
          await ctx.route("**", (route) => {
            const url = route.request().url();
            if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
            refused.push(url);
            return route.abort();
          });
          const page = await ctx.newPage();
          const errors: string[] = [];
          page.on("pageerror", (e) => errors.push(String(e)));
          await page.goto(`file://${file}`);
          await page.waitForFunction(() => Array.from(document.querySelectorAll(".descent-figure")).every((f) => f.querySelector(".main-svg")), undefined, { timeout: 30_000 }).catch(() => undefined);
          const seen = await page.evaluate(() => ({
            undrawn: Array.from(document.querySelectorAll(".descent-figure")).filter((f) => !f.querySelector(".main-svg g.trace")).map((f) => (f.textContent ?? "").slice(0, 120)),
            katex: document.querySelectorAll(".katex").length,
            katexErrors: Array.from(document.querySelectorAll(".katex-error")).map((e) => e.getAttribute("title") ?? e.textContent),
          }));
          expect(seen.undrawn, `${name}: figures not drawn`).toEqual([]);
          expect(seen.katex, `${name}: rendered equations`).toBeGreaterThan(0);
          expect(seen.katexErrors, `${name}: KaTeX errors`).toEqual([]);
          expect(refused, `${name}: requests beyond the file`).toEqual([]);
          expect(errors, `${name}: page errors`).toEqual([]);
          await ctx.close();
        }
      } finally {
        await browser.close();
      }
    },
    KERNEL_TIMEOUT_MS,
  );
});

describe("the notebook kernel", () => {
  it(
    "imports every entry point of src/, runs Hogwild! on worker threads, loads MNIST and displays figures, tables, markdown and progress",
    async () => {
      const dir = writeNotebooks({
        "entry-points.ipynb": [
          [
            'import * as index from "./src/index";',
            'import * as nodeEntry from "./src/node";',
            'import * as optimizers from "./src/optimizers/index";',
            'import * as schedules from "./src/schedules/index";',
            'import * as problems from "./src/problems/index";',
            'import * as models from "./src/models/index";',
            'import * as data from "./src/data/index";',
            'import * as train from "./src/train/index";',
            'import * as parallel from "./src/parallel/index";',
            'import * as plot from "./src/plot/index";',
            'import * as display from "./src/notebook/display-node";',
            "const entries = { index, nodeEntry, optimizers, schedules, problems, models, data, train, parallel, plot, display };",
            "console.log(JSON.stringify(Object.fromEntries(Object.entries(entries).map(([k, m]) => [k, Object.keys(m).length]))));",
          ].join("\n"),
          [
            "const sparse = data.makeSparseRegression({ n: 400, d: 20, nnzPerRow: 3, noise: 0.01, seed: 3 });",
            "const hog = await nodeEntry.runHogwild({ data: sparse, workers: 2, epochs: 3, lr: 0.05, seed: 3 });",
            "console.log(JSON.stringify({ initial: hog.initialLoss, final: hog.lossPerEpoch[hog.lossPerEpoch.length - 1], threads: hog.threadsExited, updates: hog.updates }));",
          ].join("\n"),
          [
            "const digits = nodeEntry.loadMnist({ perClass: 2, seed: 1 });",
            "let lo = Infinity, hi = -Infinity; for (const v of digits.X) { lo = Math.min(lo, v); hi = Math.max(hi, v); }",
            "console.log(JSON.stringify({ n: digits.labels.length, pixels: digits.X.length, classes: new Set(digits.labels).size, lo, hi }));",
          ].join("\n"),
          [
            'const fig = plot.lossCurvesFigure([{ name: "a", values: [3, 2, 1] }], { title: "First" });',
            "display.show(fig);",
            'display.show(plot.lossCurvesFigure([{ name: "b", values: [1, 0.5] }], { title: "Second" }));',
            'display.table([{ optimizer: "sgd", loss: 0.123456 }, { optimizer: "adam", loss: 1e-7 }], { caption: "Losses" });',
            'display.markdown("Measured: $\\\\eta = 0.1$");',
            'const bar = display.progress("Work", 3);',
            "for (let i = 1; i <= 3; i++) { bar.update(i); await new Promise((r) => setTimeout(r, 120)); }",
            'bar.finish("all done");',
          ].join("\n"),
          // A file created and deleted in a watched folder (an editor saving into src/) used to
          // crash tslab's next cell ("Unexpected pending rebuildTimer"); the launcher prevents it.
          [
            'import * as fs from "fs";',
            'fs.writeFileSync("src/notebook/.kernel-probe.tmp", "x");',
            "await new Promise((r) => setTimeout(r, 1000));",
            'fs.unlinkSync("src/notebook/.kernel-probe.tmp");',
            "await new Promise((r) => setTimeout(r, 1000));",
          ].join("\n"),
          'console.log(JSON.stringify({ after: optimizers.sgd({ lr: 0.5 }).name }));',
        ],
      });
      const out = mkdtempSync(join(tmpdir(), "descent-nb-out-"));
      const r = await runNotebooks(["--force", "--dir", dir, "--out", out]);
      expect(r.status, r.out).toBe(0);
      const nb = readExecuted(out, "entry-points.ipynb");

      expect(printed<{ after: string }>(nb, "cell-5").after).toBe("sgd");

      const counts = printed<Record<string, number>>(nb, "cell-0");
      for (const [entry, n] of Object.entries(counts)) expect(n, `exports of ${entry}`).toBeGreaterThan(3);
      expect(counts.nodeEntry).toBeGreaterThan(counts.index!); // the Node entry adds MNIST and the threads

      const hog = printed<{ initial: number; final: number; threads: number; updates: number }>(nb, "cell-1");
      expect(hog.threads).toBe(2); // both worker scripts loaded and ran inside the kernel
      expect(hog.updates).toBe(3 * 400);
      expect(hog.final).toBeLessThan(0.5 * hog.initial);

      const mnist = printed<{ n: number; pixels: number; classes: number; lo: number; hi: number }>(nb, "cell-2");
      expect(mnist).toMatchObject({ n: 20, pixels: 20 * 784, classes: 10 });
      expect(mnist.lo).toBeGreaterThanOrEqual(0);
      expect(mnist.hi).toBeGreaterThan(0.5);
      expect(mnist.hi).toBeLessThanOrEqual(1);

      const shown = nb.cells.find((c) => c.id === "cell-3")!.outputs!;
      const displays = shown.filter((o) => o.output_type === "display_data");
      expect(shown.filter((o) => o.output_type === "stream")).toEqual([]);
      const [first, second, tableOut, md, bar] = displays;
      // One output per figure, with the three representations.
      expect(Object.keys(first!.data!).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
      expect((first!.data!["application/vnd.plotly.v1+json"] as { data: unknown[] }).data).toHaveLength(1);
      expect(joined(first!.data!["text/plain"] as string)).toBe("Plotly figure: First (1 trace: a)");
      // plotly.js is never inlined: each figure's HTML is its JSON and a small loader that fetches
      // the bundle from the Jupyter server when the page lacks it (test/notebooks/classic-notebook.test.ts).
      const html1 = joined(first!.data!["text/html"] as string);
      const html2 = joined(second!.data!["text/html"] as string);
      for (const html of [html1, html2]) {
        expect(html.length).toBeLessThan(20_000);
        expect(html).toContain("window.Plotly.newPlot");
        expect(html).toContain("nbextensions/descent/plotly-cartesian.min.js");
        expect(html).not.toContain("window.Plotly = Plotly");
      }
      // Nothing is loaded from a fixed address: no <script src=...>.
      expect(/<script[^>]*\ssrc=/i.test(`${html1}${html2}`)).toBe(false);
      // Cells are numbered (the launcher publishes execute_input with the count).
      expect(nb.cells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(joined(tableOut!.data!["text/plain"] as string)).toContain("adam       1.000e-7");
      expect(joined(tableOut!.data!["text/html"] as string)).toContain("<td style=\"text-align:right\">0.1235</td>");
      expect(joined(md!.data!["text/markdown"] as string)).toBe("Measured: $\\eta = 0.1$");
      // The progress bar is ONE output, updated in place to its final state.
      expect(displays).toHaveLength(5);
      expect(joined(bar!.data!["text/plain"] as string)).toMatch(/^Work: 3\/3 \(100%\) \d+\.\d s all done done$/);
    },
    KERNEL_TIMEOUT_MS,
  );
});

describe("the notebook runner", () => {
  it(
    "reports a type error and a throw with the notebook, the cell, its source and the message, and exits 1",
    async () => {
      const dir = writeNotebooks({
        "type-error.ipynb": ["const a = 1;", 'const x: number = "text";', 'console.log("after the type error")'],
        "throws.ipynb": ['console.log("fine")', 'throw new Error("deliberate failure 42");', 'console.log("after the throw")'],
      });
      const out = mkdtempSync(join(tmpdir(), "descent-nb-out-"));
      const r = await runNotebooks(["--force", "--dir", dir, "--out", out]);
      expect(r.status).toBe(1);
      expect(r.out).toContain("FAIL type-error.ipynb, cell 2 (index 1, id cell-1)");
      expect(r.out).toContain('const x: number = "text";');
      expect(r.out).toContain("Type 'string' is not assignable to type 'number'");
      expect(r.out).toContain("FAIL throws.ipynb, cell 2 (index 1, id cell-1)");
      expect(r.out).toContain("Error: deliberate failure 42");
      expect(r.out).toContain("0 of 2 notebooks ran cleanly");
      // The run stops at the failing cell: the cell after it never ran.
      expect(r.out).not.toContain("after the throw");
      expect(readExecuted(out, "throws.ipynb").cells[2]!.outputs).toEqual([]);
    },
    KERNEL_TIMEOUT_MS,
  );

  it(
    "survives a huge output, caches an unchanged notebook and re-runs a changed one",
    async () => {
      const dir = writeNotebooks({
        "huge.ipynb": ['console.log("x".repeat(20_000_000))', 'for (let i = 0; i < 5000; i++) console.log("line " + i)', 'console.log("end")'],
      });
      const out = mkdtempSync(join(tmpdir(), "descent-nb-out-"));
      const first = await runNotebooks(["--dir", dir, "--out", out]);
      expect(first.status, first.out).toBe(0);
      expect(first.out).toMatch(/ok {5}huge\.ipynb .*\(no executed copy\)/);
      const nb = readExecuted(out, "huge.ipynb");
      expect(joined(nb.cells[0]!.outputs![0]!.text).length).toBe(20_000_001);
      expect(printedText(nb, 2)).toBe("end\n");

      const second = await runNotebooks(["huge", "--dir", dir, "--out", out]);
      expect(second.status, second.out).toBe(0);
      // Cached, unless src/ itself changed in between (someone editing it while the tests run).
      expect(second.out).toMatch(/cached huge\.ipynb|ok {5}huge\.ipynb .*\(src\/ or the runner changed\)/);

      const changed = notebook(['console.log("changed")']);
      writeFileSync(join(dir, "huge.ipynb"), JSON.stringify(changed));
      const third = await runNotebooks(["--dir", dir, "--out", out]);
      expect(third.status, third.out).toBe(0);
      expect(third.out).toMatch(/ok {5}huge\.ipynb .*\(notebook changed\)/);
      expect(printedText(readExecuted(out, "huge.ipynb"), 0)).toBe("changed\n");
    },
    KERNEL_TIMEOUT_MS,
  );

  it("rejects a name that matches no notebook, in one line, with exit code 2", async () => {
    const dir = writeNotebooks({ "00-a.ipynb": ["1"] });
    const r = await runNotebooks(["99-nothing", "--dir", dir]);
    expect(r.status).toBe(2);
    expect(r.out).toContain('notebooks:execute: no notebook matches "99-nothing"');
    expect(r.out).toContain("have: 00-a.ipynb");
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
  });
});

function printedText(nb: Notebook, index: number): string {
  return (nb.cells[index]!.outputs ?? []).map((o) => joined(o.text)).join("");
}
