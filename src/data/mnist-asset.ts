import { gunzipSync } from "fflate";
import { DescentInputError } from "../core/errors";
import { MNIST_PIXELS, type MnistSource } from "./mnist-select";

/**
 * Decoder of the site's MNIST asset (written by scripts/site/mnist-asset.mjs at site build time
 * from the npm package the Node loader reads): a gzipped header, a table of the 256 distinct pixel
 * values as float64, and one byte per pixel. Browser-safe (no Node API).
 */

/** The asset's path relative to the site's base URL. */
export const MNIST_ASSET_PATH = "data/mnist-digits.bin.gz";
const MAGIC = "DSCMNIST";
const HEADER = 64 + 256 * 8;

/** The decoded digits: codes stay one byte per pixel (7.8 MB, not 63 MB of float64). */
export interface MnistAsset extends MnistSource {
  readonly codes: Uint8Array;
  readonly table: Float64Array;
}

/** Decodes the asset's bytes (gzipped or not); a clear error for anything else. */
export function decodeMnistAsset(bytes: Uint8Array, from = MNIST_ASSET_PATH): MnistAsset {
  let raw = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      throw new DescentInputError(`the MNIST asset ${from} is not valid gzip (${(e as Error).message}); rebuild the site (npm run build)`);
    }
  }
  const magic = String.fromCharCode(...raw.subarray(0, 8));
  if (raw.length < HEADER || magic !== MAGIC) {
    const start = String.fromCharCode(...raw.subarray(0, 16)).replace(/[^\x20-\x7e]/g, "?");
    throw new DescentInputError(
      `${from} is not the Descent MNIST asset (expected it to start with "${MAGIC}", got ${JSON.stringify(start)}): ` +
        `a server may have answered with a page instead; rebuild the site (npm run build)`,
    );
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const version = view.getUint32(8, true);
  const classes = view.getUint32(12, true);
  const pixels = view.getUint32(56, true);
  if (version !== 1 || classes !== 10 || pixels !== MNIST_PIXELS) {
    throw new DescentInputError(`${from}: unsupported MNIST asset (version ${version}, ${classes} classes, ${pixels} pixels); rebuild the site`);
  }
  const classSizes = Array.from({ length: 10 }, (_, k) => view.getUint32(16 + 4 * k, true));
  const total = classSizes.reduce((a, b) => a + b, 0);
  if (raw.length !== HEADER + total * MNIST_PIXELS) {
    throw new DescentInputError(`${from} is truncated: ${raw.length} bytes, expected ${HEADER + total * MNIST_PIXELS} for ${total} digits`);
  }
  const table = new Float64Array(256);
  for (let i = 0; i < 256; i++) table[i] = view.getFloat64(64 + 8 * i, true);
  const codes = raw.subarray(HEADER);
  const starts: number[] = [];
  let s = 0;
  for (const size of classSizes) {
    starts.push(s);
    s += size;
  }
  return {
    classSizes,
    codes,
    table,
    copyDigit(digit, index, out, offset) {
      const src = (starts[digit] + index) * MNIST_PIXELS;
      for (let p = 0; p < MNIST_PIXELS; p++) out[offset + p] = table[codes[src + p]];
    },
  };
}
