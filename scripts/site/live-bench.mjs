#!/usr/bin/env node
// Benchmark of the lessons' live cells (issue 14), not a test: in Debian's Chromium, on the built
// site (npm run build first), for each lesson in a fresh browser context: the first Run (from the
// click on the first cell to its end: the live runtime, the worker and the library load; polled
// every 50 ms), each cell's overhead (click-to-end wall time minus the
// cell's own run time measured in the worker), and the whole lesson run cell by cell against the
// Node execution time the build recorded (site/.cache/executed/, tslab in Node), with and without
// the import cell (tslab type-checks the library there; the browser only strips types). The
// Node figures include tslab's per-cell type check, and were taken when the build ran (its load).
//   node scripts/site/live-bench.mjs [00-introduction,03-momentum,...]
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(REPO, "site", "dist");
const CACHE = join(REPO, "site", ".cache", "executed");
if (!existsSync(join(DIST, "lessons"))) {
  console.error("descent: error: site/dist has no lessons: run `npm run build` first");
  process.exit(1);
}
const lessons = (process.argv[2]?.split(",") ?? readdirSync(join(DIST, "lessons")).filter((d) => /^\d\d-/.test(d)).sort());

function serve() {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["scripts/site/serve.mjs", "--port", "0", "--dir", DIST], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /Serving the course at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) ok({ url: m[1], stop: () => child.kill() });
    });
    child.on("error", fail);
  });
}

function nodeTimes(slug) {
  const f = readdirSync(CACHE).find((x) => x.startsWith(slug + ".") && x.endsWith(".json"));
  if (!f) return null;
  const cells = JSON.parse(readFileSync(join(CACHE, f), "utf8")).cells;
  return { total: cells.reduce((s, c) => s + (c.ms ?? 0), 0), first: cells[0]?.ms ?? 0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

const server = await serve();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
console.log(`live cells benchmark, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} (${process.env.HOSTNAME ?? "this machine"})`);
console.log("lesson                          first Run  overhead/cell (median, max)  Run all   Node    ratio  (without import cell: browser / Node, ratio)");
const rows = [];
try {
  for (const slug of lessons) {
    // A fresh context per lesson: nothing cached, as on a reader's first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/lessons/${slug}/`);
    const indices = await page.$$eval(".live-cell", (els) => els.map((e) => Number(e.dataset.cell)));
    const walls = [];
    const overheads = [];
    let failed = 0;
    for (const [k, i] of indices.entries()) {
      // The first Run is timed from the click (the live runtime's own loading included).
      const clickAt = await page.evaluate(() => performance.now());
      await page.locator(`.live-cell[data-cell="${i}"] .live-btn[data-live="run"]`).click();
      if (k === 0) {
        await page.waitForFunction(() => "__live" in window);
        await page.evaluate(() => window.__live.setLimit(600));
      }
      await page.waitForFunction((sel) => ["done", "error", "jupyter-only", "timeout", "stopped"].includes(document.querySelector(sel)?.dataset.state ?? ""), `.live-cell[data-cell="${i}"]`, { timeout: 620_000, polling: 50 });
      const { state, wall, ms } = await page.$eval(`.live-cell[data-cell="${i}"]`, (e) => ({ state: e.dataset.state, wall: Number(e.dataset.wallMs), ms: Number(e.dataset.ms) }));
      if (state !== "done") failed++;
      walls.push(k === 0 ? (await page.evaluate(() => performance.now())) - clickAt : wall);
      if (k > 0 && state === "done") overheads.push(wall - ms);
    }
    await context.close();
    const node = nodeTimes(slug);
    const total = walls.reduce((a, b) => a + b, 0);
    const rest = total - walls[0];
    const row = { slug, first: walls[0], overheadMedian: median(overheads), overheadMax: Math.max(...overheads), total, node: node?.total, restBrowser: rest, restNode: node ? node.total - node.first : NaN, failed };
    rows.push(row);
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `${slug.padEnd(32)}${s(row.first).padStart(9)}  ${`${Math.round(row.overheadMedian)} ms, ${Math.round(row.overheadMax)} ms`.padEnd(28)} ${s(total).padStart(8)} ${node ? s(node.total).padStart(8) : "   n/a  "} ${node ? (total / node.total).toFixed(2).padStart(6) : ""}  (${s(rest)} / ${s(row.restNode)}, ${(rest / row.restNode).toFixed(2)})${failed ? `  ${failed} cell(s) did not finish` : ""}`,
    );
  }
} finally {
  await browser.close();
  server.stop();
}
console.log(`load average at the end ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
