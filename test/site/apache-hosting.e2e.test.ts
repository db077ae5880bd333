import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApache } from "../../scripts/site/apache.mjs";
import { buildSite, DIST, launchChromium, sitePages } from "./support/site";

/**
 * A course's web space is often Apache: `site/dist/` copied there with the site's own `.htaccess`
 * (site/public/.htaccess). Served by Debian's Apache with that file (scripts/site/apache.mjs,
 * `apache2-bin` from scripts/system-deps.sh), every page must come compressed and cross-origin
 * isolated, the hashed assets cached, the MNIST asset untouched, and the parallel lesson must get
 * real threads in Chromium.
 */
let apache: { url: string; stop(): void };
let browser: Browser;

beforeAll(async () => {
  await buildSite();
  apache = await startApache(DIST);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  apache?.stop();
});

const get = (path: string) => fetch(apache.url + path, { headers: { "accept-encoding": "gzip" }, redirect: "manual" });

describe("the site on Apache with its .htaccess", () => {
  it("serves every page gzip-compressed, as UTF-8, with the cross-origin isolation headers", async () => {
    const pages = sitePages();
    expect(pages.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const page of pages) {
      const r = await get(page);
      const h = (k: string) => r.headers.get(k) ?? "(none)";
      if (r.status !== 200) wrong.push(`${page}: status ${r.status}`);
      if (h("content-encoding") !== "gzip") wrong.push(`${page}: content-encoding ${h("content-encoding")}`);
      if (!/^text\/html;\s*charset=utf-8$/i.test(h("content-type"))) wrong.push(`${page}: content-type ${h("content-type")}`);
      if (h("cross-origin-opener-policy") !== "same-origin") wrong.push(`${page}: COOP ${h("cross-origin-opener-policy")}`);
      if (h("cross-origin-embedder-policy") !== "require-corp") wrong.push(`${page}: COEP ${h("cross-origin-embedder-policy")}`);
      // fetch() unpacks gzip: the page arrives whole.
      const html = await r.text();
      if (!html.trimEnd().endsWith("</html>")) wrong.push(`${page}: body ends ${JSON.stringify(html.slice(-40))}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("caches the hashed assets for a year and compresses scripts and styles", async () => {
    const files = readdirSync(join(DIST, "_astro"));
    for (const f of [files.find((x) => x.endsWith(".js")), files.find((x) => x.endsWith(".css"))]) {
      expect(f).toBeDefined();
      const r = await get(`/_astro/${f}`);
      expect(r.status, f).toBe(200);
      expect(r.headers.get("cache-control"), f).toBe("public, max-age=31536000, immutable");
      expect(r.headers.get("content-encoding"), f).toBe("gzip");
    }
    // A page is not cached that way: a new build must show at once.
    expect((await get("/")).headers.get("cache-control")).toBeNull();
  });

  it("answers a missing page with the site's 404 page and a directory without its slash with a redirect", async () => {
    const missing = await get("/lessons/no-such-lesson/");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(readFileSync(join(DIST, "404.html"), "utf8").match(/<title>([^<]*)<\/title>/)![1]);
    const bare = await get("/playground");
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe(`${apache.url}/playground/`);
  });

  it("hands over the MNIST asset as the gzip bytes the page unpacks itself", async () => {
    const r = await get("/data/mnist-digits.bin.gz");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-encoding")).toBeNull();
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(bytes.length).toBe(readFileSync(join(DIST, "data", "mnist-digits.bin.gz")).length);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  });

  it("gives the parallel lesson real threads in Chromium (cross-origin isolated), with no error", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(`${apache.url}/lessons/13-parallel-sgd/`, { waitUntil: "load" });
    expect(await page.evaluate(() => self.crossOriginIsolated && typeof SharedArrayBuffer === "function")).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
