import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HIDDEN_CASES } from "../../src/grader/hidden/index";
import { CAPTURE_TIMEOUT_MS, DIST, REPO, retryHungCapture, sitePages, useSite } from "./support/site";

/**
 * The course site end to end: `npm run build`, then the built folder served by
 * scripts/site/serve.mjs on 127.0.0.1 and driven in Debian's Chromium. One build and one browser
 * for every check (the whole file stays within about three minutes on two cores).
 */

const SHOTS = "/tmp/shots/site";
// DESCENT_NOTEBOOKS (also read by the build) points the lessons at another folder of notebooks.
const NOTEBOOKS = process.env.DESCENT_NOTEBOOKS ?? join(REPO, "notebooks");
const notebooks = readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const exerciseFiles = readdirSync(join(REPO, "exercises")).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();
const firstLesson = notebooks[0]?.replace(/\.ipynb$/, "");
const firstExercise = exerciseFiles[0]?.replace(/\.ts$/, "");

const site = useSite(900_000);

interface Watched {
  page: Page;
  context: BrowserContext;
  errors: string[];
  external: string[];
}

async function open(path: string, options: { width?: number; theme?: "light" | "dark" } = {}): Promise<Watched> {
  const context = await site.browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.theme ?? "light" });
  if (options.theme) await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), options.theme);
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${path}: console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${path}: uncaught: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(site.server.url) && !u.startsWith("data:") && !u.startsWith("blob:")) external.push(u);
  });
  await page.goto(site.server.url + path, { waitUntil: "load" });
  return { page, context, errors, external };
}

/** Scrolls through the page so that lazy plots draw, then waits until none is pending. */
async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 700) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    await page.waitForTimeout(120);
  }
  await page.waitForFunction(() => !document.querySelector('.nb-plot[data-drawn="pending"]'), null, { timeout: 30_000 });
}

describe("the build", () => {
  it("makes one lesson per notebook, one page per exercise, the playground, the instructors page, 404 and a search index", () => {
    expect(site.buildOutput).toMatch(/site: (built site\/dist|up to date)/);
    expect(notebooks.length).toBeGreaterThan(0);
    for (const nb of notebooks) expect(existsSync(join(DIST, "lessons", nb.replace(/\.ipynb$/, ""), "index.html")), nb).toBe(true);
    for (const ex of exerciseFiles) expect(existsSync(join(DIST, "exercises", ex.replace(/\.ts$/, ""), "index.html")), ex).toBe(true);
    for (const p of ["playground", "instructors", "lessons", "exercises"]) expect(existsSync(join(DIST, p, "index.html")), p).toBe(true);
    expect(existsSync(join(DIST, "404.html"))).toBe(true);
    expect(existsSync(join(DIST, "favicon.svg"))).toBe(true);
    expect(existsSync(join(DIST, "pagefind", "pagefind.js"))).toBe(true);
    // Each lesson offers its notebook for download, and the file is there.
    for (const nb of notebooks) expect(existsSync(join(DIST, "notebooks", nb)), nb).toBe(true);
  });

  it("has no broken internal link or asset on any page", () => {
    const broken: string[] = [];
    for (const path of sitePages()) {
      const html = readFileSync(join(DIST, path, "index.html"), "utf8");
      for (const m of html.matchAll(/(?:href|src|data-figure)="(\/[^"#?]*)[^"]*"/g)) {
        const target = decodeURIComponent(m[1]);
        const file = join(DIST, target);
        const ok = target.endsWith("/") ? existsSync(join(file, "index.html")) : existsSync(file) || existsSync(join(file, "index.html"));
        if (!ok) broken.push(`${path} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("ships no hidden test: no hidden case's title is in any page or script", () => {
    const titles = [...new Set(Object.values(HIDDEN_CASES).flatMap((cases) => cases.map((c) => c.title)))];
    expect(titles.length).toBeGreaterThan(3);
    const files = [...sitePages().map((p) => join(DIST, p, "index.html")), ...readdirSync(join(DIST, "_astro")).filter((f) => f.endsWith(".js")).map((f) => join(DIST, "_astro", f))];
    const leaks = files.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return titles.filter((t) => text.includes(t)).map((t) => `${f}: "${t}"`);
    });
    expect(leaks).toEqual([]);
  });

  it("ships no solution: no line of solutions/ that is not also in the stub or in src/ is in any built file", () => {
    // Lines the site may legitimately contain: the exercise stubs (shown in the editor) and the
    // library (bundled for the playground), where an answer's bookkeeping line can also occur.
    const allowed = new Set<string>();
    const addLines = (text: string): void => text.split("\n").forEach((l) => allowed.add(l.trim()));
    const walk = (dir: string, keep: (f: string) => boolean): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name), keep) : keep(e.name) ? [join(dir, e.name)] : [],
      );
    for (const f of walk(join(REPO, "src"), (n) => n.endsWith(".ts"))) addLines(readFileSync(f, "utf8"));
    for (const f of exerciseFiles) addLines(readFileSync(join(REPO, "exercises", f), "utf8"));
    const answers = exerciseFiles.flatMap((f) =>
      readFileSync(join(REPO, "solutions", f), "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.length >= 24 && !l.startsWith("*") && !l.startsWith("//") && !l.startsWith("/*") && !allowed.has(l))
        .map((line) => ({ file: f, line })),
    );
    expect(answers.length).toBeGreaterThan(exerciseFiles.length); // the check has lines to look for
    const built = walk(DIST, (n) => /\.(html|js|mjs|json|ipynb|txt|md)$/.test(n));
    const leaks = built.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return answers.filter((a) => text.includes(a.line)).map((a) => `${f}: ${a.file}: ${a.line}`);
    });
    expect(leaks).toEqual([]);
  });

  it("references nothing outside the site (no CDN)", () => {
    const external: string[] = [];
    for (const path of sitePages()) {
      const html = readFileSync(join(DIST, path, "index.html"), "utf8");
      for (const m of html.matchAll(/<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(https?:)?\/\/[^"]+"/g)) external.push(`${path}: ${m[0].slice(0, 120)}`);
    }
    expect(external).toEqual([]);
  });
});

describe("in Chromium", () => {
  it("loads every page without a console error or an external request, plots drawn once scrolled to", async () => {
    const problems: string[] = [];
    for (const path of sitePages()) {
      const w = await open(path);
      // Lessons and reference pages have lazy plots: scroll them into view. Other pages settle.
      if (/^\/(lessons|reference)\/./.test(path)) await scrollThrough(w.page);
      else await w.page.waitForTimeout(300);
      const failed = await w.page.$$eval('.nb-plot[data-drawn="failed"]', (els) => els.map((e) => e.textContent ?? ""));
      problems.push(...w.errors, ...w.external.map((u) => `${path}: external request ${u}`), ...failed.map((t) => `${path}: ${t}`));
      await w.context.close();
    }
    expect(problems).toEqual([]);
  }, 360_000);

  it("draws a lesson's Plotly figure only when it scrolls into view, in its reserved space", async () => {
    const w = await open(`/lessons/${firstLesson}/`);
    const plots = w.page.locator(".nb-plot[data-figure]");
    expect(await plots.count()).toBeGreaterThan(0);
    const last = plots.last();
    const reserved = (await last.boundingBox())!.height;
    expect(await last.getAttribute("data-drawn")).toBeNull(); // far below the fold: not drawn yet
    await last.scrollIntoViewIfNeeded();
    await w.page.waitForFunction((el) => el?.getAttribute("data-drawn") === "yes", await last.elementHandle(), { timeout: 30_000 });
    expect(await last.locator(".main-svg").count()).toBeGreaterThan(0);
    expect(await last.locator("path.js-line, g.contourlevel, g.trace").count()).toBeGreaterThan(0);
    expect(Math.abs((await last.boundingBox())!.height - reserved)).toBeLessThan(2); // no layout shift
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it("fits every equal-aspect contour to a phone's width when drawn ahead of the reader: no blank under the x axis, the legend clear of the plot", async () => {
    // Contour figures (one unit of x as long as one of y) are sized for a wide column; at 420 px
    // the plot shrinks with the width (site/src/scripts/fit-figure.ts cuts the box to it).
    const problems: string[] = [];
    let checked = 0;
    for (const page of sitePages().filter((p) => p.startsWith("/lessons/") && p !== "/lessons/")) {
      const w = await open(page, { width: 420 });
      const boxes = w.page.locator(".nb-plot[data-figure], .conv-plot");
      for (let i = 0; i < (await boxes.count()); i++) {
        const el = boxes.nth(i);
        const url = await el.getAttribute("data-figure");
        if (url) {
          const fig = (await (await fetch(site.server.url + url)).json()) as { layout?: { yaxis?: { scaleanchor?: string } } };
          if (!fig.layout?.yaxis?.scaleanchor) continue;
        }
        const reserved = (await el.boundingBox())!.height;
        // Put the figure 150 px below the window: inside the 300 px drawing margin, out of sight.
        await el.evaluate((e) => window.scrollTo(0, window.scrollY + e.getBoundingClientRect().top - window.innerHeight - 150));
        await w.page.waitForFunction((e) => e?.getAttribute("data-drawn") === "yes" || e?.getAttribute("data-drawn") === "failed", await el.elementHandle(), { timeout: 30_000 });
        await w.page.waitForTimeout(300);
        const m = await el.evaluate((e) => {
          const r = (s: string) => Array.from(e.querySelectorAll(s)).map((x) => x.getBoundingClientRect()).filter((b) => b.height > 0);
          const plot = r(".nsewdrag")[0];
          const bottoms = [...r(".nsewdrag"), ...r(".g-xtitle"), ...r(".xtick"), ...r(".slider-container"), ...r(".updatemenu-container")].map((b) => b.bottom);
          const legend = r(".legend")[0];
          return { box: e.getBoundingClientRect().bottom, content: Math.max(...bottoms), legendBottom: legend?.bottom ?? -Infinity, plotTop: plot?.top ?? Infinity, height: e.getBoundingClientRect().height };
        });
        checked++;
        const where = `${page} figure ${i + 1} (reserved ${Math.round(reserved)} px, now ${Math.round(m.height)} px)`;
        if (m.box - m.content > 40) problems.push(`${where}: ${Math.round(m.box - m.content)} px blank under the figure`);
        if (m.legendBottom > m.plotTop + 1) problems.push(`${where}: legend ${Math.round(m.legendBottom - m.plotTop)} px over the plot`);
      }
      expect(w.errors).toEqual([]);
      await w.context.close();
    }
    expect(checked).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 600_000);

  it("finds a lesson by a word of its text with the search box", async () => {
    // A word of the lesson's prose (not code, not math) that no other page uses.
    const proseOf = (html: string) => (/<div class="sl-markdown-content">([\s\S]*?)<footer/.exec(html)?.[1] ?? "").replace(/<pre[\s\S]*?<\/pre>|<span class="katex[\s\S]*?<\/span>|<[^>]+>/g, " ");
    const prose = proseOf(readFileSync(join(DIST, "lessons", firstLesson, "index.html"), "utf8"));
    const others = sitePages().filter((p) => p !== `/lessons/${firstLesson}/`).map((p) => readFileSync(join(DIST, p, "index.html"), "utf8").toLowerCase());
    const word = (prose.match(/\b[a-z]{8,14}\b/g) ?? []).find((x) => others.every((o) => !o.includes(x)));
    expect(word).toBeTruthy();
    const w = await open("/");
    await w.page.click("site-search button[data-open-modal]");
    await w.page.fill("dialog .pagefind-ui__search-input", word!);
    const hit = w.page.locator(`dialog .pagefind-ui__result a[href*="/lessons/${firstLesson}/"]`).first();
    await hit.waitFor({ timeout: 20_000 });
    expect(await hit.isVisible()).toBe(true);
    await w.context.close();
  });
});

describe("the playground", () => {
  it("animates the trajectories with loss curves and reports each run", async () => {
    const w = await open("/playground/#s=rosenbrock&o=adam,momentum&lr.adam=0.05&n=200&c=seed");
    // The first view shows the finished paths; Animate (and any change) races them step by step.
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    await w.page.click("#pg-run");
    await w.page.waitForFunction(() => Number(document.querySelector<HTMLElement>("#playground")?.dataset.frame ?? 0) > 0, null, { timeout: 30_000 });
    const midway = Number(await w.page.getAttribute("#playground", "data-frame"));
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    expect(midway).toBeLessThan(200); // frames came one after another: it animated
    // The drawn adam path has all 201 points once done.
    const points = await w.page.evaluate(() => {
      const el = document.getElementById("pg-contour") as HTMLElement & { data: { name: string; x: number[] }[] };
      return el.data.find((t) => t.name === "adam")?.x.length;
    });
    expect(points).toBe(201);
    expect(await w.page.locator("#pg-loss .main-svg").count()).toBeGreaterThan(0);
    expect(await w.page.textContent("#pg-status")).toMatch(/adam: loss [0-9.e+-]+ after 200 steps/);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it("keeps its whole state in the URL, and a link restores it", async () => {
    const w = await open("/playground/#s=beale&o=rmsprop,nesterov&lr.rmsprop=0.02&p.nesterov=0.8&n=150&c=pytorch&x0=1.5,-1");
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    expect(await w.page.inputValue("#pg-surface")).toBe("beale");
    expect(await w.page.inputValue("#pg-convention")).toBe("pytorch");
    expect(await w.page.inputValue("#pg-steps")).toBe("150");
    expect(await w.page.isChecked('#pg-opt-list input[value="rmsprop"]')).toBe(true);
    expect(await w.page.isChecked('#pg-opt-list input[value="adam"]')).toBe(false);
    // The log-scale slider sits on its nearest step; the value used (and shown) is the URL's.
    expect(Math.abs(Number(await w.page.inputValue('input[data-opt="rmsprop"][data-kind="lr"]')) - Math.log10(0.02))).toBeLessThanOrEqual(0.025);
    expect(await w.page.locator('input[data-opt="rmsprop"][data-kind="lr"]').locator("xpath=..").locator("output").textContent()).toBe("0.02");
    expect(await w.page.textContent("#pg-start")).toContain("(1.500, -1.000)");
    // Change something: the URL follows, and opening that URL restores the same controls.
    await w.page.selectOption("#pg-surface", "himmelblau");
    await w.page.check('#pg-opt-list input[value="adam"]');
    await w.page.waitForFunction(() => location.hash.includes("adam"));
    const hash = await w.page.evaluate(() => location.hash);
    expect(hash).toContain("s=himmelblau");
    expect(new URLSearchParams(hash.slice(1)).get("o")!.split(",").sort()).toEqual(["adam", "nesterov", "rmsprop"]);
    const again = await open(`/playground/${hash}`);
    await again.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    expect(await again.page.evaluate(() => location.hash)).toBe(hash);
    expect(await again.page.inputValue("#pg-surface")).toBe("himmelblau");
    expect(await again.page.isChecked('#pg-opt-list input[value="adam"]')).toBe(true);
    await w.context.close();
    await again.context.close();
  });

  it("sets the start point where the contour is clicked", async () => {
    const w = await open("/playground/#s=himmelblau&o=sgd&n=50");
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    const box = (await w.page.locator("#pg-contour .nsewdrag").first().boundingBox())!;
    await w.page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
    await w.page.waitForFunction(() => location.hash.includes("x0="), null, { timeout: 10_000 });
    const x0 = new URLSearchParams((await w.page.evaluate(() => location.hash)).slice(1)).get("x0")!.split(",").map(Number);
    expect(x0[0]).toBeGreaterThan(0); // right half of the plot
    expect(x0[1]).toBeGreaterThan(0); // upper half
    await w.context.close();
  });

  it("says plainly when a run diverges, and shows a formula's parse error at its position", async () => {
    const w = await open("/playground/#s=rosenbrock&o=sgd&lr.sgd=0.1&n=100");
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    expect(await w.page.textContent("#pg-status")).toMatch(/sgd diverged: diverged at step \d+/);
    await w.page.selectOption("#pg-surface", "formula");
    await w.page.fill("#pg-formula", "x^2 + * y");
    await w.page.waitForSelector("#pg-formula-error:not([hidden])", { timeout: 10_000 });
    const err = (await w.page.textContent("#pg-formula-error"))!;
    const [line, caret] = err.split("\n");
    expect(line).toBe("x^2 + * y");
    expect(caret.indexOf("^")).toBe(6); // under the "*", the 7th character
    expect(err).toMatch(/at character 7/);
    await w.page.fill("#pg-formula", "x^2 + 10*y^2");
    await w.page.waitForSelector("#pg-formula-error[hidden]", { state: "attached", timeout: 10_000 });
    await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
    expect(await w.page.evaluate(() => location.hash)).toContain("f=x%5E2%20%2B%2010*y%5E2");
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

describe("an exercise page", () => {
  async function runTests(page: Page): Promise<{ outcome: string; status: string }> {
    // The page's script wires Run after the editor loads; a click before that would do nothing.
    await page.waitForSelector(".exercise[data-ready]", { timeout: 30_000 });
    await page.click(".ex-run");
    await page.waitForFunction(() => !["running", undefined].includes(document.querySelector<HTMLElement>(".exercise")?.dataset.outcome), null, { timeout: 30_000 });
    return { outcome: (await page.getAttribute(".exercise", "data-outcome"))!, status: (await page.textContent(".ex-status"))! };
  }
  async function typeCode(page: Page, code: string): Promise<void> {
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(code);
  }

  it("fails with the stub, passes with the solution, keeps the code across a reload, and stops an infinite loop", async () => {
    const w = await open(`/exercises/${firstExercise}/`);
    expect(await w.page.textContent(".descent-note")).toMatch(/Practice only[\s\S]*descent grade/);
    const stub = await runTests(w.page);
    expect(stub.outcome).toBe("fail");
    expect(stub.status).toMatch(/^0\/\d+ points/);
    expect(await w.page.textContent(".ex-results")).toContain("not done yet: the stub still throws TODO");

    const solution = readFileSync(join(REPO, "solutions", `${firstExercise}.ts`), "utf8");
    await typeCode(w.page, solution);
    await w.page.waitForTimeout(500); // saved after 300 ms of quiet
    await w.page.reload();
    await w.page.waitForSelector(".cm-content"); // the editor is loaded after the first paint
    expect(await w.page.evaluate(() => document.querySelector(".cm-content")?.textContent ?? "")).toContain(solution.split("\n").find((l) => l.includes("=") && !l.trim().startsWith("*"))!.trim());
    const passed = await runTests(w.page);
    expect(passed.outcome).toBe("pass");
    const [score, max] = passed.status.split(" ")[0].split("/").map(Number);
    expect(score).toBe(max);
    expect(max).toBeGreaterThan(0);
    expect(await w.page.$$eval(".ex-results li", (lis) => lis.every((li) => li.getAttribute("data-status") === "passed"))).toBe(true);

    const stubText = readFileSync(join(REPO, "exercises", `${firstExercise}.ts`), "utf8");
    await typeCode(w.page, stubText.replace(/throw new Error\("TODO"\);/, "while (true) {}"));
    const t0 = Date.now();
    const loop = await runTests(w.page);
    expect(loop.outcome).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(9000);
    expect(loop.status).toMatch(/Stopped after 5 s/);
    // The page is still alive: the next run works.
    await typeCode(w.page, solution);
    expect((await runTests(w.page)).outcome).toBe("pass");
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, 180_000);

  it("names the catalogued mistake the grader recognises", async () => {
    const w = await open("/exercises/07-adam/");
    const solution = readFileSync(join(REPO, "solutions", "07-adam.ts"), "utf8");
    // Drop the bias correction: m_hat = m, v_hat = v.
    const wrong = solution.replace(/\/\s*\(1 - Math\.pow\(hyper\.beta1, t\)\)|\/\s*\(1 - hyper\.beta1 \*\* t\)|\/\s*bc1\b/, "").replace(/\/\s*\(1 - Math\.pow\(hyper\.beta2, t\)\)|\/\s*\(1 - hyper\.beta2 \*\* t\)|\/\s*bc2\b/, "");
    expect(wrong).not.toBe(solution);
    await typeCode(w.page, wrong);
    const r = await runTests(w.page);
    expect(r.outcome).toBe("fail");
    expect(await w.page.textContent(".ex-results")).toMatch(/Likely mistake: no bias correction/i);
    await w.context.close();
  }, 90_000);
});

describe("equation to code and the convention switch", () => {
  const optimizerLessons = notebooks.map((f) => f.replace(/\.ipynb$/, "")).filter((s) => existsSync(join(REPO, "site", "src", "equations", `${s.split("-")[1]}.json`)));

  it("link each term of an update rule to the code line computing it, and switch to PyTorch's form with both trajectories", async () => {
    const w = await open("/reference/update-rules/");
    const boxes = w.page.locator(".convention-switch");
    expect(await boxes.count()).toBe(10); // every optimizer but plain SGD
    const sw = boxes.filter({ has: w.page.locator('[data-optimizer="rmsprop"]') }).first();
    const box = sw.locator(".conv-seed .eq2code");
    const term = box.locator('.eq .katex [data-term="sq"]').first();
    // Let the page settle first (fonts, lazy plots near the box), so nothing moves under the pointer.
    await sw.scrollIntoViewIfNeeded();
    await w.page.evaluate(() => document.fonts.ready.then(() => true));
    await w.page.waitForTimeout(1500);
    await box.and(w.page.locator("[data-ready]")).waitFor({ timeout: 30_000 }); // listeners attached
    const litLines = () => box.locator(".code .term-on").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-term")}: ${e.textContent}`));
    // Hover again on every poll: a figure drawn lazily above the box can shift the page after the
    // pointer has arrived, leaving it over nothing (seen on a loaded CI machine).
    const hovered = async () => {
      await term.scrollIntoViewIfNeeded();
      await term.hover();
      return litLines();
    };
    await expect.poll(hovered, { timeout: 20_000 }).toEqual([expect.stringMatching(/^sq: .*alpha \* sq\[i\]/)]);
    await w.page.mouse.move(0, 0);
    await expect.poll(litLines, { timeout: 5000 }).toEqual([]);
    // Keyboard users focus the term's legend button (terms inside KaTeX's aria-hidden glyphs are not tab stops).
    expect(await box.locator(".eq [tabindex], .code [tabindex]").count()).toBe(0);
    await box.locator('.legend button[data-term="sq"]').focus();
    await expect.poll(litLines, { timeout: 5000 }).toEqual([expect.stringMatching(/^sq: .*alpha \* sq\[i\]/)]);
    await sw.locator('input[value="pytorch"]').check();
    expect(await sw.getAttribute("data-show")).toBe("pytorch");
    await sw.locator(".conv-pytorch .eq2code[data-ready]").waitFor({ timeout: 15_000 }); // fetched when first shown, then wired
    expect(await sw.locator(".conv-pytorch .eq2code").isVisible()).toBe(true);
    expect(await sw.locator(".conv-seed .eq2code").isVisible()).toBe(false);
    const plot = sw.locator(".conv-plot");
    await plot.scrollIntoViewIfNeeded();
    await w.page.waitForFunction((el) => el?.getAttribute("data-drawn") === "yes", await plot.elementHandle(), { timeout: 30_000 });
    const names = await plot.evaluate((el) => (el as HTMLElement & { data: { name: string }[] }).data.map((t) => t.name));
    expect(names).toContain("rmsprop (seed)");
    expect(names).toContain("rmsprop (PyTorch)");
    expect(await sw.locator(".conv-note").textContent()).toMatch(/Seed form .* final loss [0-9.e+-]+.*PyTorch form .* final loss [0-9.e+-]+/);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it("appear on every optimizer lesson that exists", async () => {
    for (const slug of optimizerLessons) {
      const html = readFileSync(join(DIST, "lessons", slug, "index.html"), "utf8");
      expect(html, slug).toContain(`class="convention-switch" data-show="seed" data-optimizer="${slug.split("-")[1]}"`);
    }
    // And on none of the other lessons.
    for (const nb of notebooks.map((f) => f.replace(/\.ipynb$/, "")).filter((s) => !optimizerLessons.includes(s))) {
      expect(readFileSync(join(DIST, "lessons", nb, "index.html"), "utf8"), nb).not.toContain('class="convention-switch"');
    }
  });
});

describe("screenshots", () => {
  it("are taken at 1280 and 420 px in both themes (under /tmp/shots/site/)", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const pages = ["/", `/lessons/${firstLesson}/`, "/playground/", `/exercises/${firstExercise}/`, "/instructors/"];
    let n = 0;
    for (const path of pages) {
      for (const width of [1280, 420]) {
        for (const theme of ["light", "dark"] as const) {
          await retryHungCapture(`${path} at ${width}px (${theme})`, async () => {
            const w = await open(path, { width, theme });
            try {
              if (path.startsWith("/playground")) await w.page.waitForFunction(() => document.querySelector<HTMLElement>("#playground")?.dataset.state === "done", null, { timeout: 30_000 });
              if (path.startsWith("/lessons")) await scrollThrough(w.page); // draw the lazy plots
              await w.page.evaluate(() => window.scrollTo(0, 0));
              // Nothing may be wider than the window (a phone must not scroll sideways).
              const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
              expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
              expect(await w.page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
              await w.page.screenshot({ path: join(SHOTS, `${path.replace(/\W+/g, "_") || "home"}-${width}-${theme}.png`), fullPage: true, timeout: CAPTURE_TIMEOUT_MS });
            } finally {
              await w.context.close();
            }
          });
          n++;
        }
      }
    }
    expect(n).toBe(pages.length * 4);
  }, 600_000);
});
