import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { DescentInputError } from "../../src/core/errors";
import { checkDataset, checkSparseRows } from "../../src/data/check";
import { createDistinctDrawer } from "../../src/data/distinct-draws";
import { makeSparseRegression } from "../../src/data/sparse";
import { makeBlobs, makeLinearRegression, makeSpirals, makeTwoMoons } from "../../src/data/synthetic";

/** Issue 5 in the data layer: bounded sampling whatever the skew, and finiteness checked once. */

describe("makeSparseRegression with a skew that concentrates the mass (issue 5: never returned)", () => {
  it("the issue's sample { n: 1, d: 100, nnzPerRow: 2, skew: 50 } returns two distinct columns", () => {
    const s = makeSparseRegression({ n: 1, d: 100, nnzPerRow: 2, skew: 50 });
    expect(Array.from(s.indices)).toEqual([0, 1]); // column 1 has weight 2^-50, column 2 has 3^-50: 1 wins nearly surely
    expect(Array.from(s.indptr)).toEqual([0, 2]);
    expect(s.values.every(Number.isFinite) && s.y.every(Number.isFinite)).toBe(true);
  });

  it("every column drawn (weights underflow to 0 beyond the first few): rows are the lowest columns", () => {
    const s = makeSparseRegression({ n: 50, d: 40, nnzPerRow: 40, skew: 400 });
    for (let i = 0; i < s.n; i++) expect(Array.from(s.indices.subarray(40 * i, 40 * i + 40))).toEqual(Array.from({ length: 40 }, (_, j) => j));
    const t = makeSparseRegression({ n: 200, d: 1000, nnzPerRow: 5, skew: 300 });
    for (let i = 0; i < t.n; i++) expect(Array.from(t.indices.subarray(5 * i, 5 * i + 5))).toEqual([0, 1, 2, 3, 4]);
  });

  it("a mild skew still gives the same data as before (the bounded fallback only starts after 16k + 64 rejected draws)", () => {
    const s = makeSparseRegression({ n: 300, d: 50, nnzPerRow: 5, skew: 1, seed: 4 });
    // Reference: the original rejection loop, written here.
    const rng = createRng(4);
    for (let j = 0; j < 50; j++) rng.normal();
    const cdf: number[] = [];
    let acc = 0;
    for (let j = 0; j < 50; j++) cdf.push((acc += 1 / (j + 1)));
    const draw = (): number => {
      const u = rng.uniform() * acc;
      return cdf.findIndex((c) => c > u);
    };
    for (let i = 0; i < 300; i++) {
      const chosen = new Set<number>();
      while (chosen.size < 5) chosen.add(draw());
      expect(Array.from(s.indices.subarray(5 * i, 5 * i + 5)), `row ${i}`).toEqual([...chosen].sort((a, b) => a - b));
      for (let c = 0; c < 5; c++) rng.normal();
      rng.normal();
    }
  });
});

describe("fuzz: makeSparseRegression ends for any valid options", () => {
  it("rows of nnzPerRow distinct sorted columns in [0, d), whatever the skew", () => {
    const options = fc
      .record({ n: fc.integer({ min: 1, max: 15 }), d: fc.integer({ min: 1, max: 300 }), skew: fc.oneof(fc.double({ min: 0, max: 2000, noNaN: true }), fc.constantFrom(0, 1, 50, 1e6, 1e300)), seed: fc.nat(1000) })
      .chain((o) => fc.integer({ min: 1, max: o.d }).map((nnzPerRow) => ({ ...o, nnzPerRow })));
    fc.assert(
      fc.property(options, (o) => {
        const s = makeSparseRegression(o);
        for (let i = 0; i < o.n; i++) {
          const row = Array.from(s.indices.subarray(s.indptr[i], s.indptr[i + 1]));
          expect(row).toHaveLength(o.nnzPerRow);
          // Strictly increasing (so distinct and sorted), within [0, d): one assertion per row.
          const ok = row.every((j, c) => j >= (c === 0 ? 0 : row[c - 1] + 1) && j < o.d);
          expect(ok, `row ${i}: ${row.join(",")}`).toBe(true);
        }
        expect(s.y.every(Number.isFinite)).toBe(true);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});

describe("createDistinctDrawer", () => {
  it("after a dominant index, draws the rest in proportion to the remaining weights (exact sequential sampling)", () => {
    const weights = Float64Array.from([1e30, 1, 2, 3]);
    const drawer = createDistinctDrawer(weights, createRng(11));
    const counts = [0, 0, 0, 0];
    const out = new Int32Array(2);
    const draws = 6000;
    for (let r = 0; r < draws; r++) {
      drawer.draw(2, out);
      expect(out[0]).toBe(0);
      counts[out[1]]++;
    }
    // Expected 1000, 2000, 3000; a binomial's standard deviation is below 40 here: allow 5 of them.
    expect(Math.abs(counts[1] - 1000)).toBeLessThan(200);
    expect(Math.abs(counts[2] - 2000)).toBeLessThan(200);
    expect(Math.abs(counts[3] - 3000)).toBeLessThan(200);
  });

  it("k = d returns every index, sorted", () => {
    const drawer = createDistinctDrawer(Float64Array.from([5, 0, 1e-300, 2, 0]), createRng(1));
    const out = new Int32Array(5);
    drawer.draw(5, out);
    expect(Array.from(out)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("finite data, checked once (issue 5)", () => {
  it("sparse rows: NaN in values or Infinity in y is a DescentInputError naming the field and index", () => {
    const s = makeSparseRegression({ n: 10, d: 20, nnzPerRow: 3, seed: 2 });
    const values = Float64Array.from(s.values);
    values[4] = NaN;
    expect(() => checkSparseRows({ ...s, values })).toThrow(DescentInputError);
    expect(() => checkSparseRows({ ...s, values })).toThrow('data "sparse-regression": values[4] must be finite, got NaN');
    const y = Float64Array.from(s.y);
    y[9] = Infinity;
    expect(() => checkSparseRows({ ...s, y })).toThrow('data "sparse-regression": y[9] must be finite, got Infinity');
  });

  it("dense sets: a NaN difficulty is refused too (a curriculum would sort it anywhere)", () => {
    const d = makeLinearRegression({ n: 5, d: 2 });
    const difficulty = Float64Array.from(d.difficulty ?? []);
    difficulty[3] = NaN;
    expect(() => checkDataset({ ...d, difficulty }, "train")).toThrow('train "linear-regression": difficulty[3] must be finite, got NaN');
  });
});

describe("data factories called without options name what they need (not a TypeError)", () => {
  it("makeLinearRegression, makeBlobs, makeTwoMoons, makeSpirals, makeSparseRegression", () => {
    const cases: [string, (o: never) => unknown][] = [
      ["makeLinearRegression", makeLinearRegression],
      ["makeBlobs", makeBlobs],
      ["makeTwoMoons", makeTwoMoons],
      ["makeSpirals", makeSpirals],
      ["makeSparseRegression", makeSparseRegression],
    ];
    for (const [name, make] of cases) {
      expect(() => make(undefined as never)).toThrow(DescentInputError);
      expect(() => make(undefined as never)).toThrow(new RegExp(`^${name} options must be an object with .+, got undefined$`));
    }
  });
});
