import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeNotebooks, jupyterSandbox, launchChromium, lessonHashes, notebookJson, startNotebooks, type NotebookServer } from "./support/jupyter";

/**
 * The student's path through `npm run notebooks`, in the real host: the classic Notebook (Debian's
 * jupyter-notebook) started by our launcher on a working-copy folder, driven in Chromium, then
 * stopped with Ctrl+C (SIGINT to the process group). Nothing here reaches beyond 127.0.0.1: every
 * other request of the page is aborted and recorded, and the test fails if there is one.
 */
const FIGURES = [
  'import { lossCurvesFigure } from "./src/plot/index";\nimport { show } from "./src/notebook/display-node";',
  'show(lossCurvesFigure([{ name: "a", values: [3, 2, 1] }], { title: "First" }));',
  'show(lossCurvesFigure([{ name: "b", values: [1, 0.5, 0.2] }, { name: "c", values: [2, 1, 0.5] }], { title: "Second" }));',
];

/** Pids of live processes whose command line mentions `text` (Linux /proc). */
function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, "utf8").includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface FigureState {
  boxes: number;
  /** Per figure box: Plotly traces drawn (g.trace in its SVG). */
  traces: number[];
  texts: string[];
}

async function figures(page: Page): Promise<FigureState> {
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll(".descent-figure"));
    return {
      boxes: boxes.length,
      traces: boxes.map((b) => (b.querySelector(".main-svg") ? b.querySelectorAll("g.trace").length : 0)),
      texts: boxes.map((b) => (b.querySelector(".main-svg") ? "" : (b.textContent ?? "").slice(0, 200))),
    };
  });
}

/** Waits until `want` figure boxes exist and every one has drawn its traces; returns the last state either way. */
async function waitForFigures(page: Page, want: number, timeoutMs = 30_000): Promise<FigureState> {
  const deadline = Date.now() + timeoutMs;
  let s = await figures(page);
  while (!(s.boxes === want && s.traces.every((t) => t > 0)) && Date.now() < deadline) {
    await page.waitForTimeout(200);
    s = await figures(page);
  }
  return s;
}

/** Waits for the page's kernel to be connected and to have answered kernel_info. */
async function kernelReady(page: Page): Promise<{ id: string; name: string; implementation_version: string; language_version: string }> {
  await page.waitForFunction(
    () => {
      const k = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean; info_reply?: { status?: string } } } } }).Jupyter?.notebook?.kernel;
      return !!k && k.is_connected() && k.info_reply?.status === "ok";
    },
    undefined,
    { timeout: 60_000, polling: 200 },
  );
  return page.evaluate(() => {
    const k = (window as unknown as { Jupyter: { notebook: { kernel: { id: string; name: string; info_reply: { implementation_version: string; language_info: { version: string } } } } } }).Jupyter.notebook.kernel;
    return { id: k.id, name: k.name, implementation_version: k.info_reply.implementation_version, language_version: k.info_reply.language_info.version };
  });
}

/** Run All, then wait until every code cell has its execution count and the kernel is idle. */
async function runAll(page: Page): Promise<number[]> {
  await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells());
  await page.waitForFunction(
    () => {
      const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): { cell_type: string; input_prompt_number?: number | string | null }[]; kernel_busy?: boolean } } }).Jupyter.notebook;
      const cells = nb.get_cells().filter((c) => c.cell_type === "code");
      return cells.every((c) => typeof c.input_prompt_number === "number") && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    },
    undefined,
    { timeout: 60_000, polling: 200 },
  );
  return page.evaluate(() =>
    (window as unknown as { Jupyter: { notebook: { get_cells(): { cell_type: string; input_prompt_number: number }[] } } }).Jupyter.notebook
      .get_cells()
      .filter((c) => c.cell_type === "code")
      .map((c) => c.input_prompt_number),
  );
}

describe("npm run notebooks in the classic Notebook (real server, Chromium)", () => {
  const sandbox = jupyterSandbox();
  const work = join(sandbox.dir, "my-notebooks");
  const before = lessonHashes();
  const offline: string[] = [];
  let server: NotebookServer;
  let browser: Browser;

  /** A fresh browser context (no cache, no state) with every request beyond the server aborted and recorded. */
  async function freshPage(path: string): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.route("**", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      offline.push(url);
      return route.abort();
    });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/notebooks/${path}?token=${server.token}`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(join(work, "executed"), { recursive: true });
    // A saved, executed lesson: notebook 00 run by our runner (nbclient) into the working folder.
    const ran = await executeNotebooks(["00", "--force", "--out", join(work, "executed")], sandbox.env);
    expect(ran.status, ran.out).toBe(0);
    writeFileSync(join(work, "figures.ipynb"), notebookJson(FIGURES));
    [server, browser] = await Promise.all([startNotebooks(work, sandbox.env), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      process.kill(-server.child.pid!, "SIGTERM");
      await server.exited;
    }
    rmSync(sandbox.dir, { recursive: true, force: true });
  });

  it("copies the lessons into the working folder and makes the course's kernel the default", async () => {
    expect(server.output()).toMatch(new RegExp(`Copied ${Object.keys(before).length} lessons into .*my-notebooks/: 00-introduction\\.ipynb, `));
    for (const name of Object.keys(before)) expect(readFileSync(join(work, name), "utf8"), name).toBe(readFileSync(join(__dirname, "..", "..", "notebooks", name), "utf8"));
    const specs = (await (await fetch(`${server.url}/api/kernelspecs?token=${server.token}`)).json()) as { default: string; kernelspecs: Record<string, unknown> };
    expect(specs.default).toBe("descent");
    // A new notebook, made as the tree page's New menu makes it (no kernel recorded), opens on our kernel.
    const made = (await (await fetch(`${server.url}/api/contents?token=${server.token}`, { method: "POST", body: JSON.stringify({ type: "notebook" }) })).json()) as { path: string };
    const page = await freshPage(made.path);
    const info = await kernelReady(page);
    expect(info.name).toBe("descent");
    // kernel_info reports the real versions (tslab said 1.0.0 and TypeScript 3.7.2).
    expect(info.implementation_version).toBe(JSON.parse(readFileSync(join(__dirname, "..", "..", "node_modules", "tslab", "package.json"), "utf8")).version);
    expect(info.language_version).toBe(JSON.parse(readFileSync(join(__dirname, "..", "..", "node_modules", "@tslab", "typescript-for-tslab", "package.json"), "utf8")).version);
    await page.context().close();
  }, 120_000);

  it("draws every figure of a saved, executed lesson reopened in a fresh page, loading plotly.js from the server", async () => {
    const saved = JSON.parse(readFileSync(join(work, "executed", "00-introduction.ipynb"), "utf8")) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    const want = saved.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.["application/vnd.plotly.v1+json"]).length;
    expect(want).toBeGreaterThan(0);
    const page = await freshPage("executed/00-introduction.ipynb");
    const s = await waitForFigures(page, want);
    expect(s.texts.filter((t) => t), "figures that did not draw say").toEqual([]);
    expect(s.traces.every((t) => t > 0)).toBe(true);
    const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /plotly/.test(n)));
    expect(fetched).toEqual([`${server.url}/nbextensions/descent/plotly-cartesian.min.js`]);
    await page.context().close();
  }, 120_000);

  it("draws figures after a reload while the kernel runs (Run All again), and after the saved notebook is reopened", async () => {
    const page = await freshPage("figures.ipynb");
    const first = await kernelReady(page);
    expect(await runAll(page)).toEqual([1, 2, 3]);
    expect((await waitForFigures(page, 2)).traces).toEqual([1, 2]);

    // The reload the issue describes: same kernel session, a page without plotly.js, Run All.
    await page.reload();
    const again = await kernelReady(page);
    expect(again.id).toBe(first.id);
    expect(await runAll(page)).toEqual([4, 5, 6]);
    const redrawn = await waitForFigures(page, 2);
    expect(redrawn.texts.filter((t) => t)).toEqual([]);
    expect(redrawn.traces).toEqual([1, 2]);

    // Saved by the Notebook itself: outputs small (no plotly.js inside), counts kept.
    const file = join(work, "figures.ipynb");
    const savedBefore = statSync(file).mtimeMs;
    await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<unknown> } } }).Jupyter.notebook.save_notebook());
    await expect.poll(() => statSync(file).mtimeMs, { timeout: 10_000 }).toBeGreaterThan(savedBefore);
    const text = readFileSync(file, "utf8");
    expect(text.length).toBeLessThan(60_000);
    expect(text).not.toContain("window.Plotly = Plotly");
    const nb = JSON.parse(text) as { cells: { execution_count: number | null; outputs: { data?: Record<string, unknown> }[] }[] };
    expect(nb.cells.map((c) => c.execution_count)).toEqual([4, 5, 6]);
    expect(nb.cells.flatMap((c) => c.outputs).filter((o) => o.data?.["application/vnd.plotly.v1+json"])).toHaveLength(2);
    await page.context().close();

    // Reopened in a fresh page: drawn from the saved outputs, nothing run.
    const reopened = await freshPage("figures.ipynb");
    const s = await waitForFigures(reopened, 2);
    expect(s.texts.filter((t) => t)).toEqual([]);
    expect(s.traces).toEqual([1, 2]);
    await reopened.context().close();
  }, 180_000);

  it("never writes into the tracked lessons, and the page asked nothing of the network", () => {
    expect(lessonHashes()).toEqual(before);
    expect(offline).toEqual([]);
  });

  it("stops once and cleanly on Ctrl+C (SIGINT to the process group): no traceback, no stale runtime file, kernels gone", async () => {
    const running = readdirSync(sandbox.runtime);
    expect(running.some((f) => /^nbserver-\d+\.json$/.test(f)), running.join(", ")).toBe(true);
    expect(running.some((f) => /^kernel-.*\.json$/.test(f)), "a kernel is running").toBe(true);
    expect(processesMentioning(sandbox.runtime).length, "kernel processes before Ctrl+C").toBeGreaterThan(0);
    process.kill(-server.child.pid!, "SIGINT");
    const code = await Promise.race([server.exited, new Promise<string>((r) => setTimeout(() => r("still running after 30 s"), 30_000))]);
    const out = server.output();
    expect(code, out).toBe(0);
    expect(out.match(/Stopping Jupyter/g), out).toHaveLength(1);
    expect(out).toContain("Jupyter stopped.");
    // Jupyter Notebook 6.4 on Debian sometimes logs one upstream race while it shuts kernels down:
    // tornado writing to a websocket the page already closed ("Task exception was never retrieved"
    // ... WebSocketClosedError), seen once in CI. That block alone is tolerated; any other traceback fails.
    const withoutTornadoNoise = out.replace(/Task exception was never retrieved\n[\s\S]*?tornado\.websocket\.WebSocketClosedError\n?/g, "");
    expect(withoutTornadoNoise).not.toMatch(/Traceback|KeyboardInterrupt|npm (ERR|error)/);
    expect(readdirSync(sandbox.runtime).filter((f) => /^(nbserver-|jpserver-|kernel-).*\.(json|html)$/.test(f))).toEqual([]);
    // Every process of the group (npm, the launcher, Jupyter) is gone.
    expect(() => process.kill(-server.child.pid!, 0)).toThrow();
    // ...and so are the kernels (started with their connection file in the runtime folder).
    await expect.poll(() => processesMentioning(sandbox.runtime), { timeout: 10_000 }).toEqual([]);
    expect(existsSync(join(work, "figures.ipynb"))).toBe(true);
  }, 60_000);
});
