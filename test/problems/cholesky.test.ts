import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { solveCholesky } from "../../src/core/cholesky";
import { createRng } from "../../src/core/rng";

/** A = B B^T + shift I: symmetric positive definite for shift > 0. */
function spd(d: number, seed: number, shift: number): Float64Array {
  const rng = createRng(seed);
  const B = Float64Array.from({ length: d * d }, () => rng.normal());
  const A = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = i === j ? shift : 0;
      for (let k = 0; k < d; k++) s += B[i * d + k] * B[j * d + k];
      A[i * d + j] = s;
    }
  }
  return A;
}

describe("solveCholesky", () => {
  it("returns w with A w = b for symmetric positive definite A", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1000 }), (d, seed) => {
        const A = spd(d, seed, 0.5);
        const rng = createRng(seed + 1);
        const b = Float64Array.from({ length: d }, () => rng.normal());
        const w = solveCholesky(Float64Array.from(A), b, d);
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += A[i * d + j] * w[j];
          expect(s).toBeCloseTo(b[i], 9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("solves a 2x2 system by hand and reads only the lower triangle", () => {
    // [[4, 2], [2, 3]] w = [2, 1]  =>  w = [0.5, 0]; the upper entry is garbage on purpose.
    const w = solveCholesky(Float64Array.of(4, 999, 2, 3), [2, 1], 2);
    expect(w[0]).toBeCloseTo(0.5, 14);
    expect(w[1]).toBeCloseTo(0, 14);
  });

  it("rejects matrices that are not positive definite, naming the failing pivot", () => {
    // Singular: second row is twice the first.
    expect(() => solveCholesky(Float64Array.of(1, 2, 2, 4), [1, 2], 2)).toThrow(/not positive definite: Cholesky pivot 1 is/);
    // Indefinite: eigenvalues 3 and -1.
    expect(() => solveCholesky(Float64Array.of(1, 2, 2, 1), [0, 0], 2)).toThrow(/pivot 1 is -3/);
    expect(() => solveCholesky(Float64Array.of(-1), [1], 1)).toThrow(/pivot 0 is -1/);
    expect(() => solveCholesky(Float64Array.of(NaN), [1], 1)).toThrow(/pivot 0 is NaN/);
    expect(() => solveCholesky(Float64Array.of(1, 2, 2, 4), [1, 2], 2, { describeFailure: (j) => `column ${j} is dependent` })).toThrow(
      "column 1 is dependent",
    );
  });

  it("rejects mismatched sizes", () => {
    expect(() => solveCholesky(new Float64Array(3), [1, 2], 2)).toThrow(/A must hold d \* d = 4 numbers for d = 2, got 3/);
    expect(() => solveCholesky(Float64Array.of(1, 0, 0, 1), [1], 2)).toThrow(/b must hold d = 2 numbers, got 1/);
    expect(() => solveCholesky(new Float64Array(0), [], 0)).toThrow(RangeError);
  });
});
