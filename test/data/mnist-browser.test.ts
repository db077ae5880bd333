import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import * as browser from "../../src/data/mnist-browser";
import * as node from "../../src/data/mnist-node";
import { encodeMnistAsset, writeMnistAsset, MNIST_ASSET_PATH as SCRIPT_PATH } from "../../scripts/site/mnist-asset.mjs";

const raw: Uint8Array = encodeMnistAsset();
const gz = new Uint8Array(gzipSync(raw, { level: 1 }));
const tmp = mkdtempSync(join(tmpdir(), "descent-mnist-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("MNIST in the browser: the site's asset gives the Node loader's data sets", () => {
  it("the digits lesson 15 loads (125 per class, seed 1) are identical, pixel for pixel and label for label", () => {
    browser.installMnistAsset(gz);
    const b = browser.loadMnist({ perClass: 125, seed: 1 });
    const n = node.loadMnist({ perClass: 125, seed: 1 });
    expect(b.n).toBe(1250);
    expect(b.d).toBe(784);
    expect(Array.from(b.labels!)).toEqual(Array.from(n.labels!));
    expect(sameBits(b.X, n.X)).toBe(true);
    expect(b.X.some((v) => v > 0.5)).toBe(true);
    expect(browser.mnistClassSizes()).toEqual(node.mnistClassSizes());
    expect(browser.MNIST_PIXELS).toBe(node.MNIST_PIXELS);
    expect(browser.MNIST_SIDE).toBe(28);
  });

  it('every digit (perClass "all") and other seeds agree too', () => {
    browser.installMnistAsset(gz);
    for (const opts of [{ perClass: "all" as const, seed: 3 }, { perClass: 7, seed: 42 }, {}]) {
      const b = browser.loadMnist(opts);
      const n = node.loadMnist(opts);
      expect(b.n).toBe(n.n);
      expect(Array.from(b.labels!)).toEqual(Array.from(n.labels!));
      expect(sameBits(b.X, n.X)).toBe(true);
    }
  });

  it("the build step writes the gzipped asset the browser path expects (measured size)", () => {
    const { path, bytes } = writeMnistAsset(tmp);
    expect(path).toBe(join(tmp, SCRIPT_PATH));
    expect(SCRIPT_PATH).toBe(browser.MNIST_ASSET_PATH);
    // 10,000 digits at one byte per pixel, gzipped: about 1.6 MB (the JSON files are 21 MB).
    expect(bytes).toBeGreaterThan(1.2e6);
    expect(bytes).toBeLessThan(2.2e6);
    browser.installMnistAsset(new Uint8Array(readFileSync(path)));
    expect(browser.mnistClassSizes().reduce((a, b) => a + b, 0)).toBe(10000);
  });

  it("bad input gets a clear error naming the value", () => {
    browser.installMnistAsset(gz);
    expect(() => browser.loadMnist({ perClass: 0 })).toThrow(/perClass.*integer >= 1.*0/);
    expect(() => browser.loadMnist({ perClass: 5000 })).toThrow(/perClass must be <= 1001 \(digits of class 0 available\).*got 5000/);
    expect(() => browser.installMnistAsset(new TextEncoder().encode("<!DOCTYPE html><html>404</html>"), "/data/x.bin.gz")).toThrow(
      /\/data\/x\.bin\.gz is not the Descent MNIST asset .*"<!DOCTYPE html><"/,
    );
    expect(() => browser.installMnistAsset(raw.subarray(0, raw.length - 10))).toThrow(/truncated: 7842102 bytes, expected 7842112/);
    expect(() => browser.installMnistAsset(gz.subarray(0, 1000))).toThrow(/not valid gzip|truncated/);
    expect(() => browser.setMnistAssetUrl(3 as unknown as string)).toThrow(/expects a URL string, got number/);
  });

  it("a missing asset says where it looked and how to make it; the main thread is told to preload", () => {
    const g = globalThis as Record<string, unknown>;
    const saved = { XMLHttpRequest: g.XMLHttpRequest, location: g.location, document: g.document };
    const requested: string[] = [];
    class Fake404 {
      status = 0;
      response: unknown = null;
      responseType = "";
      private url = "";
      open(_m: string, url: string, isAsync: boolean) {
        expect(isAsync).toBe(false);
        this.url = url;
      }
      send() {
        requested.push(this.url);
        this.status = 404;
      }
    }
    try {
      g.XMLHttpRequest = Fake404;
      // A worker started from a Blob URL: the asset is looked up at the root of the page's origin.
      g.location = { href: "blob:http://127.0.0.1:4321/2b1f-uuid" };
      browser.setMnistAssetUrl(browser.mnistAssetUrl()); // drops the installed copy, keeps the default URL
      expect(browser.mnistAssetUrl()).toBe("http://127.0.0.1:4321/data/mnist-digits.bin.gz");
      expect(() => browser.loadMnist({ perClass: 10 })).toThrow(
        /could not be loaded from http:\/\/127\.0\.0\.1:4321\/data\/mnist-digits\.bin\.gz \(HTTP 404\).*npm run build/,
      );
      expect(requested).toEqual(["http://127.0.0.1:4321/data/mnist-digits.bin.gz"]);
      g.document = {};
      expect(() => browser.loadMnist({ perClass: 10 })).toThrow(/main thread call `await preloadMnist\(\)` first/);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
    }
  });
});
