#!/usr/bin/env node
// Builds the lesson pages from notebooks/*.ipynb (no Jupyter needed):
//  1. executes each notebook's code cells in Node with tslab's converter and executor
//     (scripts/site/execute-notebook.mjs, two notebooks at a time), caching the outputs under
//     site/.cache/executed/ keyed by a hash of the notebook, src/ and the executor;
//  2. writes site/src/content/docs/lessons/<NN-topic>.md (markdown cells as they are, code cells
//     as highlighted code, outputs as HTML; Plotly figures as JSON files loaded when scrolled to),
//     a copy of the notebook to download, and for optimizer lessons the equation-to-code box and
//     the convention switch (site/src/equations/<optimizer>.json).
// Everything written here is generated and ignored by git. Prints one progress line per step.
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { editUrlFor, notebookFiles, notebooksDir, slugOf, notebookTitle, REPO, SITE_DIR } from "../../site/course.mjs";
import { exercisesForLesson } from "../../site/exercises.mjs";
import { eq2codeHtml, equationMappings, tokenCss } from "../../site/lib/eq2code.mjs";
import { formulasOf, mathToPlaceholders } from "../../site/lib/notebook-math.mjs";
import { figureSvg } from "../../site/lib/figure-svg.mjs";
import { expandExplorables } from "../../site/lib/explorables.mjs";
import { loadReferences, referenceHtml, referencesFor, toBibtex } from "../../site/lib/references.mjs";
import { getSurface } from "../../src/problems/surfaces/index.ts";
import { surfaceContourFigure } from "../../src/plot/contour.ts";

/**
 * The height the library gives the convention switch's contour figure (it depends on the surface
 * and the legend), computed here with the same builder so that the page reserves exactly it.
 */
function comparisonHeight(name, cmp) {
  const pts = [[0, 0]];
  const fig = surfaceContourFigure({ surface: getSurface(cmp.surface), trajectories: [{ name: `${name} (seed)`, points: pts }, { name: `${name} (PyTorch)`, points: pts }], title: `${cmp.steps} steps of each form` });
  return Number(fig.layout.height) > 0 ? Number(fig.layout.height) : 580;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE = join(SITE_DIR, ".cache", "executed");
const LESSONS = join(SITE_DIR, "src", "content", "docs", "lessons");
const DATA = join(SITE_DIR, "public", "lesson-data");
const NB_COPIES = join(SITE_DIR, "public", "notebooks");
const KATEX_OUT = join(SITE_DIR, "public", "katex");

/** KaTeX's stylesheet and fonts, served as /katex/ and linked only by pages with math (Head.astro). */
function copyKatexAssets() {
  const from = join(REPO, "node_modules", "katex", "dist");
  rmSync(KATEX_OUT, { recursive: true, force: true });
  mkdirSync(join(KATEX_OUT, "fonts"), { recursive: true });
  copyFileSync(join(from, "katex.min.css"), join(KATEX_OUT, "katex.min.css"));
  for (const f of readdirSync(join(from, "fonts"))) if (f.endsWith(".woff2")) copyFileSync(join(from, "fonts", f), join(KATEX_OUT, "fonts", f));
}
const CONCURRENCY = Number(process.env.DESCENT_SITE_JOBS ?? 2);


const text = (s) => (Array.isArray(s) ? s.join("") : String(s ?? ""));
const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const log = (msg) => console.log(`site: ${msg}`);

function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

/** What a notebook's outputs depend on besides itself: the library and the executor. */
function sharedInputsHash() {
  const h = createHash("sha256");
  for (const f of filesUnder(join(REPO, "src"))) h.update(relative(REPO, f)).update(readFileSync(f));
  h.update(readFileSync(join(HERE, "execute-notebook.mjs")));
  h.update(JSON.parse(readFileSync(join(REPO, "node_modules", "tslab", "package.json"), "utf8")).version);
  return h.digest("hex");
}

function execute(nbPath, outPath) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(HERE, "execute-notebook.mjs"), nbPath, outPath], {
      cwd: REPO,
      stdio: ["ignore", "inherit", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok() : fail(new Error(err.trim() || `executor exited with code ${code}`))));
  });
}

async function pool(items, n, fn) {
  let next = 0;
  const errors = [];
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        try { await fn(item); } catch (e) { errors.push(e); }
      }
    }),
  );
  if (errors.length) throw errors[0];
}

/** When a file last changed in git (ISO date), or null outside a git checkout or for a new file. */
function lastCommitDate(file) {
  try {
    const out = execFileSync("git", ["log", "-1", "--format=%cs", "--", file], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return /^\d{4}-\d\d-\d\d$/.test(out) ? out : null;
  } catch {
    return null;
  }
}

/** Front matter shared by generated pages: last-updated date (git) and edit link (the source file). */
function pageMeta(repoPath) {
  const date = lastCommitDate(repoPath);
  const edit = editUrlFor(repoPath);
  return [...(date ? [`lastUpdated: ${date}`] : []), edit ? `editUrl: ${JSON.stringify(edit)}` : "editUrl: false"];
}

// ---- Rendering --------------------------------------------------------------------------------

function fence(code, lang) {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const f = "`".repeat(longest + 1);
  return `${f}${lang}\n${code.replace(/\s+$/, "")}\n${f}`;
}

/** Raw HTML must contain no blank line, or Markdown would end the HTML block there. */
const noBlankLines = (html) => html.replace(/\n[ \t]*(?=\n)/g, "\n<!-- -->");

function figureTitle(fig) {
  const t = fig.layout?.title;
  const legendTitle = fig.layout?.legend?.title;
  const pick = (x) => (typeof x === "string" ? x : x?.text);
  return (pick(t) ?? pick(legendTitle) ?? "").replace(/<[^>]+>/g, "");
}

/**
 * Screen readers announce a table cell with its headers: the library's tables (src/notebook) name
 * each row in its first cell, which becomes a row header. The grader's check list (src/grader/
 * feedback.ts) is laid out as a table without headers and reads best as the list it is, row by row.
 */
export function tableHeaders(html) {
  return html
    .replace(/<table class="descent-table">[\s\S]*?<\/table>/g, (t) => t.replace(/<tr><td([^>]*)>([\s\S]*?)<\/td>/g, '<tr><th scope="row"$1>$2</th>'))
    .replace(/(<div class="descent-check">(?:(?!<\/div>)[\s\S])*?<table)(?![^>]*role=)/g, '$1 role="presentation"');
}

function renderOutput(out, ctx) {
  if (out.output_type === "stream") {
    if (!out.text.trim()) return "";
    return `<div class="nb-output"><pre class="nb-${out.name}">${escapeHtml(out.text.replace(/\n$/, ""))}</pre></div>`;
  }
  if (out.output_type === "error") {
    return `<div class="nb-output"><pre class="nb-stderr">${escapeHtml(`${out.ename}: ${out.evalue}`)}</pre></div>`;
  }
  const data = out.data ?? {};
  const plotly = data["application/vnd.plotly.v1+json"];
  if (plotly !== undefined) {
    const fig = typeof plotly === "string" ? JSON.parse(plotly) : plotly;
    const n = ++ctx.figures;
    const file = `${n}.json`;
    mkdirSync(join(DATA, ctx.slug), { recursive: true });
    writeFileSync(join(DATA, ctx.slug, file), JSON.stringify(fig));
    // A static rendering, shown until the interactive figure loads, without JavaScript, and in print.
    writeFileSync(join(DATA, ctx.slug, `${n}.svg`), figureSvg(fig));
    const height = Number(fig.layout?.height) > 0 ? Number(fig.layout.height) : 450;
    const title = figureTitle(fig) || `Figure ${n}`;
    return (
      `<div class="nb-output"><div class="nb-plot" role="figure" aria-label="${escapeHtml(title)}" ` +
      `data-figure="/lesson-data/${ctx.slug}/${file}" style="height:${height}px">` +
      `<img class="nb-static" src="/lesson-data/${ctx.slug}/${n}.svg" alt="" loading="lazy" decoding="async" width="560" height="${height}"></div></div>`
    );
  }
  if (data["text/html"] !== undefined) return `<div class="nb-output nb-html">${noBlankLines(tableHeaders(text(data["text/html"])))}</div>`;
  if (data["image/svg+xml"] !== undefined) return `<div class="nb-output nb-html">${noBlankLines(text(data["image/svg+xml"]))}</div>`;
  for (const t of ["image/png", "image/jpeg", "image/gif"]) {
    if (data[t] !== undefined) return `<div class="nb-output"><img class="nb-img" alt="" src="data:${t};base64,${text(data[t]).replace(/\s/g, "")}"></div>`;
  }
  if (data["text/markdown"] !== undefined) return `\n${mathToPlaceholders(text(data["text/markdown"]))}\n`;
  if (data["text/latex"] !== undefined) return `\n${mathToPlaceholders(text(data["text/latex"]))}\n`;
  if (data["text/plain"] !== undefined) return `<div class="nb-output"><pre class="nb-stdout">${escapeHtml(text(data["text/plain"]))}</pre></div>`;
  return "";
}

/**
 * A code cell as a live cell (issue 14; site/src/scripts/live/): the highlighted code, a toolbar
 * (Edit, Run; wired by a tiny script that loads the rest on the first click) and the built outputs
 * in their own box, which a run replaces and Reset restores. The cell's source travels in a
 * <template> (inert, not indexed). Blank lines around the Markdown parts let them be Markdown
 * inside the HTML wrapper (rehype-raw joins the tags).
 */
function liveCell(index, src, outputsHtml) {
  const bar =
    `<div class="live-bar" data-pagefind-ignore="all">` +
    `<button type="button" class="live-btn" data-live="run" aria-label="Run cell ${index}">Run</button>` +
    `<button type="button" class="live-btn" data-live="edit" aria-label="Edit cell ${index}">Edit</button>` +
    `<span class="live-status" aria-live="polite"></span></div>`;
  return [
    `<div class="live-cell" data-cell="${index}"><template class="live-src">${escapeHtml(src.replace(/\s+$/, "")).replace(/\n/g, "&#10;")}</template>`,
    "",
    fence(src, "ts"),
    "",
    bar,
    `<div class="live-out">`,
    "",
    ...outputsHtml.flatMap((h) => [h, ""]),
    `</div></div>`,
  ].join("\n");
}

/**
 * Links in notebook prose that point into the repository are made to work on the site: another
 * notebook becomes its lesson, docs/x.md its reference page, exercises/x.ts its exercise page;
 * any other repository file is named as a path (the site does not host the source tree).
 */
export function rewriteLinks(md) {
  return md.replace(/\[([^\]]*)\]\((?!https?:|#|mailto:|\/)([^)\s]+)\)/g, (all, label, target) => {
    const [path, hash] = target.split("#");
    const anchor = hash ? "#" + hash : "";
    const nb = /(?:^|\/)(\d\d-[a-z0-9-]+)\.ipynb$/.exec(path);
    if (nb) return `[${label}](/lessons/${nb[1]}/${anchor})`;
    const doc = /(?:^|\/)docs\/([a-z0-9-]+)\.md$/.exec(path);
    if (doc) return `[${label}](/reference/${doc[1]}/${anchor})`;
    const ex = /(?:^|\/)exercises\/([a-z0-9-]+)\.ts$/.exec(path);
    if (ex) return `[${label}](/exercises/${ex[1]}/)`;
    const repoPath = path.replace(/^(\.\.?\/)+/, "");
    return label.includes(repoPath) ? label : `${label} (\`${repoPath}\` in the repository)`;
  });
}

/** docs/*.md become reference pages (/reference/<name>/), so lessons can link them. */
function buildReference() {
  const dir = join(REPO, "docs");
  const out = join(SITE_DIR, "src", "content", "docs", "reference");
  rmSync(out, { recursive: true, force: true });
  if (!existsSync(dir)) return 0;
  mkdirSync(out, { recursive: true });
  const docs = readdirSync(dir).filter((f) => f.endsWith(".md"));
  for (const f of docs) {
    let md = readFileSync(join(dir, f), "utf8");
    const h = /^#\s+(.+)$/m.exec(md);
    const title = h ? h[1].trim() : f.replace(/\.md$/, "");
    if (h) md = md.replace(h[0], "");
    const front = ["---", `title: ${JSON.stringify(title)}`, `description: ${JSON.stringify(`docs/${f} of the Descent repository.`)}`, ...pageMeta(`docs/${f}`), "---", "", `<!-- generated from docs/${f} by scripts/site/lessons.mjs -->`, ""];
    writeFileSync(join(out, f), front.join("\n") + rewriteLinks(mathToPlaceholders(md)));
  }
  return docs.length;
}

function optimizersOf(slug, mappings) {
  return slug.split("-").slice(1).filter((w) => mappings.has(w));
}

async function optimizerSection(name, mapping, heading = `${mapping.title}: equation to code`) {
  const seed = await eq2codeHtml(mapping, "seed");
  // PyTorch's form is fetched when the reader switches to it (convention-switch.ts): half of the
  // boxes' weight (KaTeX and highlighted code) stays off the page until asked for.
  let torchSrc = "";
  if (mapping.pytorch) {
    torchSrc = `/lesson-data/eq2code/${name}-pytorch.html`;
    const file = join(DATA, "eq2code", `${name}-pytorch.html`);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, await eq2codeHtml(mapping, "pytorch"));
    }
  }
  const torch = torchSrc;
  const cmp = mapping.compare;
  const id = `conv-${name}`;
  const play = `/playground/#${new URLSearchParams({ s: cmp.surface, o: `${name},sgd`, n: String(cmp.steps) })}`;
  return [
    `## ${heading}`,
    "",
    `Hover over or focus a term of the equation to see the line of \`${mapping.file}\` that computes it. ` +
      (torch ? "Switch between the course's form and PyTorch's: the plot shows both trajectories from the same start." : ""),
    "",
    noBlankLines(
      `<div class="convention-switch" data-show="seed" data-optimizer="${name}" data-compare="${escapeHtml(JSON.stringify(cmp))}">` +
        (torch
          ? `<fieldset><legend class="sr-only">Form of the update rule</legend>` +
            `<label><input type="radio" name="${id}" value="seed" checked> Course (seed) form</label>` +
            `<label><input type="radio" name="${id}" value="pytorch"> PyTorch form</label></fieldset>`
          : "") +
        `<div class="conv conv-seed">${seed}</div>` +
        (torch ? `<div class="conv conv-pytorch" data-src="${torchSrc}"></div>` : "") +
        `<div class="nb-plot conv-plot" role="figure" aria-label="${escapeHtml(mapping.title)}: seed and PyTorch trajectories" style="height:${comparisonHeight(name, cmp)}px">Both trajectories are computed in your browser when this plot scrolls into view.</div>` +
        `<p class="conv-note descent-note" aria-live="polite"></p>` +
        `<p><a href="${play}">Open this comparison in the playground</a></p>` +
        `</div>`,
    ),
    "",
  ].join("\n");
}

async function renderLesson(file, outputsByCell, mappings, order) {
  const slug = slugOf(file);
  const nb = JSON.parse(readFileSync(join(notebooksDir(), file), "utf8"));
  const title = notebookTitle(file);
  const ctx = { slug, figures: 0 };
  const parts = [];
  let titleDropped = false;
  let optimizerSectionDone = false;
  let exercisesListed = false;
  const opts = optimizersOf(slug, mappings);
  const exercises = await exercisesForLesson(slug);
  const links = [`<a href="/notebooks/${file}" download>Download the notebook (${file})</a>`];
  // How to run it, beside the download link (kept out of the search index: excerpts start with the prose).
  const howToRun =
    `<details class="lesson-run"><summary>How to run this notebook</summary><ol>` +
    `<li>In a clone of the repository, <code>npm install</code> (the library, and the Jupyter kernel <strong>TypeScript (Descent)</strong>).</li>` +
    `<li><code>npm run notebooks</code> opens Jupyter on <code>notebooks/</code>; open <code>${file}</code>, check the kernel is TypeScript (Descent), and run the cells in order.</li>` +
    `</ol><p>Jupyter itself comes from your system (<code>apt-get install jupyter-notebook</code>, or <code>pip install notebook</code>); the README's Notebooks section has the details.</p></details>`;
  if (opts.length) links.push(`<a href="/playground/#${new URLSearchParams({ o: [...opts, "sgd"].join(","), s: mappings.get(opts[0]).compare.surface })}">Try ${opts.join(" and ")} in the playground</a>`);
  for (const e of exercises) links.push(`<a href="/exercises/${e.id}/">Exercise: ${escapeHtml(e.title)}</a>`);
  parts.push(`<div class="lesson-box" data-pagefind-ignore="all"><div class="lesson-links">${links.join("")}</div>${howToRun}</div>`, "");
  for (const [i, cell] of (nb.cells ?? []).entries()) {
    const src = text(cell.source);
    if (cell.cell_type === "markdown") {
      let md = src;
      if (!titleDropped) {
        const m = /^#\s+.+$/m.exec(md);
        if (m) { md = md.replace(m[0], ""); titleDropped = true; }
      }
      // Formulas become placeholders exactly where Jupyter finds them (site/lib/notebook-math.mjs).
      // Explorable markers become their interactive figures (site/lib/explorables.mjs).
      parts.push(expandExplorables(rewriteLinks(mathToPlaceholders(md)).trim(), ctx), "");
      // The notebook's own "Exercises" section gets the links to the exercise pages.
      if (!exercisesListed && exercises.length && /^#{1,3}\s+Exercises?\b/im.test(md)) {
        parts.push(...exercises.map((e) => `- [Exercise ${e.id.slice(0, 2)}: ${e.title}](/exercises/${e.id}/) (practice in the browser)`), "");
        exercisesListed = true;
      }
      if (!optimizerSectionDone && opts.length && formulasOf(src).some((f) => f.display)) {
        for (const o of opts) parts.push(await optimizerSection(o, mappings.get(o)));
        optimizerSectionDone = true;
      }
    } else if (cell.cell_type === "code") {
      if (!src.trim()) continue;
      const outputs = (outputsByCell.get(i) ?? []).map((out) => renderOutput(out, ctx)).filter(Boolean);
      parts.push(liveCell(i, src, outputs), "");
    }
  }
  if (!optimizerSectionDone && opts.length) for (const o of opts) parts.push(await optimizerSection(o, mappings.get(o)));
  if (exercises.length && !exercisesListed) {
    parts.push("## Exercises", "", ...exercises.map((e) => `- [Exercise ${e.id.slice(0, 2)}: ${e.title}](/exercises/${e.id}/) (practice in the browser)`), "");
  }
  const cited = referencesFor(slug.slice(0, 2));
  if (cited.length) {
    parts.push("## References", "", noBlankLines(`<ol class="references">${cited.map(referenceHtml).join("")}</ol>`), "", "Every source of the course, with BibTeX: [the bibliography](/reference/bibliography/).", "");
  }
  const front = [
    "---",
    `title: ${JSON.stringify(title)}`,
    `description: ${JSON.stringify(`Lesson ${slug.slice(0, 2)} of the Descent course, generated from notebooks/${file}.`)}`,
    "sidebar:",
    `  order: ${order}`,
    ...pageMeta(relative(REPO, join(notebooksDir(), file))),
    "---",
    "",
    `{/* generated from notebooks/${file} by scripts/site/lessons.mjs: edit the notebook, not this file */}`.replace(/^\{\/\*(.*)\*\/\}$/, "<!--$1-->"),
    "",
  ];
  writeFileSync(join(LESSONS, `${slug}.md`), front.join("\n") + parts.join("\n") + "\n");
  mkdirSync(NB_COPIES, { recursive: true });
  copyFileSync(join(notebooksDir(), file), join(NB_COPIES, file));
  return ctx.figures;
}

/** One reference page with every optimizer's equation-to-code view and convention switch. */
async function buildUpdateRules(mappings) {
  if (!mappings.size) return 0;
  const out = join(SITE_DIR, "src", "content", "docs", "reference");
  mkdirSync(out, { recursive: true });
  const parts = [
    "---",
    'title: "Update rules: equation to code"',
    'description: "Every optimizer of the course: its update rule beside the lines of src/optimizers that compute it, in the course\'s form and in PyTorch\'s."',
    "editUrl: false",
    "---",
    "",
    "<!-- generated by scripts/site/lessons.mjs from site/src/equations/*.json -->",
    "",
    "Each optimizer's update rule beside the function of the library that computes it. Hover over or focus a term to see its line; " +
      "switch between the course's (seed) form and PyTorch's, and compare both trajectories on one plot, computed in your browser. " +
      "The [conventions table](/reference/conventions/) lists every difference.",
    "",
  ];
  for (const [name, m] of mappings) parts.push(await optimizerSection(name, m, `${m.title}`));
  writeFileSync(join(out, "update-rules.md"), parts.join("\n") + "\n");
  return 1;
}

/** The course bibliography page (/reference/bibliography/) and its BibTeX (/references.bib). */
function buildBibliography() {
  const refs = loadReferences();
  const out = join(SITE_DIR, "src", "content", "docs", "reference");
  mkdirSync(out, { recursive: true });
  const byYear = [...refs].sort((a, b) => a.year - b.year || a.key.localeCompare(b.key));
  const lessonsOf = (r) => r.lessons.map((n) => notebookFiles().find((f) => f.startsWith(n + "-"))).filter(Boolean).map((f) => `<a href="/lessons/${slugOf(f)}/">${f.slice(0, 2)}</a>`);
  const items = byYear.map((r) => referenceHtml(r).replace(/<\/li>$/, ` <span class="ref-lessons">Lessons: ${lessonsOf(r).join(", ")}</span></li>`));
  writeFileSync(
    join(out, "bibliography.md"),
    [
      "---",
      'title: "Bibliography"',
      'description: "Every paper and talk the Descent course cites, with links and BibTeX."',
      ...pageMeta("site/references.json"),
      "---",
      "",
      "<!-- generated from site/references.json by scripts/site/lessons.mjs -->",
      "",
      `The ${refs.length} sources of the course, oldest first, with the lessons that use each. ` +
        "Download them all as BibTeX: [references.bib](/references.bib).",
      "",
      noBlankLines(`<ol class="references">${items.join("")}</ol>`),
      "",
    ].join("\n"),
  );
  writeFileSync(join(SITE_DIR, "public", "references.bib"), `% The Descent course's bibliography, generated from site/references.json\n\n${toBibtex(refs)}`);
  return 1;
}

export async function buildLessons() {
  const t0 = Date.now();
  const files = notebookFiles();
  mkdirSync(CACHE, { recursive: true });
  const shared = sharedInputsHash();
  const keyOf = (f) => createHash("sha256").update(shared).update(readFileSync(join(notebooksDir(), f))).digest("hex").slice(0, 24);
  const todo = files.filter((f) => !existsSync(join(CACHE, `${slugOf(f)}.${keyOf(f)}.json`)));
  log(`${files.length} notebook(s) in ${relative(REPO, notebooksDir()) || "."}; ${files.length - todo.length} cached, ${todo.length} to execute`);
  let done = 0;
  await pool(todo, CONCURRENCY, async (f) => {
    const slug = slugOf(f);
    const t = Date.now();
    log(`executing ${f} ...`);
    const tmp = join(CACHE, `${slug}.${process.pid}.tmp`);
    await execute(join(notebooksDir(), f), tmp);
    for (const old of readdirSync(CACHE).filter((x) => x.startsWith(slug + ".") && x.endsWith(".json"))) rmSync(join(CACHE, old));
    writeFileSync(join(CACHE, `${slug}.${keyOf(f)}.json`), readFileSync(tmp));
    rmSync(tmp);
    log(`executed ${f} in ${((Date.now() - t) / 1000).toFixed(1)} s (${++done}/${todo.length})`);
  });
  // Regenerate every page (cheap) so that a removed notebook's page disappears too.
  rmSync(LESSONS, { recursive: true, force: true });
  rmSync(DATA, { recursive: true, force: true });
  rmSync(NB_COPIES, { recursive: true, force: true });
  mkdirSync(LESSONS, { recursive: true });
  copyKatexAssets();
  const mappings = equationMappings();
  let figures = 0;
  for (const [k, f] of files.entries()) {
    const run = JSON.parse(readFileSync(join(CACHE, `${slugOf(f)}.${keyOf(f)}.json`), "utf8"));
    const byCell = new Map(run.cells.map((c) => [c.index, c.outputs]));
    figures += await renderLesson(f, byCell, mappings, k + 1);
  }
  const refs = buildReference() + (await buildUpdateRules(mappings)) + buildBibliography();
  // The equation-to-code boxes' token colours (classes instead of inline styles) go in the same
  // stylesheet as KaTeX's: one render-blocking request, not two, on pages with math (Head.astro).
  // Only the fonts' woff2 files are served (copyKatexAssets): their woff and ttf fallbacks leave
  // the @font-face rules (render-blocking bytes for a file every browser that runs the site skips).
  const katexCss = readFileSync(join(REPO, "node_modules", "katex", "dist", "katex.min.css"), "utf8").replace(/,url\(fonts\/[\w-]+\.woff\) format\("woff"\),url\(fonts\/[\w-]+\.ttf\) format\("truetype"\)/g, "");
  writeFileSync(join(KATEX_OUT, "katex.min.css"), katexCss + "\n" + tokenCss());
  log(`wrote ${files.length} lesson page(s) with ${figures} figure(s) and ${refs} reference page(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildLessons().catch((e) => {
    console.error(e.message.startsWith("descent: error:") ? e.message : `descent: error: ${e.message}`);
    process.exit(1);
  });
}
