/**
 * Numerically stable softmax cross-entropy on one row of logits, shared by softmax regression and
 * the MLP's output layer.
 *
 * $$\ell(z, c) = \log \sum_k e^{z_k} - z_c = m + \log \sum_k e^{z_k - m} - z_c, \quad m = \max_k z_k$$
 *
 * $$\frac{\partial \ell}{\partial z_k} = p_k - [k = c], \qquad p_k = \frac{e^{z_k - m}}{\sum_j e^{z_j - m}}$$
 *
 * Subtracting the max means no exponent is positive, so logits of 1000 neither overflow nor give NaN.
 */

/**
 * Reads logits z[off .. off+K), returns the loss for class c and, when `dz` is given, writes
 * p - onehot(c) into dz[dOff .. dOff+K) (the gradient with respect to the logits).
 */
export function softmaxCrossEntropy(
  z: Float64Array,
  off: number,
  K: number,
  c: number,
  dz: Float64Array | null,
  dOff: number,
): number {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[off + k] > m) m = z[off + k];
  let s = 0;
  for (let k = 0; k < K; k++) s += Math.exp(z[off + k] - m);
  const logSum = m + Math.log(s);
  if (dz) {
    for (let k = 0; k < K; k++) dz[dOff + k] = Math.exp(z[off + k] - logSum) - (k === c ? 1 : 0);
  }
  return logSum - z[off + c];
}

/** Index of the largest logit in z[off .. off+K) (first one on ties). */
export function argmax(z: Float64Array, off: number, K: number): number {
  let best = 0;
  for (let k = 1; k < K; k++) if (z[off + k] > z[off + best]) best = k;
  return best;
}

/**
 * The probabilities p_k = e^{z_k - m} / sum_j e^{z_j - m} of one row of logits z[off .. off+K),
 * written to out[outOff .. outOff+K) (the same max shift as softmaxCrossEntropy, so no overflow).
 */
export function softmaxInto(z: Float64Array, off: number, K: number, out: Float64Array, outOff: number): void {
  let m = -Infinity;
  for (let k = 0; k < K; k++) if (z[off + k] > m) m = z[off + k];
  let s = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(z[off + k] - m);
    out[outOff + k] = e;
    s += e;
  }
  for (let k = 0; k < K; k++) out[outOff + k] /= s;
}
