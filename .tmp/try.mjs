import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
const slug = process.argv[2] ?? "03-momentum";
const child = spawn(process.execPath, ["scripts/site-serve.mjs", "--port", "0", "--dir", "site/dist"], { cwd: "/work/wt/live", stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((ok) => { let o = ""; child.stdout.on("data", (d) => { o += d; const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(o); if (m) ok(m[1]); }); });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.text().slice(0, 300)));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(`${url}/lessons/${slug}/`);
const idx = await page.$$eval(".live-cell", (els) => els.map((e) => Number(e.dataset.cell)));
console.log("cells", idx);
const upto = Number(process.argv[3] ?? idx.length);
for (const i of idx.slice(0, upto)) {
  const t = Date.now();
  await page.locator(`.live-cell[data-cell="${i}"] .live-btn[data-live="run"]`).click();
  await page.waitForFunction((sel) => ["done", "error", "jupyter-only", "timeout", "stopped"].includes(document.querySelector(sel)?.dataset.state ?? ""), `.live-cell[data-cell="${i}"]`, { timeout: 300000 });
  const info = await page.$eval(`.live-cell[data-cell="${i}"]`, (e) => ({ state: e.dataset.state, status: e.querySelector(".live-status").textContent, out: e.querySelector(".live-out").innerText.slice(0, 300) }));
  console.log(i, Date.now() - t, JSON.stringify(info));
}
await page.screenshot({ path: "/tmp/shots/live/try.png", fullPage: false });
await browser.close(); child.kill();
