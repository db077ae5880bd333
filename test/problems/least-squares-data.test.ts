import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { checkStartPoint, leastSquares, MAX_DATA_NESTING, parseLeastSquaresJson, solveLeastSquares } from "../../src/problems/index";

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DescentInputError);
    return (e as Error).message;
  }
  throw new Error("expected a DescentInputError");
}

describe("least-squares data under hostile input (issue 5, class 6)", () => {
  it("values near 1e308 are refused up front for their scale, not blamed on the start point", () => {
    expect(messageOf(() => leastSquares([[1], [1]], [1e308, 1]))).toBe(
      "the data's scale is too large: the loss and gradient would overflow at weights of size 1 " +
        "(row 0 has sum_j |X[0][j]| + |y[0]| = 1.00e+308, whose square exceeds the largest double, 1.8e308); " +
        "rescale X and y, e.g. divide them by 1e308",
    );
    expect(messageOf(() => leastSquares([[3, 1], [1e200, -1e200]], [0, 0]))).toMatch(/row 1 has .* = 2\.00e\+200.*divide them by 1e200$/);
    // Many rows whose squares are finite one by one, but not their sum.
    expect(messageOf(() => leastSquares(Array.from({ length: 1000 }, () => [1e153]), new Array<number>(1000).fill(0)))).toMatch(
      /the sum over the 1000 rows of .* exceeds the largest double/,
    );
    // Large but safe data are accepted and finite at w = 0 and at |w| = 1.
    const big = leastSquares([[1e100, 0], [0, 1e100]], [1e100, 1e100]);
    expect(() => checkStartPoint(big, [0, 0])).not.toThrow();
    expect(big.value(Float64Array.of(1, -1))).toBe(1e200);
  });

  it("non-finite data name the field and the index (library and file)", () => {
    expect(messageOf(() => leastSquares({ X: Float64Array.of(1, 2, Infinity, 4), n: 2, d: 2 }, [1, 2]))).toBe(
      "X[1][0] must be a finite number, got Infinity",
    );
    expect(messageOf(() => leastSquares([[1], [2]], Float64Array.of(1, NaN)))).toBe("y[1] must be a finite number, got NaN");
    expect(messageOf(() => parseLeastSquaresJson('{"X": [[1], [1e999]], "y": [1, 2]}', "d.json"))).toBe(
      "d.json: X[1][0] must be a finite number, got Infinity",
    );
  });

  it("solveLeastSquares: orthogonal columns of size 1e200 are solved, not called collinear", () => {
    const w = solveLeastSquares([[1e200, 0], [0, 1e200]], [1, 2]);
    expect(w[0] / 1e-200).toBeCloseTo(1, 14);
    expect(w[1] / 2e-200).toBeCloseTo(1, 14);
    // Tiny columns too (X^T X would underflow to 0 without the column scaling).
    const v = solveLeastSquares([[1e-200, 0], [0, 3e-200], [0, 0]], [2e-200, 3e-200, 5]);
    expect(v[0]).toBeCloseTo(2, 13);
    expect(v[1]).toBeCloseTo(1, 13);
    // Dependence is still found, and an all-zero column is named as such.
    expect(messageOf(() => solveLeastSquares([[1e200, 2e200], [2e200, 4e200], [3e200, 6e200]], [1, 2, 3]))).toMatch(/column 1 .*singular/);
    expect(messageOf(() => solveLeastSquares([[1, 0], [2, 0]], [1, 2]))).toBe(
      "least squares has no unique solution: column 1 of X is all zeros, so X^T X is singular",
    );
    // A solution beyond the largest double is said to be one.
    expect(messageOf(() => solveLeastSquares([[1e-200]], [1e200]))).toBe(
      "the exact least-squares solution overflows: w[0] is beyond the largest double; rescale X or y",
    );
  });

  it("a deeply nested file is one line naming the file and the nesting limit", () => {
    for (const text of ["[".repeat(100000), `{"X": ${"[".repeat(100000)}1${"]".repeat(100000)}, "y": [1]}`]) {
      const m = messageOf(() => parseLeastSquaresJson(text, "deep.json"));
      expect(m).toMatch(new RegExp(`^deep\\.json: JSON nested more than ${MAX_DATA_NESTING} levels deep \\(at character \\d+\\), the limit;`));
      expect(m).not.toContain("\n");
    }
    // Brackets inside strings do not count.
    expect(messageOf(() => parseLeastSquaresJson(`{"note": "${"[".repeat(100)}", "X": [[1]]}`, "s.json"))).toBe('s.json: missing "y" (the targets), expected {"X": [[...], ...], "y": [...]}');
    // Nesting within the limit but deeper than a row: the value is shown shortened, not stringified whole.
    expect(messageOf(() => parseLeastSquaresJson(`{"X": [[${"[".repeat(15)}1${"]".repeat(15)}]], "y": [1]}`))).toBe(
      "X[0][0] must be a finite number, got [[[[...]]]]",
    );
  });

  it("the library refuses a deeply nested row given directly, without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100000; i++) deep = [deep];
    expect(messageOf(() => leastSquares([[deep as number]], [1]))).toBe("X[0][0] must be a finite number, got [[[[...]]]]");
  });

  it("a JSON syntax error is one line, with line and column when JSON.parse gives a position", () => {
    const a = messageOf(() => parseLeastSquaresJson('{"X": [[1,\n 2,]], "y": [1]}', "a.json"));
    expect(a).not.toMatch(/[\r\n]/);
    expect(a).toMatch(/^a\.json: not valid JSON \(.*\\n.*\); expected/);
    const b = messageOf(() => parseLeastSquaresJson('{"X": [[1,\n 2 a]], "y": [1]}', "b.json"));
    expect(b).toBe(
      "b.json: not valid JSON (Expected ',' or ']' after array element in JSON at position 14, line 2 column 4); " +
        'expected {"X": [[...], ...], "y": [...]}',
    );
  });

  it("a UTF-8 byte order mark at the start is accepted", () => {
    expect(parseLeastSquaresJson('\uFEFF{"X": [[1, 2]], "y": [3]}', "bom.json")).toEqual({ X: [[1, 2]], y: [3] });
  });
});
