import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as browser from "../../src/data/mnist-browser";
import { loadMnist } from "../../src/data/mnist-node";
import { buildSite, DIST, startServer, type Server } from "./support/site";

/**
 * `npm run build` ships the MNIST digits the live lessons load in the browser
 * (src/data/mnist-browser.ts) at the path that module asks for, and `npm start`'s server hands them
 * out with the isolation headers; the bytes it serves decode to the Node loader's data sets.
 */
let server: Server;
let buildOutput = "";
beforeAll(async () => {
  buildOutput = (await buildSite()).stdout;
  server = await startServer();
}, 1_800_000);
afterAll(() => server?.stop());

describe("the site build ships the MNIST asset", () => {
  it("is in site/dist at MNIST_ASSET_PATH, served with the isolation headers, and decodes to the Node loader's digits", async () => {
    expect(existsSync(join(DIST, browser.MNIST_ASSET_PATH))).toBe(true);
    if (/site: building pages/.test(buildOutput)) expect(buildOutput).toMatch(/site: MNIST digits for the browser in site\/public\/data\/mnist-digits\.bin\.gz \(1\.\d\d MB\)/);
    const r = await fetch(`${server.url}/${browser.MNIST_ASSET_PATH}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1.2e6);
    expect(bytes.length).toBeLessThan(2.2e6);
    browser.installMnistAsset(bytes, r.url);
    const b = browser.loadMnist({ perClass: 125, seed: 1 });
    const n = loadMnist({ perClass: 125, seed: 1 });
    expect(Array.from(b.labels!)).toEqual(Array.from(n.labels!));
    expect(b.X.every((v, i) => Object.is(v, n.X[i]))).toBe(true);
  });
});
