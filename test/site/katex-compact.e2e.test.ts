import { createMarkdownProcessor } from "@astrojs/markdown-remark";
import katex from "katex";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodePlaceholder, katexOptions, placeholderPattern } from "../../site/lib/notebook-math.mjs";
import { UNSELECTED_CLASSES } from "../../site/lib/katex-compact.mjs";
import { rehypeMathMarkers, rehypeMathRender } from "../../site/plugins/rehype-notebook-math.mjs";
import { buildSite, launchChromium, REPO, startServer, type Server } from "./support/site";

/**
 * The site's KaTeX output is compacted (site/lib/katex-compact.mjs: inline styles as classes, one
 * copy of each SVG path, no TeX annotation). It must draw exactly what KaTeX draws: every formula
 * of every lesson and of the update-rules reference, rendered once by plain KaTeX and once by the
 * site's Markdown pipeline, in Chromium with KaTeX's stylesheet, gives the same box for every
 * element of KaTeX's HTML and the same pixels.
 */

const DOCS = join(REPO, "site", "src", "content", "docs");
let dir: string;
let server: Server;
let browser: Browser;

beforeAll(async () => {
  await buildSite(); // writes the lessons' Markdown, with its formulas as placeholders
  dir = mkdtempSync(join(tmpdir(), "katex-compact-"));
  cpSync(join(REPO, "node_modules", "katex", "dist", "katex.min.css"), join(dir, "katex.min.css"));
  cpSync(join(REPO, "node_modules", "katex", "dist", "fonts"), join(dir, "fonts"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>formulas</title>"); // the server wants a site
  server = await startServer(dir);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One block per formula; each formula is laid out on its own, so its boxes depend on it alone. */
interface Formula { markdown: string; plain: string }

/** A page's formulas: its placeholders (prose) and the equation-to-code boxes' KaTeX (raw HTML). */
function formulasOf(md: string): Formula[] {
  const out: Formula[] = [];
  const macros = {};
  for (const m of md.matchAll(placeholderPattern())) {
    const { tex, display } = decodePlaceholder(m[1], m[2]);
    let plain: string;
    try {
      plain = katex.renderToString(tex, katexOptions(display, macros));
    } catch {
      plain = katex.renderToString(tex.replace(/\\newcommand\b/g, "\\renewcommand"), katexOptions(display, macros));
    }
    out.push({ markdown: m[0], plain: `<p>${plain}</p>` });
  }
  for (const m of md.matchAll(/<div class="eq" data-pagefind-ignore="all">(<span class="katex-display">[^]*?)<ul class="legend"/g)) {
    out.push({ markdown: `<div class="eq">${m[1]}</div>`, plain: `<div class="eq">${m[1]}</div>` });
  }
  return out;
}

const pageHtml = (blocks: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/katex.min.css">` +
  `<style>body{margin:0;width:800px;font:20px serif}.f{padding:4px 0;border-bottom:1px solid #ccc}p{margin:0}</style></head><body>` +
  blocks.map((b) => `<div class="f">${b}</div>`).join("") +
  `</body></html>`;

/** Every element box of each formula's KaTeX HTML (SVG internals aside: the paths became <use>). */
async function boxes(page: Page): Promise<string[][]> {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".f")).map((f) =>
      Array.from(f.querySelectorAll(".katex-html, .katex-html *:not(svg *)")).map((e) => {
        const r = e.getBoundingClientRect();
        return `${e.tagName} ${r.x.toFixed(3)} ${r.y.toFixed(3)} ${r.width.toFixed(3)} ${r.height.toFixed(3)}`;
      }),
    ),
  );
}

async function shoot(html: string, name: string): Promise<{ boxes: string[][]; png: Buffer; styled: number }> {
  writeFileSync(join(dir, name), html);
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(`${server.url}/${name}`, { waitUntil: "load" });
  const b = await boxes(page);
  const png = await page.screenshot({ fullPage: true });
  const styled = await page.evaluate(() => document.querySelectorAll(".katex-html [style]").length);
  await page.close();
  return { boxes: b, png, styled };
}

const pages = () => [
  ...readdirSync(join(DOCS, "lessons")).filter((f) => /^\d\d-.*\.md$/.test(f)).sort().map((f) => join("lessons", f)),
  join("reference", "update-rules.md"),
];

describe("compacted KaTeX draws what KaTeX draws", () => {
  it("the classes it drops are selected by no stylesheet of the site (KaTeX's, Starlight's, Expressive Code's, ours)", () => {
    const dist = join(REPO, "site", "dist");
    const sheets = [join(dist, "katex", "katex.min.css"), ...readdirSync(join(dist, "_astro")).filter((f) => f.endsWith(".css")).map((f) => join(dist, "_astro", f)), join(REPO, "site", "src", "styles", "site.css")];
    const css = sheets.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(css).toContain(".katex .mathnormal"); // a class KaTeX's CSS does select
    for (const c of UNSELECTED_CLASSES) expect(css, `.${c}`).not.toMatch(new RegExp(`\\.${c}(?![\\w-])|class[*^$|~]?=["']?[^\\]]*${c}`));
    // Inline <style> of pages (the code classes, the KaTeX sheet) never name them either.
    const lesson = readFileSync(join(dist, "lessons", readdirSync(join(dist, "lessons")).filter((d) => /^\d\d-/.test(d)).sort()[8], "index.html"), "utf8");
    for (const m of lesson.matchAll(/<style>([^<]*)<\/style>/g)) for (const c of UNSELECTED_CLASSES) expect(m[1]).not.toMatch(new RegExp(`\\.${c}(?![\\w-])`));
  });

  let processor: Awaited<ReturnType<typeof createMarkdownProcessor>> | undefined;

  it("covers every lesson and the update-rules reference", () => {
    expect(pages().length).toBe(17);
  });

  for (const file of ["lessons/00", "lessons/01", "lessons/02", "lessons/03", "lessons/04", "lessons/05", "lessons/06", "lessons/07", "lessons/08", "lessons/09", "lessons/10", "lessons/11", "lessons/12", "lessons/13", "lessons/14", "lessons/15", "reference/update-rules"]) {
    it(`${file}: same boxes, same pixels, no inline styles left`, async () => {
      const path = pages().find((p) => p.startsWith(file))!;
      expect(path, file).toBeTruthy();
      const formulas = formulasOf(readFileSync(join(DOCS, path), "utf8"));
      expect(formulas.length, `${file}: formulas`).toBeGreaterThan(file.includes("update-rules") ? 9 : 2);
      processor ??= await createMarkdownProcessor({ rehypePlugins: [rehypeMathMarkers, rehypeMathRender], syntaxHighlight: false });
      // The site's pipeline on the same formulas, one per block, in one page (one shared sheet).
      const marker = "FORMULA-BOUNDARY";
      const html = (await processor.render(formulas.map((f) => f.markdown).join(`\n\n${marker}\n\n`))).code;
      const parts = html.split(new RegExp(`<p>${marker}</p>`));
      expect(parts.length).toBe(formulas.length);
      const sheet = /^\s*<span hidden><style>[^]*?<\/style>(?:<svg>[^]*?<\/svg>)?<\/span>/.exec(parts[0])?.[0] ?? "";
      expect(sheet, "the page's KaTeX rules come before its first formula").toContain("<style>.k-0{");
      parts[0] = parts[0].slice(parts[0].indexOf(sheet) + sheet.length);
      // Prose formulas lose the TeX annotation (the equation-to-code boxes' raw HTML keeps it).
      expect(html.replace(/<div class="eq">[^]*?<\/div>/g, "")).not.toContain("application/x-tex");

      const plain = await shoot(pageHtml(formulas.map((f) => f.plain)), `${file.replace("/", "-")}-plain.html`);
      const compact = await shoot(pageHtml([sheet + parts[0], ...parts.slice(1)]), `${file.replace("/", "-")}-compact.html`);
      expect(plain.styled, "plain KaTeX has inline styles").toBeGreaterThan(0);
      expect(compact.styled, "inline styles left in the compacted KaTeX").toBe(0);
      expect(compact.boxes.length).toBe(formulas.length);
      for (let i = 0; i < formulas.length; i++) expect(compact.boxes[i], `${file}, formula ${i + 1}`).toEqual(plain.boxes[i]);
      expect(compact.png.equals(plain.png), `${file}: the screenshots differ`).toBe(true);
    }, 120_000);
  }
});
