import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { makeSparseRegression } from "../../src/data/sparse";
import {
  addScaledSparseRow,
  addSparseExampleGradient,
  sparseLeastSquaresLoss,
  sparseLeastSquaresObjective,
  sparseResidual,
} from "../../src/models/sparse-linear-regression";
import { maxRelativeError, numericGradient } from "./gradcheck";

describe("sparse least squares", () => {
  const data = makeSparseRegression({ n: 40, d: 12, nnzPerRow: 3, seed: 4, skew: 1 });

  /** Dense reference: expand each CSR row. */
  function denseRow(i: number): Float64Array {
    const row = new Float64Array(data.d);
    for (let k = data.indptr[i]; k < data.indptr[i + 1]; k++) row[data.indices[k]] = data.values[k];
    return row;
  }

  it("value and gradient match a dense computation and finite differences", () => {
    const rng = createRng(1);
    const w = Float64Array.from({ length: data.d }, () => rng.normal());
    const obj = sparseLeastSquaresObjective(data);
    let expected = 0;
    for (let i = 0; i < data.n; i++) {
      const row = denseRow(i);
      let dot = 0;
      for (let j = 0; j < data.d; j++) dot += row[j] * w[j];
      expected += (dot - data.y[i]) ** 2 / (2 * data.n);
      expect(sparseResidual(data, w, i)).toBeCloseTo(dot - data.y[i], 12);
    }
    const g = new Float64Array(data.d);
    expect(obj.valueAndGradient(w, g)).toBeCloseTo(expected, 12);
    expect(obj.value(w)).toBeCloseTo(expected, 12);
    expect(maxRelativeError(g, numericGradient((p) => obj.value(p), w))).toBeLessThan(1e-8);
  });

  it("the objective is ~0 at wTrue (small noise) and the per-example gradient touches only nonzeros", () => {
    const obj = sparseLeastSquaresObjective(data);
    expect(obj.value(data.wTrue)).toBeLessThan(1e-3);
    const out = new Float64Array(data.d).fill(7);
    const w = new Float64Array(data.d).fill(0.5);
    addSparseExampleGradient(data, w, 3, 1, out);
    const touched = new Set(Array.from(data.indices.subarray(data.indptr[3], data.indptr[4])));
    for (let j = 0; j < data.d; j++) if (!touched.has(j)) expect(out[j]).toBe(7);
    const r = sparseResidual(data, w, 3);
    for (let k = data.indptr[3]; k < data.indptr[4]; k++) expect(out[data.indices[k]]).toBeCloseTo(7 + r * data.values[k], 12);
  });

  it("the row kernels accept bare CSR views (as over shared memory) and agree with the dense formulas", () => {
    const share = <T extends Int32Array | Float64Array>(a: T): T => {
      const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
      copy.set(a);
      return copy;
    };
    const view = { indptr: share(data.indptr), indices: share(data.indices), values: share(data.values), y: share(data.y) };
    const w = Float64Array.from({ length: data.d }, (_, j) => 0.3 * j - 1);
    let expected = 0;
    for (let i = 0; i < data.n; i++) {
      const row = denseRow(i);
      let dot = 0;
      for (let j = 0; j < data.d; j++) dot += row[j] * w[j];
      expected += (dot - data.y[i]) ** 2;
    }
    expected /= 2 * data.n;
    expect(sparseLeastSquaresLoss(view, w)).toBeCloseTo(expected, 12);
    expect(sparseLeastSquaresObjective(data).value(w)).toBeCloseTo(expected, 12);
    const out = new Float64Array(data.d).fill(-2);
    addScaledSparseRow(view, 5, 0.5, out);
    const row5 = denseRow(5);
    out.forEach((v, j) => expect(v).toBe(row5[j] === 0 ? -2 : -2 + 0.5 * row5[j]));
  });
});
