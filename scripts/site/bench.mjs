#!/usr/bin/env node
// `npm run site:bench`: the site's benchmark (a script, not a test; the machine's load shows in it).
//  1. Lighthouse 12.8 (mobile preset, Debian's Chromium) on one page of each type (home, lesson,
//     playground, exercise, update-rules reference, bibliography), served both by `npm run preview`
//     (gzip), by a plain static server without compression and by Apache with the site's .htaccess
//     (`--apache-only`; needs Debian's apache2-bin): scores, FCP/LCP/TBT/CLS and the
//     machine's load average at the time (the machine may be shared). `--preview-only`,
//     `--static-only`, `--pages /a/,/b/` narrow it.
//  2. Build times: a copy of the repository as a fresh clone has it (tracked and new files, no
//     site/dist, no caches; node_modules linked), built cold, then again with nothing changed,
//     then after one page's text changed (executed notebooks reused).
// `--lighthouse-only` or `--build-only` runs one half; `--no-build` audits site/dist as it is.
// `--runs N` audits each page N times (default 3) and reports the median run (by performance
// score); `--diagnose` also prints what Lighthouse blames (LCP element, main-thread work by script,
// render-blocking requests, transfer size). Reports are kept in a temp folder (printed). Results
// are printed as a Markdown table.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, appendFileSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";
import { startApache, APACHE } from "./apache.mjs";
import { buildSite } from "./build.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
// `--dist DIR` audits another built copy of the site (implies --no-build).
const DIST = args.includes("--dist") ? resolve(args[args.indexOf("--dist") + 1]) : join(REPO, "site", "dist");
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const RUNS = args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 3;
const DIAGNOSE = args.includes("--diagnose");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

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
  if (!args.includes("--no-build") && !args.includes("--dist")) await buildSite();
  // One page of each type: home, a lesson with plots and math, the playground, an exercise, the
  // update-rules reference (the heaviest page) and the bibliography. `--pages /a/,/b/` to choose.
  const lessonWithPlots = readdirSync(join(DIST, "lesson-data")).filter((d) => /^\d\d-/.test(d)).sort().find((d) => d.startsWith("03-")) ?? readdirSync(join(DIST, "lesson-data")).sort()[0];
  const exercise = readdirSync(join(DIST, "exercises")).filter((d) => /^\d\d-/.test(d)).sort().find((d) => d.includes("adam")) ?? "01-sgd";
  const chosen = args.includes("--pages") ? args[args.indexOf("--pages") + 1].split(",") : null;
  const heaviest = readdirSync(join(DIST, "lessons")).filter((d) => /^\d\d-/.test(d)).map((d) => [d, statSync(join(DIST, "lessons", d, "index.html")).size]).sort((a, b) => b[1] - a[1])[0][0];
  const pages = chosen ?? ["/", `/lessons/${lessonWithPlots}/`, ...(heaviest !== lessonWithPlots ? [`/lessons/${heaviest}/`] : []), "/playground/", `/exercises/${exercise}/`, "/reference/update-rules/", "/reference/bibliography/"];
  // The ways a course may host the site: `npm run preview` (gzip), a plain static server, and
  // Apache with the site's .htaccess (a web space; when Debian's apache2-bin is installed).
  const modes = args.includes("--static-only") ? [false] : args.includes("--preview-only") ? [true] : args.includes("--apache-only") ? ["apache"] : [true, false, ...(existsSync(APACHE) ? ["apache"] : [])];
  const rows = [];
  for (const compress of modes) {
    rows.push(...(await lighthouseRuns(pages, compress)));
  }
  console.log(`\n| server | page | performance (median of ${RUNS}; all runs) | accessibility | best practices | FCP | LCP | TBT | CLS | transfer | load avg (1 min) | failed a11y audits |\n|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.server} | ${r.page} | ${r.performance} (${r.all}) | ${r.accessibility} | ${r.bestPractices} | ${r.fcp} | ${r.lcp} | ${r.tbt} | ${r.cls} | ${r.transfer} | ${r.load} | ${r.a11yFailures || "none"} |`);
}

async function lighthouseRuns(pages, compress) {
  const apache = compress === "apache" ? await startApache(DIST) : null;
  const server = apache ? null : await serve(DIST, 0, "127.0.0.1", { compress });
  const base = apache ? apache.url : `http://127.0.0.1:${server.address().port}`;
  const label = apache ? "Apache + .htaccess" : compress ? "gzip" : "no compression";
  const outDir = mkdtempSync(join(tmpdir(), "descent-lighthouse-"));
  const rows = [];
  try {
    for (const p of pages) {
     const runs = [];
     for (let i = 0; i < RUNS; i++) {
      const out = join(outDir, `${apache ? "apache" : compress ? "gzip" : "plain"}${p.replace(/\W+/g, "_")}${i}.json`);
      console.log(`lighthouse (${label}): ${p} run ${i + 1}/${RUNS} ... (load average ${loadavg()[0].toFixed(1)})`);
      // A loaded machine sometimes makes Lighthouse time out on a DevTools call: that run is
      // reported as failed and the others still count.
      const ok = await run(process.execPath, [
        join(REPO, "node_modules", "lighthouse", "cli", "index.js"), base + p,
        "--output=json", `--output-path=${out}`, "--quiet",
        `--only-categories=${args.includes("--perf-only") ? "performance" : "performance,accessibility,best-practices"}`,
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
      ], { env: { ...process.env, CHROME_PATH: CHROME } }).then(() => true, (e) => (console.log(`  run failed: ${e.message.split("\n").find((l) => /error/i.test(l)) ?? "exit != 0"}`), false));
      if (!ok) continue;
      const r = JSON.parse(readFileSync(out, "utf8"));
      const a = r.audits;
      const failedA11y = Object.values(a).filter((x) => x.score === 0 && r.categories.accessibility?.auditRefs.some((ref) => ref.id === x.id)).map((x) => x.id);
      if (DIAGNOSE) diagnose(p, a);
      runs.push({
        server: apache ? "Apache + .htaccess" : compress ? "preview (gzip)" : "static, no compression",
        load: loadavg()[0].toFixed(1),
        page: p,
        performance: Math.round(r.categories.performance.score * 100),
        accessibility: r.categories.accessibility ? Math.round(r.categories.accessibility.score * 100) : "-",
        bestPractices: r.categories["best-practices"] ? Math.round(r.categories["best-practices"].score * 100) : "-",
        fcp: a["first-contentful-paint"].displayValue,
        lcp: a["largest-contentful-paint"].displayValue,
        tbt: a["total-blocking-time"].displayValue,
        cls: a["cumulative-layout-shift"].displayValue,
        transfer: `${Math.round((a["total-byte-weight"]?.numericValue ?? 0) / 1024)} KB`,
        a11yFailures: failedA11y.join(", "),
      });
     }
     if (!runs.length) continue;
     const mid = median(runs.map((r) => r.performance));
     rows.push({ ...runs.find((r) => r.performance === mid), all: runs.map((r) => r.performance).join(", ") });
    }
    console.log(`Lighthouse reports: ${outDir}`);
  } finally {
    if (apache) apache.stop();
    else server.close();
  }
  return rows;
}

/** What Lighthouse blames on a page: the LCP element, scripts by main-thread time, render-blocking requests. */
function diagnose(page, a) {
  const lcp = a["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
  const boot = (a["bootup-time"]?.details?.items ?? []).slice(0, 4).map((i) => `${String(i.url).split("/").pop()} ${Math.round(i.total)} ms`);
  const blocking = (a["render-blocking-resources"]?.details?.items ?? []).map((i) => `${String(i.url).split("/").pop()} ${Math.round(i.totalBytes / 1024)} KB`);
  const unusedJs = (a["unused-javascript"]?.details?.items ?? []).slice(0, 3).map((i) => `${String(i.url).split("/").pop()} ${Math.round(i.wastedBytes / 1024)} KB`);
  console.log(`  ${page}: LCP element ${lcp?.snippet?.slice(0, 100) ?? "?"}; main thread ${a["mainthread-work-breakdown"]?.displayValue}; DOM ${a["dom-size"]?.displayValue}`);
  console.log(`    scripts: ${boot.join(", ") || "none"}; render-blocking: ${blocking.join(", ") || "none"}; unused JS: ${unusedJs.join(", ") || "none"}`);
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
    await run(process.execPath, [tsx, "scripts/site/build.mjs"], { cwd: dir });
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
