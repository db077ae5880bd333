import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "./support/site";

/**
 * `npm start` and `npm run preview` serve the site cross-origin isolated (so the live lessons'
 * Hogwild! and Downpour get SharedArrayBuffer, src/parallel/*-browser.ts) on every response,
 * pages, scripts and data alike; `--no-isolate` serves it as a plain static host does.
 * (Every page under these headers in Chromium: the site e2e tests, which use this server.)
 */
const dir = mkdtempSync(join(tmpdir(), "descent-serve-"));
writeFileSync(join(dir, "index.html"), "<!doctype html><title>x</title>");
writeFileSync(join(dir, "app.js"), "console.log(1)");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

function serve(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["scripts/site/serve.mjs", "--port", "0", "--dir", dir, ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /Serving the course at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) ok(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
}

describe("the site server's cross-origin isolation headers", () => {
  it("are on every response by default, 404s included", async () => {
    const url = await serve([]);
    for (const path of ["/", "/app.js", "/data/missing.bin.gz"]) {
      const r = await fetch(url + path);
      expect(r.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(r.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
      expect(r.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    }
  });

  it("are left out with --no-isolate", async () => {
    const url = await serve(["--no-isolate"]);
    const r = await fetch(url + "/");
    expect(r.status).toBe(200);
    expect(r.headers.get("cross-origin-opener-policy")).toBeNull();
    expect(r.headers.get("cross-origin-embedder-policy")).toBeNull();
  });
});
