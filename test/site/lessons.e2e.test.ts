import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { referenceLink, referencesFor } from "../../site/lib/references.mjs";
import { jupyterFormulas, jupyterProse, JUPYTER_MATHJAXUTILS } from "./support/jupyter-math";
import { CAPTURE_TIMEOUT_MS, DIST, REPO, retryHungCapture, sitePages, useSite } from "./support/site";

/**
 * Every lesson shows what its notebook shows, checked in Chromium on every lesson page: the math
 * (as many displays and inline formulas as Jupyter finds in the notebook, by Jupyter's own
 * remove_math; no KaTeX error; no TeX left in the prose), every code cell, and every output of the
 * executed notebook (site/.cache/executed/, what the build rendered).
 */

const NOTEBOOKS = process.env.DESCENT_NOTEBOOKS ?? join(REPO, "notebooks");
const notebooks = readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const text = (s: string | string[] | undefined): string => (Array.isArray(s) ? s.join("") : String(s ?? ""));
const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

interface Output { output_type: string; name?: string; text?: string; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: string | string[] }

function executed(slug: string): Map<number, Output[]> {
  const dir = join(REPO, "site", ".cache", "executed");
  const file = readdirSync(dir).find((f) => f.startsWith(slug + ".") && f.endsWith(".json"));
  if (!file) throw new Error(`no executed copy of ${slug} in ${dir}`);
  const run = JSON.parse(readFileSync(join(dir, file), "utf8")) as { cells: { index: number; outputs: Output[] }[] };
  return new Map(run.cells.map((c) => [c.index, c.outputs]));
}

/** Dollars Jupyter shows as dollars: those left in the prose once formulas and code are out. */
function literalDollars(markdown: string): number {
  const prose = jupyterProse(markdown)
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1`*$/gm, "")
    .replace(/(`+)[^`\n][^\n]*?\1/g, "");
  return (prose.match(/\$/g) ?? []).length;
}

const site = useSite(900_000);

describe("every built page", () => {
  it("has no KaTeX error and no unrendered formula", () => {
    const bad: string[] = [];
    for (const path of sitePages()) {
      const html = readFileSync(join(DIST, path, "index.html"), "utf8");
      if (html.includes("katex-error")) bad.push(`${path}: katex-error`);
      if (html.includes("KATEXMATH")) bad.push(`${path}: a formula placeholder was not rendered`);
    }
    expect(bad).toEqual([]);
  });

  it("loads KaTeX's stylesheet only where there is math", () => {
    for (const path of sitePages()) {
      const html = readFileSync(join(DIST, path, "index.html"), "utf8");
      expect(html.includes("/katex/katex.min.css"), path).toBe(html.includes('class="katex"'));
    }
  });
});

describe("every lesson, in Chromium, shows what its notebook shows", () => {
  it("uses Jupyter's own math finder as the oracle", () => {
    expect(readFileSync(JUPYTER_MATHJAXUTILS, "utf8")).toContain("remove_math");
  });

  for (const file of notebooks) {
    const slug = file.replace(/\.ipynb$/, "");
    it(`${slug}: every formula as Jupyter shows it, every code cell and output`, async () => {
      const nb = JSON.parse(readFileSync(join(NOTEBOOKS, file), "utf8")) as { cells: Cell[] };
      const outputs = executed(slug);
      // What Jupyter shows: formulas in markdown cells and in markdown/LaTeX outputs.
      const mathSources = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => text(c.source));
      for (const outs of outputs.values()) for (const o of outs) for (const t of ["text/markdown", "text/latex"]) if (o.data?.[t] !== undefined && o.data["application/vnd.plotly.v1+json"] === undefined && o.data["text/html"] === undefined) mathSources.push(text(o.data[t] as string));
      const formulas = mathSources.flatMap((s) => jupyterFormulas(s));
      const expected = { display: formulas.filter((f) => f.display).length, inline: formulas.filter((f) => !f.display).length };
      const dollars = mathSources.reduce((n, s) => n + literalDollars(s), 0);

      const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.server.url}/lessons/${slug}/`, { waitUntil: "domcontentloaded" });
      const seen = await page.evaluate(() => {
        const content = document.querySelector(".sl-markdown-content")!;
        const own = (el: Element) => !el.closest(".eq2code");
        const displays = Array.from(content.querySelectorAll(".katex-display")).filter(own).length;
        const inline = Array.from(content.querySelectorAll(".katex")).filter((e) => own(e) && !e.closest(".katex-display")).length;
        const prose = content.cloneNode(true) as Element;
        for (const e of Array.from(prose.querySelectorAll(".katex, .katex-display, pre, code, .expressive-code, .nb-output, .eq2code, .convention-switch, script, style"))) e.remove();
        // Lines joined by hand: innerText is empty for content the browser has not rendered yet
        // (content-visibility: auto skips off-screen cells).
        const codeBlocks = Array.from(content.querySelectorAll(".expressive-code pre")).map((p) => {
          const lines = Array.from(p.querySelectorAll(".ec-line"));
          return lines.length ? lines.map((l) => l.textContent ?? "").join("\n") : p.textContent ?? "";
        });
        const outputPres = Array.from(content.querySelectorAll(".nb-output pre")).map((p) => p.textContent ?? "");
        const htmlOutputs = Array.from(content.querySelectorAll(".nb-html")).map((p) => p.textContent ?? "");
        const toc = Array.from(document.querySelectorAll("starlight-toc a")).map((a) => `${a.getAttribute("href")} ${a.textContent}`);
        const katex = Array.from(content.querySelectorAll(".katex"));
        return {
          // Laid out with KaTeX's stylesheet (a formula without it has its MathML and glyphs both shown).
          unstyled: katex.filter((e) => getComputedStyle(e.querySelector(".katex-mathml") ?? e).position !== "absolute").length,
          searchable: katex.filter((e) => !e.closest("[data-pagefind-ignore]")).length,
          errors: content.querySelectorAll(".katex-error").length,
          displays,
          inline,
          prose: prose.textContent ?? "",
          codeBlocks,
          outputPres,
          htmlOutputs,
          plots: content.querySelectorAll(".nb-plot[data-figure]").length,
          toc,
        };
      });
      await context.close();

      expect(seen.errors, "KaTeX errors").toBe(0);
      expect(seen.unstyled, "formulas without KaTeX's stylesheet").toBe(0);
      expect(seen.searchable, "formulas in the search index").toBe(0);
      expect({ display: seen.displays, inline: seen.inline }, "formulas (display, inline) vs Jupyter's").toEqual(expected);
      // No TeX in the prose: no command, no stray dollar beyond the notebook's escaped ones.
      expect(seen.prose.match(/\\[a-zA-Z]+/g) ?? [], "TeX commands in the prose").toEqual([]);
      expect((seen.prose.match(/\$/g) ?? []).length, "dollars in the prose").toBe(dollars);
      // The table of contents reads as text (no TeX, no KaTeX markup in its labels or anchors).
      for (const entry of seen.toc) expect(entry).not.toMatch(/\\|KATEX|katex|\$/);

      // Every code cell, in order.
      const code = squash(seen.codeBlocks.join("\n"));
      let at = 0;
      for (const cell of nb.cells.filter((c) => c.cell_type === "code" && text(c.source).trim())) {
        const src = squash(text(cell.source));
        const i = code.indexOf(src, at);
        expect(i, `code cell not on the page (or out of order): ${src.slice(0, 80)}`).toBeGreaterThanOrEqual(0);
        at = i + src.length;
      }
      // Every output of the executed notebook.
      const pres = squash(seen.outputPres.join("\n"));
      // HTML outputs are compared without whitespace (a table's textContent joins its cells).
      const bare = (t: string) => t.replace(/\s+/g, "");
      const htmls = bare(seen.htmlOutputs.join(""));
      let plotly = 0;
      for (const outs of outputs.values()) {
        for (const o of outs) {
          if (o.output_type === "stream") {
            if (o.text!.trim()) expect(pres, `${o.name} output missing`).toContain(squash(o.text!));
          } else if (o.data?.["application/vnd.plotly.v1+json"] !== undefined) plotly++;
          else if (o.data?.["text/html"] !== undefined) {
            const t = bare(text(o.data["text/html"] as string).replace(/<[^>]+>/g, " ").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16))).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
            if (t) expect(htmls, "an HTML output is missing").toContain(t);
          } else if (o.data?.["text/plain"] !== undefined && !o.data["text/markdown"] && !o.data["text/latex"]) {
            expect(pres, "a text output is missing").toContain(squash(text(o.data["text/plain"] as string)));
          }
        }
      }
      expect(seen.plots, "figures").toBe(plotly);
    }, 60_000);
  }
});

describe("every lesson a reader can trust, print and run", () => {
  it("cites its sources with links, says how to run its notebook, and shows when it last changed", async () => {
    const problems: string[] = [];
    for (const file of notebooks) {
      const slug = file.replace(/\.ipynb$/, "");
      const html = readFileSync(join(DIST, "lessons", slug, "index.html"), "utf8");
      const refs = referencesFor(slug.slice(0, 2));
      if (!refs.length) problems.push(`${slug}: no references`);
      if (!/<h2 id="references"/.test(html)) problems.push(`${slug}: no References section`);
      for (const r of refs) {
        const link = referenceLink(r);
        if (link && !html.includes(`href="${link.href.replace(/&/g, "&amp;")}"`)) problems.push(`${slug}: no link to ${r.key}`);
      }
      const box = /<div class="lesson-box"[\s\S]*?<\/details><\/div>/.exec(html)?.[0] ?? "";
      for (const needed of [`href="/notebooks/${file}" download`, "How to run this notebook", "TypeScript (Descent)", "npm install", "npm run notebooks"]) if (!box.includes(needed)) problems.push(`${slug}: the lesson box lacks ${needed}`);
      if (!box.includes('data-pagefind-ignore="all"')) problems.push(`${slug}: the lesson box is in the search index`);
      if (!/Last updated:\s*<time datetime="\d{4}-\d\d-\d\d/.test(html)) problems.push(`${slug}: no last-updated date`);
    }
    expect(problems).toEqual([]);
    const bib = readFileSync(join(DIST, "references.bib"), "utf8");
    expect(bib.match(/^@\w+\{/gm)?.length).toBeGreaterThanOrEqual(20);
    expect(readFileSync(join(DIST, "reference", "bibliography", "index.html"), "utf8")).toContain('href="/references.bib"');
  });

  it("shows every figure without JavaScript (the static rendering)", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const problems: string[] = [];
    let figures = 0;
    for (const file of notebooks) {
      const slug = file.replace(/\.ipynb$/, "");
      await page.goto(`${site.server.url}/lessons/${slug}/`, { waitUntil: "load" });
      // Lazy images load as they come near the viewport.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < height; y += 800) await page.evaluate((yy) => window.scrollTo(0, yy), y);
      await page.waitForLoadState("networkidle");
      const plots = await page.$$eval(".nb-plot[data-figure]", (els) =>
        els.map((el) => {
          const img = el.querySelector<HTMLImageElement>("img.nb-static");
          return { src: img?.getAttribute("src") ?? null, ok: !!img && img.complete && img.naturalWidth > 0, shown: !!img && img.getBoundingClientRect().height > 100 };
        }),
      );
      figures += plots.length;
      for (const p of plots) if (!p.ok || !p.shown) problems.push(`${slug}: ${p.src ?? "no static figure"} ${p.ok ? "not shown" : "not loaded"}`);
    }
    await context.close();
    expect(figures).toBeGreaterThan(notebooks.length);
    expect(problems).toEqual([]);
  }, 300_000);

  it("starts search excerpts with the lesson's prose, not the links above it", async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.server.url}/`, { waitUntil: "load" });
    // A string, so that the test runner does not rewrite the page's dynamic import.
    const starts = (await page.evaluate(`(async () => {
      const pf = await import("/pagefind/pagefind.js");
      const out = {};
      for (const q of ["gradient", "learning rate", "step"]) {
        const r = await pf.search(q);
        for (const hit of r.results) {
          const d = await hit.data();
          if (d.url.includes("/lessons/")) out[d.url] = d.content.slice(0, 60);
        }
      }
      return out;
    })()`)) as Record<string, string>;
    await context.close();
    expect(Object.keys(starts).length).toBeGreaterThan(notebooks.length / 2);
    for (const [url, start] of Object.entries(starts)) {
      expect(start, url).not.toMatch(/^\s*(Download|Try|Exercise|How to run)/);
    }
  });
});

describe("screenshots of every lesson", () => {
  it("at 1280 and 420 px in both themes, nothing wider than the window (under /tmp/shots/site/lessons/)", async () => {
    const dir = "/tmp/shots/site/lessons";
    mkdirSync(dir, { recursive: true });
    const overflow: string[] = [];
    for (const file of notebooks) {
      const slug = file.replace(/\.ipynb$/, "");
      for (const width of [1280, 420]) {
        for (const theme of ["light", "dark"] as const) {
          let found: string[] = [];
          await retryHungCapture(`${slug} at ${width}px (${theme})`, async () => {
            found = [];
            const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
            try {
              await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
              const page = await context.newPage();
              await page.goto(`${site.server.url}/lessons/${slug}/`, { waitUntil: "load" });
              // Draw the lazy figures, then wait until none is pending.
              const height = await page.evaluate(() => document.documentElement.scrollHeight);
              for (let y = 0; y < height; y += 800) {
                await page.evaluate((yy) => window.scrollTo(0, yy), y);
                await page.waitForTimeout(80);
              }
              await page.waitForFunction(() => !document.querySelector('.nb-plot[data-drawn="pending"]'), null, { timeout: 60_000 });
              await page.evaluate(() => window.scrollTo(0, 0));
              if (width === 1280 && theme === "light") {
                // In print, every figure is its static rendering (Plotly's canvas and controls hidden).
                await page.emulateMedia({ media: "print" });
                const printed = await page.$$eval(".nb-plot[data-figure]", (els) => els.map((el) => ({ img: (el.querySelector(".nb-static") as HTMLElement | null)?.offsetHeight ?? 0, live: Array.from(el.querySelectorAll<HTMLElement>(".plot-container")).some((c) => c.offsetHeight > 0) })));
                for (const [i, p] of printed.entries()) if (p.img < 100 || p.live) found.push(`${slug}: figure ${i + 1} in print: static ${p.img}px, live shown: ${p.live}`);
                await page.emulateMedia({ media: "screen" });
              }
              const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
              if (wide > 0) found.push(`${slug} at ${width}px (${theme}): ${wide}px too wide`);
              // A table wider than the column scrolls inside itself; its edge shadows say so.
              const uncued = await page.$$eval(".sl-markdown-content table", (ts) => ts.filter((t) => t.scrollWidth > t.clientWidth + 2 && !getComputedStyle(t).backgroundImage.includes("radial-gradient")).length);
              if (uncued > 0) found.push(`${slug} at ${width}px (${theme}): ${uncued} table(s) scroll sideways with no edge shadow`);
              // Off-screen code, outputs and explorable panels skip rendering (content-visibility: auto in site.css); a
              // full-page capture would show them as blank boxes, so render everything for it.
              await page.addStyleTag({ content: ".sl-markdown-content > * { content-visibility: visible !important; }" });
              await page.waitForTimeout(100);
              await page.screenshot({ path: join(dir, `${slug}-${width}-${theme}.png`), fullPage: true, timeout: CAPTURE_TIMEOUT_MS });
            } finally {
              await context.close();
            }
          });
          overflow.push(...found);
        }
      }
    }
    expect(overflow).toEqual([]);
  }, 1_500_000);
});
