import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { OPTIMIZER_NAMES } from "../../src/index";
import { useSite } from "./support/site";

/**
 * The playground never blocks the page (issue 11, section 3), in Chromium: a costly formula in a
 * shared link computes in a worker (long tasks measured with PerformanceObserver in the page),
 * typing stays responsive, sliders keep focus, the start point can be typed, Stop stops, and the
 * bugs the issue lists stay fixed. Figures are printed for the README (time to first contour,
 * long tasks).
 */

const SHOTS = "/tmp/shots/playground";
const COSTLY = "#s=formula&f=(1-x)^(5/3)+y^2";
/**
 * A task longer than this while the page computes is a freeze. Computing on the main thread froze
 * the tab for 7-20 s; the playground's own tasks measure 2-193 ms, but CI runs test files in
 * parallel on 2 cores, where scheduling alone has stretched one to 256 ms. The bound tells the
 * two apart without failing on a busy machine; the measured figures are printed and in the README.
 */
const LONG_TASK_BOUND_MS = 1000;

const site = useSite(900_000);

interface Open {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

async function open(hash: string, options: { width?: number; theme?: "light" | "dark" } = {}): Promise<Open> {
  const context = await site.browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.theme ?? "light" });
  if (options.theme) await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), options.theme);
  // Every text the progress box shows while visible, from the page's start: on a fast machine the
  // computation may be over before a test could poll for it.
  await context.addInitScript(() => {
    const w = window as unknown as { __progress: string[] };
    w.__progress = [];
    new MutationObserver(() => {
      const p = document.getElementById("pg-progress");
      const text = p && !p.hidden ? (p.textContent ?? "").trim() : "";
      if (text && w.__progress.at(-1) !== text) w.__progress.push(text);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  // Every long task of the page, from its start, with when it began.
  await context.addInitScript(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  await page.goto(`${site.server.url}/playground/${hash}`, { waitUntil: "load" });
  return { page, context, errors };
}

const state = (page: Page) => page.getAttribute("#playground", "data-state");
const settled = (page: Page, timeout = 60_000) =>
  page.waitForFunction(() => ["done", "error", "stopped"].includes(document.querySelector<HTMLElement>("#playground")?.dataset.state ?? ""), null, { timeout });
const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: { start: number; duration: number }[] }).__long);
/**
 * Long tasks split into Plotly's (its script's evaluation before "playground:plotly-loaded", and
 * any task overlapping a draw the page measured as playground:draw:* or playground:first-draw:*)
 * and the playground's own (everything else: computing must never block).
 */
async function splitTasks(page: Page): Promise<{ plotly: number[]; own: number[]; draws: number[] }> {
  return page.evaluate(() => {
    const tasks = (window as unknown as { __long: { start: number; duration: number }[] }).__long;
    const loaded = performance.getEntriesByName("playground:plotly-loaded").at(-1)?.startTime ?? 0;
    const draws = performance.getEntriesByType("measure").filter((m) => /^playground:(first-)?draw:/.test(m.name));
    const isPlotly = (t: { start: number; duration: number }) => t.start < loaded || draws.some((d) => t.start < d.startTime + d.duration && t.start + t.duration > d.startTime);
    return {
      plotly: tasks.filter(isPlotly).map((t) => Math.round(t.duration)),
      own: tasks.filter((t) => !isPlotly(t)).map((t) => Math.round(t.duration)),
      draws: draws.map((d) => Math.round(d.duration)),
    };
  });
}
const mark = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? null, name);

describe("the playground computes off the main thread", () => {
  it("a costly formula in a shared link does not block the page: a coarser contour, progress, and no long task but Plotly's start-up", async () => {
    const w = await open(COSTLY);
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.contour === "drawn", null, { timeout: 60_000 });
    // Progress was shown while the worker computed.
    const progress = await w.page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress[0], `progress texts shown: ${JSON.stringify(progress)}`).toBe("Reading the formula…");
    expect(progress.some((t) => /^Computing the contour: \d+ of \d+ points…$/.test(t)), `progress texts shown: ${JSON.stringify(progress)}`).toBe(true);
    // Every text is one of the worker's sentences (runs: "Running adam: step 16 of 200…").
    expect(progress.filter((t) => !/^(Reading the formula|Computing the contour: \d+ of \d+ points|Running [\w-]+: step \d+ of \d+)…$/.test(t)), "progress texts that are not one of the worker's sentences").toEqual([]);
    const firstContour = (await mark(w.page, "playground:contour-drawn"))!;
    await settled(w.page);
    const plotlyLoaded = (await mark(w.page, "playground:plotly-loaded"))!;
    const tasks = await longTasks(w.page);
    // Plotly's own start-up is not the formula's cost: its script (1.3 MB) is evaluated in one
    // task when it loads, and the first draw in each plot element sets Plotly up (measured by
    // the page as playground:first-draw:*). Every other task is the playground's own work.
    const firstDraws = await w.page.evaluate(() => performance.getEntriesByType("measure").filter((m) => m.name.startsWith("playground:first-draw:")).map((m) => ({ start: m.startTime, end: m.startTime + m.duration })));
    expect(firstDraws.length).toBe(2); // the contour, then the loss plot
    const plotlys = tasks.filter((t) => t.start < plotlyLoaded || firstDraws.some((d) => t.start < d.end && t.start + t.duration > d.start));
    const own = tasks.filter((t) => !plotlys.includes(t));
    console.log(`[figures] costly link: first contour at ${firstContour.toFixed(0)} ms; Plotly loaded at ${plotlyLoaded.toFixed(0)} ms; Plotly start-up long tasks ${JSON.stringify(plotlys.map((t) => Math.round(t.duration)))}; other long tasks ${JSON.stringify(own.map((t) => Math.round(t.duration)))}`);
    expect(own.filter((t) => t.duration > LONG_TASK_BOUND_MS)).toEqual([]);
    // Since powers of negative bases are computed in real arithmetic (issue 12: src/problems/real-power.ts)
    // this link costs about 1 us a point, not 2-6 ms: the contour is drawn at full resolution and
    // nothing is refused (the coarsening path is no longer reached by this link).
    expect(await w.page.textContent("#pg-note")).not.toMatch(/too slow/);
    expect(await w.page.locator("#pg-contour .main-svg").count()).toBeGreaterThan(0);
    expect(await w.page.isHidden("#pg-progress") || (await w.page.getAttribute("#pg-progress", "hidden")) !== null).toBe(true);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 120_000);

  it("opening the costly link from a loaded playground (hash change): no long task but Plotly's draws while it computes, and typing stays responsive", async () => {
    const w = await open("#s=rosenbrock&o=adam,sgd");
    await settled(w.page);
    await w.page.evaluate(() => {
      (window as unknown as { __long: unknown[] }).__long = [];
      performance.clearMeasures();
    });
    const t0 = await w.page.evaluate(() => performance.now());
    await w.page.evaluate((h) => (location.hash = `${h}&o=adam,sgd,momentum,rmsprop&n=2000`), COSTLY);
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "computing");
    // Type while it computes: each key's delay from the event to the next frame.
    await w.page.evaluate(() => {
      const lat: number[] = ((window as unknown as { __lat: number[] }).__lat = []);
      document.getElementById("pg-formula")!.addEventListener("keydown", (e) => requestAnimationFrame(() => lat.push(performance.now() - e.timeStamp)));
    });
    await w.page.click("#pg-formula");
    await w.page.keyboard.press("End");
    await w.page.keyboard.type(" + 0*x", { delay: 60 });
    await settled(w.page);
    const latency = await w.page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
    const { plotly, own, draws } = await splitTasks(w.page);
    const t1 = await w.page.evaluate(() => performance.now());
    console.log(`[figures] costly link by hash change: ${((t1 - t0) / 1000).toFixed(1)} s to settle; long tasks of Plotly draws ${JSON.stringify(plotly)} (draws took ${JSON.stringify(draws)} ms), other long tasks ${JSON.stringify(own)}; key-to-frame latency ${JSON.stringify(latency.map(Math.round))} ms`);
    expect(latency.length).toBe(7); // End, then six characters
    expect(Math.max(...latency)).toBeLessThan(LONG_TASK_BOUND_MS);
    expect(own.filter((d) => d > LONG_TASK_BOUND_MS)).toEqual([]);
    // The typed formula (the last one) is what was computed and linked.
    expect(new URLSearchParams((await w.page.evaluate(() => location.hash)).slice(1)).get("f")).toBe("(1-x)^(5/3)+y^2 + 0*x");
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 180_000);

  it("cancels a computation when the state changes: the new surface is drawn, never the stale one", async () => {
    // Change the surface as soon as the page can, while the first computation (five optimizers,
    // 5000 steps each) is under way; since real powers made the link's formula cheap, waiting to
    // see "computing" first would race with its end.
    const w = await open(`${COSTLY}&o=adam,sgd,momentum,rmsprop,nadam&n=5000`);
    await w.page.waitForSelector("#pg-surface option[value=himmelblau]", { state: "attached" });
    await w.page.selectOption("#pg-surface", "himmelblau");
    await settled(w.page);
    await w.page.waitForTimeout(1500); // a stale result would arrive now if the old worker were still running
    expect(await w.page.inputValue("#pg-surface")).toBe("himmelblau");
    expect(await w.page.getAttribute("#playground", "data-surface")).toMatch(/Himmelblau/i);
    expect(await w.page.textContent("#pg-status")).toMatch(/adam: loss [0-9.e+-]+ after 5000 steps/);
    await w.context.close();
  }, 120_000);

  it("animates without a Plotly redraw per frame (no long task once it runs) and Stop stops it with the full paths shown", async () => {
    const w = await open("#s=rosenbrock&o=adam,momentum,sgd,rmsprop&n=1000");
    await settled(w.page);
    await w.page.click("#pg-run");
    await w.page.waitForFunction(() => Number(document.querySelector<HTMLElement>("#playground")?.dataset.frame ?? 0) > 50, null, { timeout: 30_000 });
    await w.page.evaluate(() => ((window as unknown as { __long: unknown[] }).__long = []));
    await w.page.waitForTimeout(1000);
    const during = await longTasks(w.page);
    const frameBefore = Number(await w.page.getAttribute("#playground", "data-frame"));
    expect(await state(w.page)).toBe("animating");
    expect(await w.page.isEnabled("#pg-stop")).toBe(true);
    await w.page.click("#pg-stop");
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "stopped");
    await w.page.waitForTimeout(400);
    expect(Number(await w.page.getAttribute("#playground", "data-frame"))).toBeLessThan(999);
    expect(Number(await w.page.getAttribute("#playground", "data-frame"))).toBeGreaterThanOrEqual(frameBefore);
    expect(await w.page.locator(".pg-overlay").count()).toBe(0);
    // The real traces are visible again, with every point.
    const adam = await w.page.evaluate(() => (document.getElementById("pg-contour") as HTMLElement & { data: { name: string; x: number[]; opacity?: number }[] }).data.find((t) => t.name === "adam")!);
    expect(adam.x.length).toBe(1001);
    expect(adam.opacity ?? 1).toBe(1);
    console.log(`[figures] animation, 4 optimizers x 1000 steps: long tasks during 1 s of it ${JSON.stringify(during.map((t) => Math.round(t.duration)))}`);
    expect(during.filter((t) => t.duration > LONG_TASK_BOUND_MS)).toEqual([]);
    expect(await w.page.isDisabled("#pg-stop")).toBe(true);
    await w.context.close();
  }, 120_000);
});

describe("the playground's controls", () => {
  it("a slider keeps keyboard focus while it changes the run", async () => {
    const w = await open("#s=rosenbrock&o=adam,sgd&lr.adam=0.05");
    await settled(w.page);
    const slider = w.page.locator('input[data-opt="adam"][data-kind="lr"]');
    await slider.focus();
    await slider.evaluate((el) => ((el as HTMLElement & { __mine?: boolean }).__mine = true));
    for (let i = 0; i < 3; i++) {
      await w.page.keyboard.press("ArrowRight");
      await settled(w.page);
    }
    const focus = await w.page.evaluate(() => {
      const a = document.activeElement as HTMLElement & { __mine?: boolean; dataset: DOMStringMap };
      return { same: a.__mine === true, opt: a.dataset.opt, kind: a.dataset.kind };
    });
    expect(focus).toEqual({ same: true, opt: "adam", kind: "lr" });
    const lr = Number(new URLSearchParams((await w.page.evaluate(() => location.hash)).slice(1)).get("lr.adam"));
    expect(lr).toBeCloseTo(10 ** (Math.log10(0.05) + 0.15), 2);
    expect(await slider.locator("xpath=..").locator("output").textContent()).toBe(String(lr));
    await w.context.close();
  }, 90_000);

  it("sets the start point from the keyboard (x and y fields)", async () => {
    const w = await open("#s=himmelblau&o=adam&n=50");
    await settled(w.page);
    await w.page.fill("#pg-x0", "0.5");
    await w.page.fill("#pg-y0", "-0.75");
    await w.page.keyboard.press("Tab");
    await w.page.waitForFunction(() => location.hash.includes("x0=0.5%2C-0.75"), null, { timeout: 10_000 });
    await settled(w.page);
    const start = await w.page.evaluate(() => {
      const t = (document.getElementById("pg-contour") as HTMLElement & { data: { name: string; x: number[]; y: number[] }[] }).data.find((d) => d.name === "adam")!;
      return [t.x[0], t.y[0]];
    });
    expect(start).toEqual([0.5, -0.75]);
    await w.page.click("#pg-x0-reset");
    await w.page.waitForFunction(() => !location.hash.includes("x0="));
    await w.context.close();
  }, 90_000);

  it("an invalid formula clears the old plot and results beside its error", async () => {
    const w = await open("#s=formula&f=x%5E2%2B10*y%5E2&o=adam");
    await settled(w.page);
    expect(await w.page.locator("#pg-contour .main-svg").count()).toBeGreaterThan(0);
    expect(await w.page.textContent("#pg-status")).toMatch(/adam: loss/);
    await w.page.fill("#pg-formula", "x^2 + * y");
    await w.page.waitForSelector("#pg-formula-error:not([hidden])", { timeout: 10_000 });
    await settled(w.page);
    expect(await w.page.locator("#pg-contour .main-svg").count()).toBe(0);
    expect(await w.page.locator("#pg-loss .main-svg").count()).toBe(0);
    expect((await w.page.textContent("#pg-status"))!.trim()).toBe("");
    expect(await w.page.textContent("#pg-contour")).toMatch(/No plot/);
    await w.context.close();
  }, 90_000);

  it('"Link copied" goes back to "Copy link"', async () => {
    const w = await open("#s=rosenbrock&o=adam");
    await w.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.server.url });
    await settled(w.page);
    await w.page.click("#pg-share");
    await expect.poll(() => w.page.textContent("#pg-share")).toMatch(/Link copied|Copy the address bar/);
    await expect.poll(() => w.page.textContent("#pg-share"), { timeout: 6000 }).toBe("Copy link");
    await w.context.close();
  }, 60_000);

  it("with no optimizer ticked, says so", async () => {
    const w = await open("#s=rosenbrock&o=adam");
    await settled(w.page);
    await w.page.uncheck('#pg-opt-list input[value="adam"]');
    await settled(w.page);
    await w.page.waitForFunction(() => !location.hash.includes("adam"));
    await settled(w.page);
    expect(await w.page.textContent("#pg-hyper")).toMatch(/No optimizer is ticked/);
    expect(await w.page.textContent("#pg-status")).toMatch(/No optimizer is ticked/);
    expect(await w.page.locator("#pg-contour .main-svg").count()).toBeGreaterThan(0); // the surface alone
    await w.context.close();
  }, 60_000);

  it("the steps slider and its label agree with a link's n (clamped to the slider's range)", async () => {
    for (const [n, want] of [["5000", "5000"], ["99999", "5000"], ["5", "10"], ["155", "160"]]) {
      const w = await open(`#s=rosenbrock&o=sgd&n=${n}`);
      await settled(w.page);
      expect([await w.page.inputValue("#pg-steps"), await w.page.textContent("#pg-steps-out")], `n=${n}`).toEqual([want, want]);
      expect(new URLSearchParams((await w.page.evaluate(() => location.hash)).slice(1)).get("n")).toBe(want);
      await w.context.close();
    }
  }, 120_000);

  it("a start far outside the plot is moved onto its edge, and says so", async () => {
    const w = await open("#s=rosenbrock&o=adam&n=50&x0=1000,1000");
    await settled(w.page);
    expect(await w.page.textContent("#pg-note")).toMatch(/The start \(1000, 1000\) is outside the plotted window .* moved to its edge/);
    const { start, range } = await w.page.evaluate(() => {
      const el = document.getElementById("pg-contour") as HTMLElement & { data: { name: string; x: number[]; y: number[] }[]; layout: { xaxis: { range: number[] }; yaxis: { range: number[] } } };
      const t = el.data.find((d) => d.name === "adam")!;
      return { start: [t.x[0], t.y[0]], range: [el.layout.xaxis.range, el.layout.yaxis.range] };
    });
    expect(start[0]).toBeLessThanOrEqual(Math.max(...range[0]));
    expect(start[1]).toBeLessThanOrEqual(Math.max(...range[1]));
    expect(await w.page.inputValue("#pg-x0")).toBe(String(start[0]));
    await w.context.close();
  }, 60_000);

  it("switching convention keeps each convention's tuned rates and says so", async () => {
    const w = await open("#s=rosenbrock&o=momentum&lr.momentum=0.002&c=seed");
    await settled(w.page);
    await w.page.selectOption("#pg-convention", "pytorch");
    await settled(w.page);
    expect(await w.page.textContent("#pg-convention-note")).toMatch(/course \(seed\) settings are kept/);
    expect(await w.page.evaluate(() => location.hash)).not.toContain("lr.momentum");
    await w.page.selectOption("#pg-convention", "seed");
    await settled(w.page);
    expect(await w.page.evaluate(() => location.hash)).toContain("lr.momentum=0.002");
    expect(await w.page.textContent("#pg-convention-note")).toMatch(/settings are back/);
    await w.context.close();
  }, 60_000);

  it("with all 11 optimizers the controls sit by the plot: under it at 420 px, beside it at 1280 px", async () => {
    const all = `#s=rosenbrock&o=${OPTIMIZER_NAMES.join(",")}&n=200`;
    const narrow = await open(all, { width: 420 });
    await settled(narrow.page);
    const box = async (p: Page, sel: string) => (await p.locator(sel).boundingBox())!;
    const plot = await box(narrow.page, "#pg-contour");
    const controls = await box(narrow.page, ".pg-controls");
    const optimizers = await box(narrow.page, ".pg-optimizers");
    const buttons = await box(narrow.page, ".pg-buttons");
    expect(controls.y - (plot.y + plot.height)).toBeLessThan(60); // right under the contour
    expect(buttons.y - (plot.y + plot.height)).toBeLessThan(600); // Animate/Stop within a screen of it
    expect(optimizers.y).toBeLessThan(buttons.y);
    await narrow.context.close();
    const wide = await open(all, { width: 1280 });
    await settled(wide.page);
    const wplot = await box(wide.page, "#pg-contour");
    const wcontrols = await box(wide.page, ".pg-controls");
    const wloss = await box(wide.page, "#pg-loss");
    expect(Math.abs(wcontrols.y - wplot.y)).toBeLessThan(80); // side by side
    expect(wcontrols.y + wcontrols.height).toBeLessThanOrEqual(wloss.y + wloss.height + 1); // not past the plots
    await wide.context.close();
  }, 120_000);

  it("screenshots at 1280 and 420 px in both themes (under /tmp/shots/playground/), nothing wider than the window", async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1280, 420]) {
      for (const theme of ["light", "dark"] as const) {
        for (const [label, hash] of [["three", "#s=rosenbrock&o=adam,momentum,sgd"], ["eleven", `#s=rosenbrock&o=${OPTIMIZER_NAMES.join(",")}`], ["costly", COSTLY]] as const) {
          const w = await open(hash, { width, theme });
          await settled(w.page);
          expect(await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${label} ${width} ${theme}`).toBeLessThanOrEqual(0);
          if (label === "eleven") {
            // Eleven optimizers' sliders overflow their box: its bottom edge shadows, until scrolled to the end.
            const cue = await w.page.$eval("#pg-hyper", (el) => ({ more: el.scrollHeight > el.clientHeight + 2, image: getComputedStyle(el).backgroundImage }));
            expect(cue.more, `${width} ${theme}`).toBe(true);
            expect(cue.image, `${width} ${theme}`).toContain("radial-gradient");
          }
          await w.page.screenshot({ path: join(SHOTS, `${label}-${width}-${theme}.png`), fullPage: true });
          expect(w.errors).toEqual([]);
          await w.context.close();
        }
      }
    }
  }, 240_000);
});
