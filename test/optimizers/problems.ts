import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The fixture problems' gradients, written out in the same order of operations as
 * scripts/torch_fixtures.py so both sides feed the optimizers bit-identical gradients.
 * Kept here (not src/problems) so these tests depend only on src/optimizers.
 */

export const FIXTURE_DIR = join(__dirname, "..", "fixtures", "torch");

export interface ProblemsFile {
  steps: number;
  torch: string;
  problems: Record<string, { x0: number[]; A?: number[][]; b?: number[] }>;
}

export const PROBLEMS_FILE: ProblemsFile = JSON.parse(readFileSync(join(FIXTURE_DIR, "problems.json"), "utf8"));

export type Gradient = (w: ArrayLike<number>, out: Float64Array) => void;

export function rosenbrock(w: ArrayLike<number>, out: Float64Array): void {
  const x = w[0];
  const y = w[1];
  out[0] = -2 * (1 - x) - 400 * x * (y - x * x);
  out[1] = 200 * (y - x * x);
}

export function beale(w: ArrayLike<number>, out: Float64Array): void {
  const x = w[0];
  const y = w[1];
  const t1 = 1.5 - x + x * y;
  const t2 = 2.25 - x + x * y * y;
  const t3 = 2.625 - x + x * y * y * y;
  out[0] = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1);
  out[1] = 2 * t1 * x + 2 * t2 * (2 * x * y) + 2 * t3 * (3 * x * y * y);
}

export function quadratic(w: ArrayLike<number>, out: Float64Array): void {
  out[0] = w[0];
  out[1] = 50 * w[1];
}

/** f(w) = ||A w - b||^2 / (2n) with A, b from the fixture. */
export function leastSquares(A: number[][], b: number[]): Gradient {
  const n = A.length;
  const r = new Float64Array(n);
  return (w, out) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < w.length; j++) s += A[i][j] * w[j];
      r[i] = s - b[i];
    }
    for (let j = 0; j < w.length; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += A[i][j] * r[i];
      out[j] = s / n;
    }
  };
}

export function gradientOf(problem: string): Gradient {
  switch (problem) {
    case "rosenbrock":
      return rosenbrock;
    case "beale":
      return beale;
    case "quadratic":
      return quadratic;
    case "least-squares": {
      const p = PROBLEMS_FILE.problems["least-squares"];
      return leastSquares(p.A as number[][], p.b as number[]);
    }
    default:
      throw new Error(`no gradient for problem ${problem}`);
  }
}

export interface FixtureCase {
  id: string;
  optimizer: string;
  convention: "seed" | "pytorch";
  options: Record<string, unknown>;
  torch: { class: string; kwargs: Record<string, unknown> };
  problem: string;
  trajectory: number[][];
}

export function loadCases(optimizer: string): FixtureCase[] {
  return (JSON.parse(readFileSync(join(FIXTURE_DIR, `${optimizer}.json`), "utf8")) as { cases: FixtureCase[] }).cases;
}
