import { createRng, type Rng } from "../core/rng";
import { integerAtLeast, nonNegative, positive, assertOptionsObject } from "../core/validate";
import type { ClassificationDataset, RegressionDataset } from "./dataset";

/**
 * Seeded synthetic data sets for the lessons: every generator takes an integer `seed` and
 * returns the same numbers for the same options, in Node and in the browser.
 */

export interface LinearRegressionOptions {
  n: number;
  d: number;
  /** Standard deviation of the Gaussian noise added to y (default 0.1). */
  noise?: number;
  /** Whether y has a nonzero intercept b_true ~ N(0, 1) (default true). */
  bias?: boolean;
  seed?: number;
}

/**
 * y_i = x_i . w_true + b_true + noise * N(0, 1), with x_i ~ N(0, I_d) and w_true ~ N(0, I_d).
 * Difficulty of an example: |noise_i|, how far its target is from the clean line, so a
 * curriculum starts with the examples that agree with the true model.
 */
export function makeLinearRegression(options: LinearRegressionOptions): RegressionDataset {
  assertOptionsObject("makeLinearRegression", options, "n and d");
  const n = integerAtLeast("n", options.n, 1);
  const d = integerAtLeast("d", options.d, 1);
  const noise = nonNegative("noise", options.noise ?? 0.1);
  const rng = createRng(options.seed ?? 0);
  const wTrue = new Float64Array(d);
  for (let j = 0; j < d; j++) wTrue[j] = rng.normal();
  const bTrue = options.bias === false ? 0 : rng.normal();
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  const difficulty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = bTrue;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      X[i * d + j] = v;
      dot += v * wTrue[j];
    }
    const e = noise * rng.normal();
    y[i] = dot + e;
    difficulty[i] = Math.abs(e);
  }
  return { name: "linear-regression", n, d, X, y, wTrue, bTrue, difficulty };
}

export interface BlobsOptions {
  n: number;
  classes: number;
  /** Features (default 2, so the set can be plotted). */
  d?: number;
  /** Standard deviation of each blob around its center (default 1). Centers are ~N(0, 4^2). */
  spread?: number;
  seed?: number;
}

/**
 * Gaussian blobs: class c's examples are center_c + spread * N(0, I_d), labels balanced
 * (example i has class i mod classes). Difficulty: d_own - d_nearest_other, the distance to the
 * own center minus the distance to the closest other center (negative = safely inside its blob,
 * near 0 or positive = on or across the boundary).
 */
export function makeBlobs(options: BlobsOptions): ClassificationDataset {
  assertOptionsObject("makeBlobs", options, "n and classes");
  const n = integerAtLeast("n", options.n, 1);
  const classes = integerAtLeast("classes", options.classes, 2);
  const d = integerAtLeast("d", options.d ?? 2, 1);
  const spread = positive("spread", options.spread ?? 1);
  const rng = createRng(options.seed ?? 0);
  const centers = new Float64Array(classes * d);
  for (let k = 0; k < centers.length; k++) centers[k] = 4 * rng.normal();
  const X = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const difficulty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels[i] = c;
    for (let j = 0; j < d; j++) X[i * d + j] = centers[c * d + j] + spread * rng.normal();
    let own = 0;
    let nearestOther = Infinity;
    for (let k = 0; k < classes; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = X[i * d + j] - centers[k * d + j];
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      if (k === c) own = dist;
      else if (dist < nearestOther) nearestOther = dist;
    }
    difficulty[i] = own - nearestOther;
  }
  return { name: "blobs", n, d, X, labels, classes, difficulty };
}

export interface TwoMoonsOptions {
  n: number;
  /** Standard deviation of the Gaussian jitter around the two arcs (default 0.1). */
  noise?: number;
  seed?: number;
}

/**
 * Two interleaved half circles (not linearly separable): class 0 on (cos t, sin t), class 1 on
 * (1 - cos t, 0.5 - sin t), t ~ U[0, pi], plus Gaussian jitter. Difficulty: the jitter's length,
 * how far the point was pushed off its arc toward the other class.
 */
export function makeTwoMoons(options: TwoMoonsOptions): ClassificationDataset {
  assertOptionsObject("makeTwoMoons", options, "n");
  const n = integerAtLeast("n", options.n, 2);
  const noise = nonNegative("noise", options.noise ?? 0.1);
  const rng = createRng(options.seed ?? 0);
  const X = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  const difficulty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const t = Math.PI * rng.uniform();
    const ex = noise * rng.normal();
    const ey = noise * rng.normal();
    X[2 * i] = (c === 0 ? Math.cos(t) : 1 - Math.cos(t)) + ex;
    X[2 * i + 1] = (c === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + ey;
    labels[i] = c;
    difficulty[i] = Math.hypot(ex, ey);
  }
  return { name: "two-moons", n, d: 2, X, labels, classes: 2, difficulty };
}

export interface SpiralsOptions {
  n: number;
  /** Number of arms = classes (default 2). */
  classes?: number;
  /** Turns each arm makes (default 1.5). */
  turns?: number;
  /** Standard deviation of the Gaussian jitter (default 0.05; the arms have radius <= 1). */
  noise?: number;
  seed?: number;
}

/**
 * Interleaved spirals: arm c is r (cos(2 pi (turns r) + 2 pi c / K), sin(...)), r ~ U(0, 1], plus
 * jitter. Difficulty: the winding angle 2 pi turns r, since points further along an arm lie
 * between more turns of the other arms and need a more curved boundary.
 */
export function makeSpirals(options: SpiralsOptions): ClassificationDataset {
  assertOptionsObject("makeSpirals", options, "n");
  const n = integerAtLeast("n", options.n, 2);
  const classes = integerAtLeast("classes", options.classes ?? 2, 2);
  const turns = positive("turns", options.turns ?? 1.5);
  const noise = nonNegative("noise", options.noise ?? 0.05);
  const rng: Rng = createRng(options.seed ?? 0);
  const X = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  const difficulty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const r = 1 - rng.uniform(); // in (0, 1]
    const angle = 2 * Math.PI * turns * r;
    const phase = angle + (2 * Math.PI * c) / classes;
    X[2 * i] = r * Math.cos(phase) + noise * rng.normal();
    X[2 * i + 1] = r * Math.sin(phase) + noise * rng.normal();
    labels[i] = c;
    difficulty[i] = angle;
  }
  return { name: "spirals", n, d: 2, X, labels, classes, difficulty };
}
