import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import type { Dataset } from "../../src/data/dataset";
import { mlp } from "../../src/models/mlp";
import { addSparseWeightGradient, sparseAffine, SparseRows } from "../../src/models/sparse-rows";
import { maxRelativeError, numericGradient } from "./gradcheck";

/** m x cols values, about `zeros` of them exactly 0; row 0 all zero, row 1 with no zero. */
function mostlyZero(m: number, cols: number, zeros: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(m * cols);
  for (let k = 0; k < a.length; k++) {
    const r = Math.floor(k / cols);
    if (r === 0) continue;
    a[k] = r === 1 || rng.uniform() >= zeros ? rng.normal() : 0;
  }
  return a;
}

function compress(a: Float64Array, m: number, cols: number): SparseRows {
  const rows = new SparseRows();
  rows.reset(m, cols);
  for (let r = 0; r < m; r++) rows.push(a, r * cols, cols);
  return rows;
}

describe("sparse layer products equal the dense loops", () => {
  // nOut = 7: one block of four rows of W and three left over.
  const m = 6;
  const nIn = 13;
  const nOut = 7;
  const wOff = 5;
  const bOff = wOff + nOut * nIn;
  const a = mostlyZero(m, nIn, 0.7, 1);
  const params = Float64Array.from({ length: bOff + nOut + 3 }, (_, k) => Math.sin(1.7 * k + 0.3));

  it("keeps exactly the nonzero entries of each row", () => {
    const rows = compress(a, m, nIn);
    expect(rows.rows).toBe(m);
    expect(rows.ptr[1] - rows.ptr[0]).toBe(0); // the all-zero row
    expect(rows.ptr[2] - rows.ptr[1]).toBe(nIn); // the row without zeros
    for (let r = 0; r < m; r++) {
      const dense = new Float64Array(nIn);
      for (let k = rows.ptr[r]; k < rows.ptr[r + 1]; k++) dense[rows.idx[k]] = rows.val[k];
      expect(Array.from(dense)).toEqual(Array.from(a.subarray(r * nIn, r * nIn + nIn)));
    }
    // Reused for a smaller batch: the old rows do not leak into the new ones.
    rows.reset(1, nIn);
    rows.push(a, 2 * nIn, nIn);
    expect(rows.rows).toBe(1);
    expect(rows.ptr[1]).toBe(a.subarray(2 * nIn, 3 * nIn).filter((v) => v !== 0).length);
  });

  it("z = a W^T + b, with and without the bias, bit for bit", () => {
    for (const withBias of [true, false]) {
      const z = new Float64Array(m * nOut);
      sparseAffine(compress(a, m, nIn), params, wOff, withBias ? bOff : -1, nIn, nOut, z);
      for (let r = 0; r < m; r++) {
        for (let o = 0; o < nOut; o++) {
          let s = withBias ? params[bOff + o] : 0;
          for (let j = 0; j < nIn; j++) s += params[wOff + o * nIn + j] * a[r * nIn + j];
          expect(z[r * nOut + o]).toBe(s);
        }
      }
    }
  });

  it("grad W += delta^T a, added to what is there, bit for bit", () => {
    const rng = createRng(2);
    // Some deltas zero, as behind an inactive ReLU unit; row 3 has only 2 nonzero of 7 (no group of four).
    const delta = Float64Array.from({ length: m * nOut }, (_, k) => (k % 3 === 0 || (k >= 21 && k < 25) ? 0 : rng.normal()));
    const start = Float64Array.from(params, (v) => 0.5 * v);
    const grad = Float64Array.from(start);
    addSparseWeightGradient(compress(a, m, nIn), delta, nIn, nOut, grad, wOff, new Int32Array(nOut));
    const expected = Float64Array.from(start);
    for (let r = 0; r < m; r++) {
      for (let o = 0; o < nOut; o++) {
        for (let j = 0; j < nIn; j++) expected[wOff + o * nIn + j] += delta[r * nOut + o] * a[r * nIn + j];
      }
    }
    expect(Array.from(grad)).toEqual(Array.from(expected));
  });
});

describe("the MLP on mostly-zero inputs (like MNIST's background pixels)", () => {
  const n = 16;
  const d = 12;
  const rng = createRng(3);
  const data: Dataset = {
    name: "sparse pixels",
    n,
    d,
    X: mostlyZero(n, d, 0.8, 4),
    labels: Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * 3)),
    classes: 3,
  };
  const idx = Int32Array.from([5, 0, 9, 1, 14, 3, 3, 12, 7, 2]);

  for (const [activation, batchNorm] of [["relu", false], ["relu", true], ["tanh", false]] as const) {
    it(`${activation}${batchNorm ? " + batch norm" : ""}: gradient matches finite differences`, () => {
      const model = mlp({ sizes: [d, 9, 6, 3], activation, batchNorm });
      const params = model.initParams(5);
      const noise = createRng(6);
      for (let j = 0; j < params.length; j++) params[j] += 0.3 * noise.normal();
      const grad = new Float64Array(model.dim);
      const scratch = new Float64Array(model.dim);
      const loss = model.lossAndGradient(params, data, idx, 0, idx.length, grad);
      expect(Number.isFinite(loss) && loss > 0).toBe(true);
      const numeric = numericGradient((p) => model.lossAndGradient(p, data, idx, 0, idx.length, scratch), params);
      expect(maxRelativeError(grad, numeric)).toBeLessThan(1e-6);
      // Weights facing an input that is zero in every example of the batch get no gradient.
      const alwaysZero: number[] = [];
      for (let j = 0; j < d; j++) if (Array.from(idx).every((i) => data.X[i * d + j] === 0)) alwaysZero.push(j);
      for (const j of alwaysZero) for (let o = 0; o < 9; o++) expect(grad[o * d + j]).toBe(0);
    });
  }
});
