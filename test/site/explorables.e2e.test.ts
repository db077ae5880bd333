import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeExplorable, seededValues } from "../../site/src/scripts/explorables/compute";
import { playgroundHref } from "../../site/src/scripts/explorables/link";
import { resolve } from "../../site/src/scripts/explorables/params";
import { parseSpec, showValue, sliderPosition, sliderValue, type ExplorableSpec } from "../../site/src/scripts/explorables/spec";
import { parseState } from "../../site/src/scripts/playground-state";
import { isOptimizerName } from "../../src/index";
import { markersOf } from "./support/explorables";
import { buildSite, launchChromium, REPO, startServer, type Server } from "./support/site";

/**
 * Every explorable of every lesson, in Chromium: its sliders are moved with the keyboard, and the
 * figure then shows what the library computes in Node for the new values (each run's final loss
 * and point, read from the readout); the shown value and the playground link follow the slider;
 * with JavaScript off, the static figure of the seeded state is there. Screenshots of a few at
 * 1280 and 420 px, light and dark, go to /tmp/shots/explore/.
 */

const SHOTS = "/tmp/shots/explore";
const lessons = readdirSync(join(REPO, "notebooks"))
  .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
  .sort()
  .map((f) => ({ slug: f.replace(/\.ipynb$/, ""), specs: markersOf(f).map((m) => parseSpec(m.json, f)) }))
  .filter((l) => l.specs.length > 0);

let server: Server;
let browser: Browser;
/** Per slider move: the worker's compute and drawing, and the page's DOM update, in ms (printed at the end). */
const timings: { id: string; worker: number; page: number }[] = [];

beforeAll(async () => {
  await buildSite();
  server = await startServer();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 1_800_000);

afterAll(async () => {
  if (timings.length) {
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    const w = timings.map((t) => t.worker), d = timings.map((t) => t.page);
    console.log(`explorables: ${timings.length} slider moves; worker (compute + draw) median ${q(w, 0.5)} ms, max ${Math.max(...w)} ms; page DOM update median ${q(d, 0.5)} ms, max ${Math.max(...d)} ms; load average ${loadavg()[0].toFixed(1)}`);
  }
  await browser?.close();
  server?.stop();
});

const close = (a: number, b: number) => (Number.isFinite(a) || Number.isFinite(b) ? Math.abs(a - b) <= 1e-9 * Math.max(1e-300, Math.abs(a), Math.abs(b)) : String(a) === String(b));

/** The readout's numbers, per run, as the page shows them now. */
async function readout(page: Page, id: string) {
  return page.$$eval(`#${id} .ex-read`, (els) => els.map((e) => ({ loss: Number((e as HTMLElement).dataset.loss), x: Number((e as HTMLElement).dataset.x), y: (e as HTMLElement).dataset.y ?? "", reached: (e as HTMLElement).dataset.reached ?? "" })));
}

function expectMatches(spec: ExplorableSpec, values: number[], shown: Awaited<ReturnType<typeof readout>>, what: string) {
  const res = computeExplorable(spec, values);
  expect(shown.length, what).toBe(res.runs.length);
  res.runs.forEach((r, i) => {
    const loss = r.loss[r.loss.length - 1];
    expect(close(shown[i].loss, loss), `${what}, ${r.label}: final loss ${shown[i].loss} in the page, ${loss} in Node`).toBe(true);
    expect(close(shown[i].x, r.xs[r.xs.length - 1]), `${what}, ${r.label}: final x`).toBe(true);
    expect(shown[i].reached, `${what}, ${r.label}: step reaching the tolerance`).toBe(r.reached === null ? "" : String(r.reached));
  });
}

describe.each(lessons)("lesson $slug", ({ slug, specs }) => {
  it(`has its ${specs.length} explorable(s); each follows its sliders moved with the keyboard, as src/ computes them`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(`${server.url}/lessons/${slug}/`);
    const ids = await page.$$eval("figure.explorable", (els) => els.map((e) => e.id));
    expect(ids.length).toBe(specs.length);
    for (const [k, spec] of specs.entries()) {
      const id = ids[k];
      const fig = page.locator(`#${id}`);
      await fig.scrollIntoViewIfNeeded();
      await page.waitForFunction((i) => document.getElementById(i)?.dataset.state === "live", id, { timeout: 20_000 });
      const values = seededValues(spec);
      expectMatches(spec, values, await readout(page, id), `${id} as built`);
      for (const [s, slider] of spec.sliders.entries()) {
        const input = fig.locator("input.ex-input").nth(s);
        const pos = sliderPosition(slider, values[s]);
        const atEnd = slider.values ? pos === slider.values.length - 1 : values[s] + (slider.step ?? 0.01) > slider.max! + 1e-12;
        const before = await fig.locator(".ex-figure").innerHTML();
        await input.focus();
        await page.keyboard.press(atEnd ? "ArrowLeft" : "ArrowRight");
        const step = slider.values ? 1 : slider.step ?? 0.01;
        values[s] = sliderValue(slider, pos + (atEnd ? -step : step));
        await page.waitForFunction(([i, v]) => document.getElementById(i)?.dataset.state === "ready" && document.getElementById(i)?.dataset.values === v, [id, JSON.stringify(values)] as const, { timeout: 20_000 });
        const what = `${id} after moving "${slider.label}" to ${values[s]}`;
        expectMatches(spec, values, await readout(page, id), what);
        timings.push({ id, worker: Number(await fig.getAttribute("data-ms")), page: Number(await fig.getAttribute("data-draw-ms")) });
        expect(await fig.locator(".ex-figure").innerHTML(), `${what}: the figure changed`).not.toBe(before);
        expect(await fig.locator("output").nth(s).textContent()).toBe(showValue(values[s]));
        expect(await input.getAttribute("aria-valuetext")).toBe(showValue(values[s]));
        // The playground link carries the same state (or is absent where the playground has no form for it).
        const { options, startScale } = resolve(spec, values);
        const href = playgroundHref(spec, options, startScale);
        const link = fig.locator("a.ex-play");
        if (href === null) expect(await link.count()).toBe(0);
        else {
          const got = (await link.getAttribute("href"))!;
          expect(got).toBe(href);
          const state = parseState(got.slice(got.indexOf("#")), isOptimizerName);
          expect(state.surface).toBe(spec.surface);
          const first = spec.runs[0].optimizer;
          if (typeof options[0].lr === "number") expect(state.lr[first]).toBeCloseTo(options[0].lr, 10);
        }
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("without JavaScript shows each explorable's static figure of the seeded state", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/lessons/${slug}/`);
    const ids = await page.$$eval("figure.explorable", (els) => els.map((e) => e.id));
    expect(ids.length).toBe(specs.length);
    for (const [k, spec] of specs.entries()) {
      const fig = page.locator(`#${ids[k]}`);
      expect(await fig.locator("svg.ex-panel").count()).toBe(spec.panels.length);
      expect(await fig.locator("svg.ex-panel polyline").count()).toBeGreaterThanOrEqual(spec.runs.length);
      expect(await fig.locator("fieldset").getAttribute("disabled")).not.toBeNull();
      const box = await fig.locator(".ex-figure").boundingBox();
      expect(box!.height).toBeGreaterThan(150);
      expectMatches(spec, seededValues(spec), await readout(page, ids[k]), `${ids[k]} without JavaScript`);
    }
    await context.close();
  }, 120_000);
});

describe("at 420 px", () => {
  it.each(lessons.map((l) => l.slug))("%s: every explorable fits the window, live and static", async (slug) => {
    for (const js of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 }, javaScriptEnabled: js });
      const page = await context.newPage();
      await page.goto(`${server.url}/lessons/${slug}/`);
      for (const fig of await page.locator("figure.explorable").all()) {
        await fig.scrollIntoViewIfNeeded();
        const id = (await fig.getAttribute("id"))!;
        if (js) await page.waitForFunction((i) => document.getElementById(i)?.dataset.state === "live", id);
        const box = (await fig.boundingBox())!;
        expect(box.x + box.width, `${id} (JavaScript ${js ? "on" : "off"}): its right edge`).toBeLessThanOrEqual(420);
        const inner = await fig.evaluate((f) => Array.from(f.querySelectorAll("*")).filter((e) => e.getBoundingClientRect().right > f.getBoundingClientRect().right + 0.5).map((e) => e.className || e.tagName));
        expect(inner, `${id}: elements sticking out of the figure`).toEqual([]);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${slug}: page width`).toBeLessThanOrEqual(420);
      await context.close();
    }
  }, 120_000);
});

describe("screenshots", () => {
  it.each([
    ["03-momentum", 0],
    ["02-challenges", 1],
    ["10-amsgrad-adamw", 0],
  ] as const)("%s explorable %i at 1280 and 420 px, light and dark", async (slug, k) => {
    for (const width of [1280, 420]) {
      for (const theme of ["light", "dark"] as const) {
        // Tall enough that the whole figure (about 1200 px at 420 px wide) is painted in one screenshot.
        const context = await browser.newContext({ viewport: { width, height: 1600 }, colorScheme: theme });
        await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
        const page = await context.newPage();
        await page.goto(`${server.url}/lessons/${slug}/`);
        const fig = page.locator("figure.explorable").nth(k);
        await fig.scrollIntoViewIfNeeded();
        const id = (await fig.getAttribute("id"))!;
        await page.waitForFunction((i) => document.getElementById(i)?.dataset.state === "live", id);
        await fig.locator("input.ex-input").first().focus();
        await page.keyboard.press("ArrowRight"); // every screenshot's first slider has room to the right
        await page.waitForFunction((i) => document.getElementById(i)?.dataset.state === "ready", id);
        const box = await fig.boundingBox();
        expect(box!.width).toBeLessThanOrEqual(width);
        await fig.screenshot({ path: join(SHOTS, `${slug}-${k}-${width}-${theme}.png`) });
        await context.close();
      }
    }
  }, 120_000);
});
