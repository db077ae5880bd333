import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIST, sitePages, useSite } from "./support/site";

/**
 * What made the site slow (issue 11, section 5), checked without timing anything: the page
 * weight that Lighthouse measured, and the work that no longer happens while a page loads. The
 * figures themselves come from `npm run site:bench` (README, site section).
 */

const site = useSite(900_000);

const html = (path: string) => readFileSync(join(DIST, path, "index.html"), "utf8");
const lessons = () => readdirSync(join(DIST, "lessons")).filter((d) => /^\d\d-/.test(d)).sort();

/** Each KaTeX formula of a page (from its `<span class="katex">` to the </span> that closes it). */
function formulasIn(page: string): string[] {
  const out: string[] = [];
  for (const m of page.matchAll(/<span class="katex"/g)) {
    const tags = /<(\/?)span\b[^>]*>/g;
    tags.lastIndex = m.index!;
    let depth = 0;
    for (let t = tags.exec(page); t; t = tags.exec(page)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) { out.push(page.slice(m.index!, t.index + t[0].length)); break; }
    }
  }
  return out;
}

describe("page weight", () => {
  it("code blocks carry token classes, not inline styles, and no second copy of their text", () => {
    const pages = sitePages().filter((p) => p.startsWith("/lessons/") || p.startsWith("/reference/"));
    expect(pages.length).toBeGreaterThan(16);
    let blocks = 0;
    for (const p of pages) {
      const page = html(p);
      const code = page.match(/<div class="expressive-code">[\s\S]*?<\/figure><\/div>/g) ?? [];
      blocks += code.length;
      for (const block of code) {
        expect(block, `${p}: a token with an inline style`).not.toMatch(/<span style="--\d/);
        expect(block, `${p}: the copy button repeats the code`).not.toMatch(/data-code=/);
      }
      // Every token class used on the page is defined on the page.
      for (const cls of new Set(page.match(/\bec-t[a-z0-9]+\b/g) ?? [])) expect(page, `${p}: ${cls} has no colours`).toContain(`.${cls}{--0:`);
    }
    expect(blocks, "code blocks seen").toBeGreaterThan(100);
  });

  it("every lesson's HTML stays under 360 KB (it was up to 510 KB, then 401 KB before KaTeX's output was compacted, 321 KB after; a plain static server sends it uncompressed), the update-rules reference under 240 KB (264 KB before, 218 KB now)", () => {
    const sizes = lessons().map((l) => [l, statSync(join(DIST, "lessons", l, "index.html")).size] as const);
    expect(sizes.length).toBe(16);
    for (const [l, size] of sizes) expect(size, l).toBeLessThan(360 * 1024);
    expect(statSync(join(DIST, "reference", "update-rules", "index.html")).size).toBeLessThan(240 * 1024);
  });

  it("KaTeX's output is compacted on every page with math: no inline style left in it, every class and shared path it uses defined on the page, no TeX annotation in the prose", () => {
    const pages = sitePages().filter((p) => p.startsWith("/lessons/") || p.startsWith("/reference/"));
    let formulas = 0;
    for (const p of pages) {
      const page = html(p);
      const katexHtml = formulasIn(page);
      formulas += katexHtml.length;
      for (const k of katexHtml) expect(k, `${p}: an inline style in KaTeX's HTML`).not.toMatch(/<span[^>]* style="/);
      const rules = /<span hidden><style>([^<]*)<\/style>/.exec(page)?.[1] ?? "";
      for (const cls of new Set(Array.from(page.matchAll(/class="[^"]*\b(k-[0-9a-z]+)\b/g), (m) => m[1]))) expect(rules, `${p}: .${cls} is not defined`).toContain(`.${cls}{`);
      for (const id of new Set(Array.from(page.matchAll(/<use href="#(k[pi]-[0-9a-z]+)"/g), (m) => m[1]))) expect(page, `${p}: #${id} is not defined`).toContain(`<path id="${id}"`);
    }
    expect(formulas, "formulas seen").toBeGreaterThan(1000);
    // Anchor icons share one path on lessons (Starlight's heading links).
    expect(html(`/lessons/${lessons()[8]}/`)).toMatch(/<a class="sl-anchor-link"[^>]*><span aria-hidden="true" class="sl-anchor-icon"><svg[^>]*><use href="#ki-0"><\/use><\/svg>/);
  });

  it("render-blocking stylesheets of every page type stay under 110 KB in all", () => {
    for (const p of ["/", `/lessons/${lessons()[0]}/`, "/playground/", "/exercises/01-sgd/", "/reference/update-rules/", "/reference/bibliography/"]) {
      const head = html(p).split("</head>")[0];
      const sheets = Array.from(head.matchAll(/<link rel="stylesheet" href="([^"]+)"/g), (m) => m[1]);
      const total = sheets.reduce((n, href) => n + statSync(join(DIST, href)).size, 0);
      expect(total, `${p}: ${sheets.join(", ")}`).toBeLessThan(110 * 1024);
    }
  });
});

describe("work deferred until it is wanted", () => {
  it("the playground shows its first view before Plotly loads, and loads Plotly when the reader reaches the plot", async () => {
    const page = await site.browser.newPage({ viewport: { width: 420, height: 900 } });
    const scripts: string[] = [];
    page.on("request", (r) => scripts.push(r.url()));
    await page.goto(`${site.server.url}/playground/`);
    await page.waitForFunction(() => performance.getEntriesByName("playground:first-view").length > 0, null, { timeout: 60_000 });
    const first = await page.evaluate(() => ({
      plotly: performance.getEntriesByName("playground:plotly-loaded").length,
      svg: document.querySelector("#pg-contour > svg")?.getAttribute("aria-label"),
      paths: document.querySelectorAll("#pg-contour > svg path").length,
      loss: document.querySelectorAll("#pg-loss > svg path").length,
    }));
    expect(first.plotly, "Plotly had loaded before the first view").toBe(0);
    expect(scripts.some((u) => /plotly-cartesian/.test(u)), "the Plotly bundle was requested for the first view").toBe(false);
    expect(first.svg).toMatch(/Rosenbrock/);
    expect(first.paths, "contour lines and paths").toBeGreaterThan(10);
    expect(first.loss, "loss curves").toBeGreaterThan(2);
    await page.hover("#pg-contour");
    await page.waitForSelector("#pg-contour .main-svg", { timeout: 60_000 });
    expect(scripts.some((u) => /plotly-cartesian/.test(u))).toBe(true);
    await page.close();
  }, 120_000);

  it("search loads Pagefind's UI on first use, not on every page, and still finds a lesson", async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${site.server.url}/lessons/${lessons()[0]}/`, { waitUntil: "load" });
    await page.waitForTimeout(1500);
    expect(requests.filter((u) => /pagefind|ui-core/.test(u)), "search loaded before it was used").toEqual([]);
    await page.click("button[data-open-modal]");
    await page.fill("#starlight__search input", "momentum");
    await page.waitForSelector(".pagefind-ui__result-link", { timeout: 30_000 });
    expect(await page.locator(".pagefind-ui__result-link").count()).toBeGreaterThan(0);
    await page.close();
  }, 120_000);

  it("the update-rules page loads the optimizer library when a convention comparison nears the view, not with the page (it was 75 of the page's 92 KB of script)", async () => {
    // A window short enough that no comparison plot is within the 300 px the page draws ahead.
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 600 } });
    const scripts = new Map<string, number>();
    page.on("response", async (r) => {
      if (r.request().resourceType() !== "script") return;
      const body = await r.body().catch(() => Buffer.alloc(0));
      scripts.set(r.url(), body.length);
    });
    await page.goto(`${site.server.url}/reference/update-rules/`, { waitUntil: "load" });
    await page.waitForTimeout(1500);
    const firstPlot = await page.evaluate(() => document.querySelector(".convention-switch .conv-plot")?.getBoundingClientRect().top ?? 0);
    expect(firstPlot, "the first comparison plot starts more than 300 px below the window").toBeGreaterThan(600 + 300);
    const kb = () => [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
    const atLoad = kb();
    expect([...scripts.keys()].filter((u) => /convention-compare/.test(u)), "the comparison code loaded with the page").toEqual([]);
    expect(atLoad, "KB of script at load").toBeLessThan(30);
    const plot = page.locator(".convention-switch .conv-plot").first();
    await plot.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".convention-switch .conv-plot")?.dataset.drawn === "yes", null, { timeout: 60_000 });
    expect([...scripts.keys()].some((u) => /convention-compare/.test(u)), "the comparison code was loaded for the plot").toBe(true);
    // The library came with it: the comparison ran it in the page.
    expect(kb() - atLoad, "KB of script loaded for the comparison (the library and Plotly)").toBeGreaterThan(60);
    await page.close();
  }, 120_000);

  it("a code block's copy button copies the block's lines (read from the block, not from the HTML)", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.server.url });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/lessons/${lessons()[1]}/`, { waitUntil: "load" });
    const block = page.locator(".expressive-code").first();
    await block.scrollIntoViewIfNeeded();
    const lines = await block.locator(".ec-line").evaluateAll((ls) => ls.map((l) => l.textContent ?? ""));
    expect(lines.length).toBeGreaterThan(1);
    await block.hover();
    await block.locator(".copy button").click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toBe(lines.join("\n"));
    await context.close();
  }, 120_000);
});
