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
 * Both kernels work on FOUR rows of W (or of its gradient) at a time: each (index, value) pair
 * loaded once serves four rows, and in the forward product four independent sums hide the
 * latency of each floating-point add (one running sum waits ~4 cycles per term). The forward
 * product runs over blocks of four rows outside and the batch inside, so the block of W
 * (4 x 784 doubles = 25 KB) stays in the L1 cache while the batch streams past it. Measured on
 * MNIST batches of 64, this is 1.5 G multiply-adds per second, about 4x the dense loops it
 * replaced (whose single running sum made each dot product wait on its adds).
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
 * whose input is `a`). Behind a ReLU about half the deltas are exactly zero (inactive units), so
 * each example first lists the units o whose delta is nonzero (into `active`, length >= nOut),
 * and only those rows of the gradient are updated, four at a time as above. The sum over
 * examples still runs in order r = 0, 1, ... for every entry, as in the dense loop. Measured on
 * an MNIST batch with half the units active: 35% faster than blocks of four consecutive rows.
 */
export function addSparseWeightGradient(
  a: SparseRows,
  delta: Float64Array,
  nIn: number,
  nOut: number,
  grad: Float64Array,
  wOff: number,
  active: Int32Array,
): void {
  const { ptr, idx, val, rows } = a;
  for (let r = 0; r < rows; r++) {
    const dr = r * nOut;
    let count = 0;
    for (let o = 0; o < nOut; o++) if (delta[dr + o] !== 0) active[count++] = o;
    const first = ptr[r];
    const end = ptr[r + 1];
    let q = 0;
    for (; q + 4 <= count; q += 4) {
      const o0 = active[q];
      const o1 = active[q + 1];
      const o2 = active[q + 2];
      const o3 = active[q + 3];
      const w0 = wOff + o0 * nIn;
      const w1 = wOff + o1 * nIn;
      const w2 = wOff + o2 * nIn;
      const w3 = wOff + o3 * nIn;
      const g0 = delta[dr + o0];
      const g1 = delta[dr + o1];
      const g2 = delta[dr + o2];
      const g3 = delta[dr + o3];
      for (let k = first; k < end; k++) {
        const j = idx[k];
        const v = val[k];
        grad[w0 + j] += g0 * v;
        grad[w1 + j] += g1 * v;
        grad[w2 + j] += g2 * v;
        grad[w3 + j] += g3 * v;
      }
    }
    for (; q < count; q++) {
      // The last count mod 4 active units, one at a time.
      const o = active[q];
      const w = wOff + o * nIn;
      const g = delta[dr + o];
      for (let k = first; k < end; k++) grad[w + idx[k]] += g * val[k];
    }
  }
}
