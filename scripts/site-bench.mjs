#!/usr/bin/env node
// `npm run site:bench`: the site's benchmark (a script, not a test; the machine's load shows in it).
//  1. Lighthouse 12.8 (mobile preset, Debian's Chromium) on one page of each type (home, lesson,
//     playground, exercise, update-rules reference, bibliography), served both by `npm run preview`
//     (gzip) and by a plain static server without compression: scores, FCP/LCP/TBT/CLS and the
//     machine's load average at the time (the machine may be shared). `--preview-only`,
//     `--static-only`, `--pages /a/,/b/` narrow it.
//  2. Build times: a copy of the repository as a fresh clone has it (tracked and new files, no
//     site/dist, no caches; node_modules linked), built cold, then again with nothing changed,
//     then after one page's text changed (executed notebooks reused).
// `--lighthouse-only` or `--build-only` runs one half; `--no-build` audits site/dist as it is. Results are printed as a Markdown table.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, appendFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./site-serve.mjs";
import { buildSite } from "./site-build.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(REPO, "site", "dist");
const args = process.argv.slice(2);
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";

function run(cmd, argv, opts = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(out) : fail(new Error(`${cmd} ${argv.join(" ")}: exit ${code}\n${out.slice(-3000)}`))));
  });
}

async function lighthouse() {
  if (!args.includes("--no-build")) await buildSite();
  // One page of each type: home, a lesson with plots and math, the playground, an exercise, the
  // update-rules reference (the heaviest page) and the bibliography. `--pages /a/,/b/` to choose.
  const lessonWithPlots = readdirSync(join(DIST, "lesson-data")).filter((d) => /^\d\d-/.test(d)).sort().find((d) => d.startsWith("03-")) ?? readdirSync(join(DIST, "lesson-data")).sort()[0];
  const exercise = readdirSync(join(DIST, "exercises")).filter((d) => /^\d\d-/.test(d)).sort().find((d) => d.includes("adam")) ?? "01-sgd";
  const chosen = args.includes("--pages") ? args[args.indexOf("--pages") + 1].split(",") : null;
  const pages = chosen ?? ["/", `/lessons/${lessonWithPlots}/`, "/playground/", `/exercises/${exercise}/`, "/reference/update-rules/", "/reference/bibliography/"];
  // Both ways a course may host the site: `npm run preview` (gzip) and a plain static server.
  const modes = args.includes("--static-only") ? [false] : args.includes("--preview-only") ? [true] : [true, false];
  const rows = [];
  for (const compress of modes) {
    rows.push(...(await lighthouseRuns(pages, compress)));
  }
  console.log("\n| server | page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | load avg (1 min) | failed a11y audits |\n|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.server} | ${r.page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.fcp} | ${r.lcp} | ${r.tbt} | ${r.cls} | ${r.load} | ${r.a11yFailures || "none"} |`);
}

async function lighthouseRuns(pages, compress) {
  const server = await serve(DIST, 0, "127.0.0.1", { compress });
  const base = `http://127.0.0.1:${server.address().port}`;
  const outDir = mkdtempSync(join(tmpdir(), "descent-lighthouse-"));
  const rows = [];
  try {
    for (const p of pages) {
      const out = join(outDir, p.replace(/\W+/g, "_") + ".json");
      console.log(`lighthouse (${compress ? "gzip" : "no compression"}): ${p} ... (load average ${loadavg()[0].toFixed(1)})`);
      await run(process.execPath, [
        join(REPO, "node_modules", "lighthouse", "cli", "index.js"), base + p,
        "--output=json", `--output-path=${out}`, "--quiet",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
      ], { env: { ...process.env, CHROME_PATH: CHROME } });
      const r = JSON.parse(readFileSync(out, "utf8"));
      const a = r.audits;
      const failedA11y = Object.values(a).filter((x) => x.score === 0 && r.categories.accessibility.auditRefs.some((ref) => ref.id === x.id)).map((x) => x.id);
      rows.push({
        server: compress ? "preview (gzip)" : "static, no compression",
        load: loadavg()[0].toFixed(1),
        page: p,
        performance: Math.round(r.categories.performance.score * 100),
        accessibility: Math.round(r.categories.accessibility.score * 100),
        bestPractices: Math.round(r.categories["best-practices"].score * 100),
        fcp: a["first-contentful-paint"].displayValue,
        lcp: a["largest-contentful-paint"].displayValue,
        tbt: a["total-blocking-time"].displayValue,
        cls: a["cumulative-layout-shift"].displayValue,
        a11yFailures: failedA11y.join(", "),
      });
    }
  } finally {
    server.close();
  }
  return rows;
}

async function buildTimes() {
  const dir = mkdtempSync(join(tmpdir(), "descent-fresh-"));
  // What a clone has: tracked files and new files not ignored (this working tree's current state).
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: REPO, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(REPO, f))) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(REPO, f), join(dir, f));
  }
  // node_modules as hard links (fast, no data copied): a symlink made Vite see two paths for one
  // Astro component and fail; npm ci would measure the registry, not the build.
  execFileSync("cp", ["-al", join(REPO, "node_modules"), join(dir, "node_modules")]);
  const tsx = join(REPO, "node_modules", "tsx", "dist", "cli.mjs");
  const time = async (label) => {
    const t0 = Date.now();
    await run(process.execPath, [tsx, "scripts/site-build.mjs"], { cwd: dir });
    const s = (Date.now() - t0) / 1000;
    console.log(`build: ${label}: ${s.toFixed(1)} s`);
    return s;
  };
  const rows = [];
  try {
    rows.push(["fresh clone (no caches, notebooks executed)", await time("fresh clone")]);
    rows.push(["again, nothing changed", await time("nothing changed")]);
    appendFileSync(join(dir, "site", "src", "content", "docs", "instructors.md"), "\nA changed line.\n");
    rows.push(["one page changed (executed notebooks reused)", await time("one page changed")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("\n| build | seconds |\n|---|---|");
  for (const [k, v] of rows) console.log(`| ${k} | ${v.toFixed(1)} |`);
}

if (!args.includes("--build-only")) await lighthouse();
if (!args.includes("--lighthouse-only")) await buildTimes();
