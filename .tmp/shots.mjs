import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
const child = spawn(process.execPath, ["scripts/site-serve.mjs", "--port", "0", "--dir", "site/dist"], { cwd: "/work/wt/live", stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((ok) => { let o = ""; child.stdout.on("data", (d) => { o += d; const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(o); if (m) ok(m[1]); }); });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
for (const [w, theme] of [[1280, "light"], [420, "dark"], [420, "light"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: 1000 } });
  await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
  await page.goto(`${url}/lessons/03-momentum/`);
  await page.locator('.live-cell[data-cell="4"] .live-btn[data-live="edit"]').click();
  await page.locator('.live-cell[data-cell="4"] .cm-content').waitFor();
  await page.locator('.live-cell[data-cell="4"] .live-btn[data-live="run"]').click();
  await page.waitForFunction(() => document.querySelector('.live-cell[data-cell="4"]')?.dataset.state === "done" && document.querySelector('.live-cell[data-cell="4"] .nb-plot')?.dataset.drawn === "yes", null, { timeout: 120000 });
  await page.waitForTimeout(800);
  await page.locator('.live-cell[data-cell="4"]').screenshot({ path: `/tmp/shots/live/lesson03-cell4-${w}-${theme}.png` });
  await page.locator('.live-cell[data-cell="3"]').screenshot({ path: `/tmp/shots/live/lesson03-cell3-${w}-${theme}.png` });
  await page.close();
}
await browser.close(); child.kill();
