/**
 * The two big products of a fully connected layer, over a batch whose inputs are mostly zeros:
 *
 * $$Z = A W^\top + \mathbf{1} b^\top \quad (z_{ro} = b_o + \textstyle\sum_j W_{oj} a_{rj}), \qquad
 *   \nabla_W J \mathrel{+}= \Delta^\top A \quad (g_{oj} \mathrel{+}= \textstyle\sum_r \delta_{ro} a_{rj})$$
 *
 * with A the layer's input (m x n_in, one example per row), W n_out x n_in row-major (the MLP's
 * parameter layout) and Delta = dJ/dZ (m x n_out). Why sparse: MNIST digits are about 80%
 * background pixels (exact zeros) and a ReLU layer outputs about half zeros, and a term with
 * a_rj = 0 adds nothing, so each input row is first compressed to its nonzero entries (column
 * index and value, CSR) and only those are multiplied: about 5x fewer multiply-adds in the first
 * layer of an MNIST MLP. Dense inputs (tanh) simply keep every entry. The sums are taken in the
 * same order as the dense loops (j ascending, r ascending), so the results are the same numbers;
 * the one difference is that a non-finite weight facing a zero input is not turned into NaN
 * (0 x Inf), which training never meets because it stops at the first non-finite parameter.
 *
 * Both kernels take FOUR rows of W at a time: four independent sums hide the latency of each
 * floating-point add (one running sum waits ~4 cycles per term), each (index, value) pair loaded
 * once serves four rows, and the four rows of W (4 x 784 doubles = 25 KB) stay in the L1 cache
 * while the batch streams past them.
 */
export class SparseRows {
  /** Row r's nonzeros are idx/val[ptr[r] .. ptr[r + 1]). */
  ptr = new Int32Array(1);
  idx = new Int32Array(0);
  val = new Float64Array(0);
  rows = 0;

  /** Room for m rows of `cols` entries each (grown, never shrunk: no allocation once large enough). */
  reset(m: number, cols: number): void {
    if (this.ptr.length < m + 1) this.ptr = new Int32Array(m + 1);
    if (this.idx.length < m * cols) {
      this.idx = new Int32Array(m * cols);
      this.val = new Float64Array(m * cols);
    }
    this.rows = 0;
    this.ptr[0] = 0;
  }

  /** Appends a[off .. off + cols) as the next row, keeping only its nonzero entries. */
  push(a: Float64Array, off: number, cols: number): void {
    const { idx, val } = this;
    let k = this.ptr[this.rows];
    for (let j = 0; j < cols; j++) {
      const v = a[off + j];
      if (v !== 0) {
        idx[k] = j;
        val[k] = v;
        k++;
      }
    }
    this.ptr[++this.rows] = k;
  }
}

/**
 * z[r * nOut + o] = (bOff >= 0 ? params[bOff + o] : 0) + sum_j params[wOff + o * nIn + j] * a_rj
 * for the rows of `a`. Blocks of four W rows outside, batch rows inside (see the file comment).
 */
export function sparseAffine(
  a: SparseRows,
  params: Float64Array,
  wOff: number,
  bOff: number,
  nIn: number,
  nOut: number,
  z: Float64Array,
): void {
  const { ptr, idx, val, rows } = a;
  let o = 0;
  for (; o + 4 <= nOut; o += 4) {
    const w0 = wOff + o * nIn;
    const w1 = w0 + nIn;
    const w2 = w1 + nIn;
    const w3 = w2 + nIn;
    const b0 = bOff >= 0 ? params[bOff + o] : 0;
    const b1 = bOff >= 0 ? params[bOff + o + 1] : 0;
    const b2 = bOff >= 0 ? params[bOff + o + 2] : 0;
    const b3 = bOff >= 0 ? params[bOff + o + 3] : 0;
    for (let r = 0; r < rows; r++) {
      let s0 = b0;
      let s1 = b1;
      let s2 = b2;
      let s3 = b3;
      const end = ptr[r + 1];
      for (let k = ptr[r]; k < end; k++) {
        const j = idx[k];
        const v = val[k];
        s0 += params[w0 + j] * v;
        s1 += params[w1 + j] * v;
        s2 += params[w2 + j] * v;
        s3 += params[w3 + j] * v;
      }
      const out = r * nOut + o;
      z[out] = s0;
      z[out + 1] = s1;
      z[out + 2] = s2;
      z[out + 3] = s3;
    }
  }
  for (; o < nOut; o++) {
    // The last nOut mod 4 rows of W, one at a time.
    const w = wOff + o * nIn;
    const b = bOff >= 0 ? params[bOff + o] : 0;
    for (let r = 0; r < rows; r++) {
      let s = b;
      const end = ptr[r + 1];
      for (let k = ptr[r]; k < end; k++) s += params[w + idx[k]] * val[k];
      z[r * nOut + o] = s;
    }
  }
}

/**
 * grad[wOff + o * nIn + j] += sum_r delta[r * nOut + o] * a_rj (the weight gradient of the layer
 * whose input is `a`), skipping examples whose four deltas are all zero (dead ReLU units).
 */
export function addSparseWeightGradient(
  a: SparseRows,
  delta: Float64Array,
  nIn: number,
  nOut: number,
  grad: Float64Array,
  wOff: number,
): void {
  const { ptr, idx, val, rows } = a;
  let o = 0;
  for (; o + 4 <= nOut; o += 4) {
    const w0 = wOff + o * nIn;
    const w1 = w0 + nIn;
    const w2 = w1 + nIn;
    const w3 = w2 + nIn;
    for (let r = 0; r < rows; r++) {
      const d = r * nOut + o;
      const g0 = delta[d];
      const g1 = delta[d + 1];
      const g2 = delta[d + 2];
      const g3 = delta[d + 3];
      if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) continue;
      const end = ptr[r + 1];
      for (let k = ptr[r]; k < end; k++) {
        const j = idx[k];
        const v = val[k];
        grad[w0 + j] += g0 * v;
        grad[w1 + j] += g1 * v;
        grad[w2 + j] += g2 * v;
        grad[w3 + j] += g3 * v;
      }
    }
  }
  for (; o < nOut; o++) {
    const w = wOff + o * nIn;
    for (let r = 0; r < rows; r++) {
      const g = delta[r * nOut + o];
      if (g === 0) continue;
      const end = ptr[r + 1];
      for (let k = ptr[r]; k < end; k++) grad[w + idx[k]] += g * val[k];
    }
  }
}
