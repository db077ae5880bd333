import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { createRng } from "../../src/core/rng";
import { leastSquares, parseLeastSquaresJson, solveLeastSquares } from "../../src/problems/index";
import { analyticGradient, numericGradient } from "./helpers";

function randomProblem(seed: number, n: number, d: number): { rows: number[][]; y: number[] } {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const y = Array.from({ length: n }, () => 3 * rng.normal());
  return { rows, y };
}

const problemArb = fc.record({
  seed: fc.integer({ min: 0, max: 1e6 }),
  n: fc.integer({ min: 1, max: 30 }),
  d: fc.integer({ min: 1, max: 6 }),
});

describe("leastSquares objective", () => {
  it("value is 1/(2n) ||Xw - y||^2 and the gradient matches finite differences", () => {
    fc.assert(
      fc.property(problemArb, ({ seed, n, d }) => {
        const { rows, y } = randomProblem(seed, n, d);
        const obj = leastSquares(rows, y);
        expect(obj.dim).toBe(d);
        const rng = createRng(seed + 1);
        const w = Float64Array.from({ length: d }, () => rng.normal());
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const r = rows[i].reduce((acc, xij, j) => acc + xij * w[j], 0) - y[i];
          sum += r * r;
        }
        const { value, grad } = analyticGradient(obj, w);
        expect(value).toBeCloseTo(sum / (2 * n), 10);
        expect(obj.value(w)).toBe(value);
        const fd = numericGradient(obj, w);
        for (let j = 0; j < d; j++) expect(Math.abs(grad[j] - fd[j])).toBeLessThan(1e-6 * (1 + Math.abs(fd[j])));
      }),
      { numRuns: 100 },
    );
  });

  it("accepts the row-major {X, n, d} form (as in Dataset) with the same result", () => {
    const { rows, y } = randomProblem(7, 9, 3);
    const flat = { X: Float64Array.from(rows.flat()), n: 9, d: 3 };
    const w = Float64Array.of(0.3, -1, 2);
    const a = analyticGradient(leastSquares(rows, y), w);
    const b = analyticGradient(leastSquares(flat, Float64Array.from(y)), w);
    expect(b.value).toBe(a.value);
    expect(Array.from(b.grad)).toEqual(Array.from(a.grad));
  });

  it("copies its data, so later changes by the caller do not leak in", () => {
    const rows = [[1, 2], [3, 4]];
    const y = [1, 1];
    const obj = leastSquares(rows, y);
    const before = obj.value(Float64Array.of(1, 1));
    rows[0][0] = 100;
    y[1] = -50;
    expect(obj.value(Float64Array.of(1, 1))).toBe(before);
  });

  it("rejects malformed input, naming the row and column", () => {
    expect(() => leastSquares([], [])).toThrow(/X has no rows/);
    expect(() => leastSquares([[1, 2], [3]], [1, 2])).toThrow(/X\[1\] has 1 numbers but X\[0\] has 2/);
    expect(() => leastSquares([[1, 2], [3, NaN]], [1, 2])).toThrow(/X\[1\]\[1\] must be a finite number, got NaN/);
    expect(() => leastSquares([[1], [2]], [1])).toThrow(/y has 1 values but X has 2 rows/);
    expect(() => leastSquares([[1], [2]], [1, Infinity])).toThrow(/y\[1\] must be a finite number, got Infinity/);
    expect(() => leastSquares({ X: new Float64Array(5), n: 2, d: 3 }, [1, 2])).toThrow(/n \* d = 6 numbers, got 5/);
    expect(() => leastSquares([[1, 2]], [1])).not.toThrow();
    let err: unknown;
    try {
      leastSquares([[1, 2], [3]], [1, 2]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DescentInputError);
    expect(() => leastSquares([[1, 2]], [1]).value(new Float64Array(3))).toThrow(/2 parameters/);
  });
});

describe("solveLeastSquares", () => {
  it("returns w* with zero gradient, below every perturbed point", () => {
    fc.assert(
      fc.property(problemArb, ({ seed, n, d }) => {
        fc.pre(n >= d + 2);
        const { rows, y } = randomProblem(seed, n, d);
        const obj = leastSquares(rows, y);
        const w = solveLeastSquares(obj);
        const { value, grad } = analyticGradient(obj, w);
        for (let j = 0; j < d; j++) expect(Math.abs(grad[j])).toBeLessThan(1e-10);
        const rng = createRng(seed + 2);
        const near = Float64Array.from(w, (wj) => wj + 1e-3 * rng.normal());
        expect(obj.value(near)).toBeGreaterThanOrEqual(value);
      }),
      { numRuns: 100 },
    );
  });

  it("recovers the weights that generated noise-free targets", () => {
    const rng = createRng(3);
    const wTrue = [1.5, -2, 0.25, 4];
    const rows = Array.from({ length: 40 }, () => wTrue.map(() => rng.uniform() * 2 - 1));
    const y = rows.map((r) => r.reduce((acc, v, j) => acc + v * wTrue[j], 0));
    const w = solveLeastSquares(rows, y);
    wTrue.forEach((wj, j) => expect(w[j]).toBeCloseTo(wj, 10));
  });

  it("solves a 2x2 example by hand: y = 1 + 2t through (0,1), (1,3), (2,5)", () => {
    const w = solveLeastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
    expect(w[0]).toBeCloseTo(1, 12);
    expect(w[1]).toBeCloseTo(2, 12);
  });

  it("refuses linearly dependent columns", () => {
    expect(() => solveLeastSquares([[1, 2], [2, 4], [3, 6]], [1, 2, 3])).toThrow(/column 1 .*singular/);
  });
});

describe("parseLeastSquaresJson", () => {
  function messageOf(text: string, source?: string): string {
    try {
      parseLeastSquaresJson(text, source);
    } catch (e) {
      expect(e).toBeInstanceOf(DescentInputError);
      return (e as Error).message;
    }
    throw new Error(`expected ${text} to be rejected`);
  }

  it("reads a valid file", () => {
    const { X, y } = parseLeastSquaresJson('{"X": [[1, 2], [3, 4.5]], "y": [0.5, -1], "note": "extra keys are fine"}');
    expect(X).toEqual([[1, 2], [3, 4.5]]);
    expect(y).toEqual([0.5, -1]);
  });

  it("says what is wrong and where", () => {
    expect(messageOf("{X: [[1]]")).toMatch(/^not valid JSON/);
    expect(messageOf("[[1, 2]]")).toMatch(/expected a JSON object .* got an array/);
    expect(messageOf('{"y": [1]}')).toMatch(/missing "X"/);
    expect(messageOf('{"X": [[1]]}')).toMatch(/missing "y"/);
    expect(messageOf('{"X": 3, "y": [1]}')).toMatch(/X must be an array of rows, got 3/);
    expect(messageOf('{"X": [[1, 2], [3, 4], [5, 6, 7]], "y": [1, 2, 3]}')).toMatch(/X\[2\] has 3 numbers but X\[0\] has 2/);
    expect(messageOf('{"X": [[1, 2], [3, 4], [5, 6], [7, "a"]], "y": [1, 2, 3, 4]}')).toMatch(
      /X\[3\]\[1\] must be a finite number, got "a"/,
    );
    expect(messageOf('{"X": [[1], 2], "y": [1, 2]}')).toMatch(/X\[1\] must be an array of numbers, got 2/);
    expect(messageOf('{"X": [[1], [2]], "y": [1, null]}')).toMatch(/y\[1\] must be a finite number, got null/);
    expect(messageOf('{"X": [[1], [2], [3]], "y": [1, 2]}')).toMatch(/y has 2 values but X has 3 rows/);
    expect(messageOf('{"X": [], "y": []}')).toMatch(/X has no rows/);
  });

  it("prefixes messages with the source name", () => {
    expect(messageOf('{"y": [1]}', "data.json")).toMatch(/^data\.json: missing "X"/);
  });
});

describe("parseLeastSquaresJson shows bad values as JSON", () => {
  it("prints an object row as JSON, not [object Object]", () => {
    expect(() => parseLeastSquaresJson('{"X": [[1], {"a": 1}], "y": [1, 2]}')).toThrow(/X\[1\] must be an array of numbers, got \{"a":1\}/);
  });
});
