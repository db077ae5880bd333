import { DescentInputError, show } from "../core/errors";
import { createRng } from "../core/rng";
import { flag, integerAtLeast, oneOf, positive, unitInterval, assertOptionsObject } from "../core/validate";
import type { Dataset } from "../data/dataset";
import { BatchNorm } from "./batchnorm";
import { checkBatch, IdentityIndex, requireClassification, type Model } from "./model";
import { argmax, softmaxCrossEntropy, softmaxInto } from "./softmax";
import { addSparseWeightGradient, sparseAffine, SparseRows } from "./sparse-rows";
import { countProductKernelRun, ProductMemory, productKernelFor, RegionPlanner } from "../kernels/products";

/**
 * A small multilayer perceptron classifier with hand-written backpropagation.
 *
 * Layer sizes n_0 = d, n_1, ..., n_L = K. Hidden layer l (1 <= l < L):
 *
 * $$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = \phi\big(z^{(l)}\big)$$
 *
 * or, with batch normalisation, a^{(l)} = phi(BN_{gamma, beta}(W^{(l)} a^{(l-1)})) (the bias is
 * dropped because BN's beta replaces it). The output layer gives logits z^{(L)} = W^{(L)} a^{(L-1)} + b^{(L)}
 * and the loss is the mean softmax cross-entropy
 *
 * $$J = \frac{1}{|B|}\sum_{i \in B} \Big[\log \sum_k e^{z^{(L)}_{ik}} - z^{(L)}_{i,c_i}\Big].$$
 *
 * Backpropagation, with delta^{(l)} = dJ/dz^{(l)} (rows = examples):
 *
 * $$\delta^{(L)}_i = \frac{1}{|B|}\left(p_i - e_{c_i}\right), \qquad
 *   \nabla_{W^{(l)}} J = \sum_i \delta^{(l)}_i a^{(l-1)\top}_i, \qquad \nabla_{b^{(l)}} J = \sum_i \delta^{(l)}_i$$
 *
 * $$\delta^{(l)} = \big(\delta^{(l+1)} W^{(l+1)}\big) \odot \phi'\big(z^{(l)}\big)$$
 *
 * with phi'(z) = 1 - tanh(z)^2 for tanh and [z > 0] for relu (BN's own backward sits between the
 * activation and the linear layer when enabled, see batchnorm.ts).
 *
 * The two large products, W a and sum_i delta_i a_i^T, run over the nonzero entries of each
 * layer's input only (sparse-rows.ts): MNIST pixels and ReLU outputs are mostly exact zeros.
 * Layers with enough weights run those products and delta W on WebAssembly SIMD kernels
 * (src/kernels/products.wat, docs/kernels.md), which give the same bits as the JS loops here;
 * setKernels("js") keeps the JS loops.
 *
 * Parameter layout (flat Float64Array), layer by layer: W^{(l)} as n_l x n_{l-1} row-major, then
 * b^{(l)} (n_l); for a hidden layer with batch norm, gamma^{(l)} (n_l) and beta^{(l)} (n_l) instead of b.
 * `buffers` holds each BN layer's running mean then running variance.
 */
export type Activation = "tanh" | "relu";
export const ACTIVATIONS: readonly Activation[] = ["tanh", "relu"];

export interface MlpOptions {
  /** [inputs, hidden..., classes], e.g. [2, 16, 16, 2]. */
  sizes: readonly number[];
  activation?: Activation;
  /** Batch normalisation after every hidden linear layer (default false). */
  batchNorm?: boolean;
  bnMomentum?: number;
  bnEps?: number;
}

interface Layer {
  readonly nIn: number;
  readonly nOut: number;
  readonly wOff: number;
  /** Offset of b (no BN) or gamma (BN). */
  readonly bOff: number;
  /** Offset of beta, or -1 without BN. */
  readonly betaOff: number;
  readonly bn: BatchNorm | null;
}

/** Byte addresses of one layer's workspace in WebAssembly memory (see ensure()). */
interface LayerRegions {
  /** The input rows, CSR (inputs[l]'s arrays are views on these). */
  readonly ptr: number;
  readonly idx: number;
  readonly val: number;
  /** z^{(l)} (pre[l] is a view on it). */
  readonly z: number;
  /** W copied from params, W^T padded to nOutP columns, the bias padded likewise. */
  readonly w: number;
  readonly wt: number;
  readonly b: number;
  readonly nOutP: number;
  /** The input by columns (CSC) and the weight gradient. */
  readonly cptr: number;
  readonly crow: number;
  readonly cval: number;
  /** Scratch of the CSC build. */
  readonly cnext: number;
  readonly g: number;
}

/** Rows evaluated at a time by loss() and accuracy(), bounding the workspace. */
const EVAL_CHUNK = 256;

export function mlp(options: MlpOptions): Model & { readonly layout: string; resetRunningStats(): void } {
  assertOptionsObject("mlp", options, "sizes [inputs, hidden..., classes]");
  const sizes = options.sizes;
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new DescentInputError(`sizes must be [inputs, hidden..., classes] with at least 2 entries, got ${show(sizes)}`);
  }
  sizes.forEach((s, l) => integerAtLeast(`sizes[${l}]`, s, 1));
  const K = integerAtLeast("sizes[last] (classes)", sizes[sizes.length - 1], 2);
  const d = sizes[0];
  const activation = oneOf("activation", options.activation ?? "tanh", ACTIVATIONS);
  const useBn = flag("batchNorm", options.batchNorm ?? false);
  const bnMomentum = unitInterval("bnMomentum", options.bnMomentum ?? 0.1);
  const bnEps = positive("bnEps", options.bnEps ?? 1e-5);
  const L = sizes.length - 1;

  // Lay out parameters and BN running-statistics buffers.
  let bnFeatures = 0;
  for (let l = 0; l < L - 1; l++) if (useBn) bnFeatures += sizes[l + 1];
  const buffers = useBn && bnFeatures > 0 ? new Float64Array(2 * bnFeatures) : undefined;
  const layers: Layer[] = [];
  let off = 0;
  let bufOff = 0;
  const layoutParts: string[] = [];
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const hiddenBn = useBn && l < L - 1 && buffers !== undefined;
    const wOff = off;
    off += nIn * nOut;
    const bOff = off;
    off += nOut;
    let betaOff = -1;
    let bn: BatchNorm | null = null;
    if (hiddenBn) {
      betaOff = off;
      off += nOut;
      bn = new BatchNorm(nOut, {
        eps: bnEps,
        momentum: bnMomentum,
        runningMean: buffers.subarray(bufOff, bufOff + nOut),
        runningVar: buffers.subarray(bufOff + nOut, bufOff + 2 * nOut),
      });
      bufOff += 2 * nOut;
      layoutParts.push(`W${l + 1}[${nOut}x${nIn}] gamma${l + 1}[${nOut}] beta${l + 1}[${nOut}]`);
    } else {
      layoutParts.push(`W${l + 1}[${nOut}x${nIn}] b${l + 1}[${nOut}]`);
    }
    layers.push({ nIn, nOut, wOff, bOff, betaOff, bn });
  }
  const dim = off;
  const name = `mlp(${sizes.join("-")}, ${activation}${useBn ? ", batchnorm" : ""})`;
  const maxWidth = Math.max(...sizes);

  // Workspaces sized to `cap` rows, grown on demand (never per call once large enough).
  let cap = 0;
  // Each layer's input rows as their nonzero entries (sparse-rows.ts): the forward product and
  // the weight gradient read them. Layer 0's are the batch's pixels, read straight from X.
  const inputs = layers.map(() => new SparseRows());
  const activeUnits = new Int32Array(maxWidth); // scratch of addSparseWeightGradient
  let pre: Float64Array[] = []; // z^{(l)} per layer (linear outputs), cap x n_l
  let normed: Float64Array[] = []; // BN outputs per hidden layer (aliases pre without BN)
  let act: Float64Array[] = []; // a^{(l)} per hidden layer, cap x n_l
  let deltaA = new Float64Array(0); // cap x maxWidth
  let deltaB = new Float64Array(0);
  // The WebAssembly workspace (null: everything in JS arrays). When it exists, the CSR inputs,
  // z^{(l)} and both delta buffers are views on its memory, so the kernels read and write them
  // in place; W and its gradient are copied in and out (params and grad are the caller's).
  let mem: ProductMemory | null = null;
  let wasmRefused = false;
  let regions: LayerRegions[] = [];
  let heap = new Float64Array(0);
  /** Per layer: did the last forward pass use the kernel (so its backward pass does too). */
  const onKernel = layers.map(() => false);
  const wantsKernel = (m: number): boolean => layers.some((ly) => productKernelFor(m * ly.nIn * ly.nOut));
  const placeInWasm = (memory: ProductMemory): boolean => {
    const plan = new RegionPlanner();
    const dA = plan.take(cap * maxWidth * 8);
    const dB = plan.take(cap * maxWidth * 8);
    const regs = layers.map(({ nIn, nOut }): LayerRegions => {
      const nOutP = nOut + (nOut & 1);
      return {
        ptr: plan.take((cap + 1) * 4),
        idx: plan.take(cap * nIn * 4),
        val: plan.take(cap * nIn * 8),
        z: plan.take(cap * nOut * 8),
        w: plan.take(nIn * nOutP * 8), // W, then a zero row when nOut is odd
        wt: plan.take(nIn * nOutP * 8),
        b: plan.take(nOutP * 8),
        nOutP,
        cptr: plan.take((nIn + 1) * 4),
        crow: plan.take(cap * nIn * 4),
        cval: plan.take(cap * nIn * 8),
        cnext: plan.take(nIn * 4),
        g: plan.take(nIn * nOut * 8),
      };
    });
    if (!memory.reserve(plan.size)) return false;
    const buf = memory.buffer; // after any growth: every view below is on the live buffer
    const f64 = (at: number, n: number) => new Float64Array(buf, at, n);
    const i32 = (at: number, n: number) => new Int32Array(buf, at, n);
    heap = new Float64Array(buf);
    deltaA = f64(dA, cap * maxWidth);
    deltaB = f64(dB, cap * maxWidth);
    pre = regs.map((r, l) => f64(r.z, cap * layers[l].nOut));
    regs.forEach((r, l) => {
      const { nIn } = layers[l];
      inputs[l].ptr = i32(r.ptr, cap + 1);
      inputs[l].idx = i32(r.idx, cap * nIn);
      inputs[l].val = f64(r.val, cap * nIn);
    });
    regions = regs;
    return true;
  };
  const ensure = (m: number): void => {
    // A model made under setKernels("js") moves its workspace once kernels are wanted.
    if (mem === null && !wasmRefused && m <= cap && wantsKernel(m)) cap = 0;
    if (m <= cap) return;
    cap = m;
    if (mem === null && !wasmRefused && wantsKernel(m)) mem = ProductMemory.create();
    if (mem !== null && !placeInWasm(mem)) {
      mem = null; // too large for one memory: JS loops from now on
      wasmRefused = true;
    }
    if (mem === null) {
      pre = layers.map((ly) => new Float64Array(cap * ly.nOut));
      deltaA = new Float64Array(cap * maxWidth);
      deltaB = new Float64Array(cap * maxWidth);
      for (const rowsOf of inputs) {
        rowsOf.ptr = new Int32Array(cap + 1);
        rowsOf.idx = new Int32Array(0); // grown by reset()
        rowsOf.val = new Float64Array(0);
      }
      regions = [];
    }
    normed = layers.map((ly, l) => (ly.bn ? new Float64Array(cap * ly.nOut) : pre[l]));
    act = layers.map((ly) => new Float64Array(cap * ly.nOut));
  };
  const identity = new IdentityIndex();

  /** Forward pass over rows idx[start..end); leaves the logits in pre[L-1]. */
  const forward = (params: Float64Array, X: Float64Array, idx: Int32Array, start: number, end: number, training: boolean): void => {
    const m = end - start;
    ensure(m);
    const first = inputs[0];
    first.reset(m, d);
    for (let r = 0; r < m; r++) first.push(X, idx[start + r] * d, d);
    for (let l = 0; l < L; l++) {
      const { nIn, nOut, wOff, bOff, betaOff, bn } = layers[l];
      const z = pre[l];
      if (l > 0) {
        const a = act[l - 1];
        inputs[l].reset(m, nIn);
        for (let r = 0; r < m; r++) inputs[l].push(a, r * nIn, nIn);
      }
      // z = a W^T + b (no bias under batch norm: beta replaces it).
      onKernel[l] = mem !== null && productKernelFor(m * nIn * nOut);
      if (mem !== null && onKernel[l]) {
        const r = regions[l];
        heap.set(params.subarray(wOff, wOff + nIn * nOut), r.w >> 3);
        if (!bn) heap.set(params.subarray(bOff, bOff + nOut), r.b >> 3);
        // An odd nOut's padding: a zero row of W (a zero column of W^T) and a zero bias lane.
        if (r.nOutP !== nOut) heap.fill(0, (r.w >> 3) + nOut * nIn, (r.w >> 3) + r.nOutP * nIn);
        heap[(r.b >> 3) + nOut] = 0;
        mem.kernels.transpose_pad(r.w, r.wt, nOut, nIn, r.nOutP);
        mem.kernels.sparse_affine(r.ptr, r.idx, r.val, m, r.wt, r.nOutP, r.b, bn ? 0 : 1, r.z, nOut);
        countProductKernelRun();
      } else {
        sparseAffine(inputs[l], params, wOff, bn ? -1 : bOff, nIn, nOut, z);
      }
      if (l === L - 1) break;
      const u = normed[l];
      if (bn) {
        if (training) bn.forwardTrain(z, m, params, bOff, betaOff, u);
        else bn.forwardEval(z, m, params, bOff, betaOff, u);
      }
      const h = act[l];
      const count = m * nOut;
      if (activation === "tanh") for (let k = 0; k < count; k++) h[k] = Math.tanh(u[k]);
      else for (let k = 0; k < count; k++) h[k] = u[k] > 0 ? u[k] : 0;
    }
  };

  const model = {
    name,
    dim,
    buffers,
    // Batch statistics of one example are degenerate (variance 0, every output = beta).
    minBatch: buffers ? 2 : 1,
    layout: layoutParts.join(", "),
    resetRunningStats(): void {
      for (const ly of layers) ly.bn?.resetRunningStats();
    },
    initParams(seed: number): Float64Array {
      const rng = createRng(seed);
      const p = new Float64Array(dim);
      for (const { nIn, nOut, wOff, bOff, bn } of layers) {
        // Glorot-style scale for tanh, He scale for relu, so activations neither vanish nor explode at start.
        const scale = Math.sqrt((activation === "relu" ? 2 : 1) / nIn);
        for (let k = 0; k < nIn * nOut; k++) p[wOff + k] = scale * rng.normal();
        if (bn) p.fill(1, bOff, bOff + nOut); // gamma = 1, beta = 0
      }
      return p;
    },
    lossAndGradient(params: Float64Array, data: Dataset, idx: Int32Array, start: number, end: number, grad: Float64Array): number {
      checkBatch(model, params, idx, start, end, grad);
      const { X, labels } = requireClassification(name, data, d, K);
      const m = end - start;
      forward(params, X, idx, start, end, true);
      grad.fill(0);
      // delta^{(L)} = (p - onehot) / m
      let total = 0;
      let delta = deltaA;
      let spare = deltaB;
      const logits = pre[L - 1];
      for (let r = 0; r < m; r++) total += softmaxCrossEntropy(logits, r * K, K, labels[idx[start + r]], delta, r * K);
      for (let k = 0; k < m * K; k++) delta[k] /= m;
      for (let l = L - 1; l >= 0; l--) {
        const { nIn, nOut, wOff, bOff, betaOff, bn } = layers[l];
        if (l < L - 1) {
          // delta currently holds dJ/da^{(l)}; through the activation, then BN.
          const u = normed[l];
          const h = act[l];
          const count = m * nOut;
          if (activation === "tanh") for (let k = 0; k < count; k++) delta[k] *= 1 - h[k] * h[k];
          else for (let k = 0; k < count; k++) if (!(u[k] > 0)) delta[k] = 0;
          if (bn) bn.backward(delta, m, params, bOff, grad, bOff, betaOff, delta);
        }
        // Gradients of W^{(l)} and b^{(l)}.
        const kernel = mem !== null && onKernel[l] ? mem.kernels : null;
        if (kernel !== null) {
          // Written, not added: grad's W^{(l)} block is still the zeros of grad.fill(0).
          const r = regions[l];
          kernel.to_columns(r.ptr, r.idx, r.val, m, nIn, r.cptr, r.crow, r.cval, r.cnext);
          kernel.weight_gradient(r.cptr, r.crow, r.cval, nIn, delta.byteOffset, nOut, r.g);
          grad.set(heap.subarray(r.g >> 3, (r.g >> 3) + nIn * nOut), wOff);
        } else {
          addSparseWeightGradient(inputs[l], delta, nIn, nOut, grad, wOff, activeUnits);
        }
        if (!bn) {
          for (let r = 0; r < m; r++) for (let o = 0; o < nOut; o++) grad[bOff + o] += delta[r * nOut + o];
        }
        if (l === 0) break;
        // dJ/da^{(l-1)} = delta W^{(l)}
        if (kernel !== null) {
          kernel.input_gradient(delta.byteOffset, nOut, regions[l].w, nIn, m, spare.byteOffset);
          const t = delta;
          delta = spare;
          spare = t;
          continue;
        }
        spare.fill(0, 0, m * nIn);
        for (let r = 0; r < m; r++) {
          for (let o = 0; o < nOut; o++) {
            const g = delta[r * nOut + o];
            if (g === 0) continue;
            const w = wOff + o * nIn;
            const sr = r * nIn;
            for (let j = 0; j < nIn; j++) spare[sr + j] += g * params[w + j];
          }
        }
        const t = delta;
        delta = spare;
        spare = t;
      }
      return total / m;
    },
    loss(params: Float64Array, data: Dataset): number {
      return evaluate(params, data).loss;
    },
    accuracy(params: Float64Array, data: Dataset): number {
      return evaluate(params, data).accuracy;
    },
    probabilities(params: Float64Array, data: Dataset): Float64Array {
      if (params.length !== dim) throw new DescentInputError(`${name} has ${dim} parameters, got ${params.length}`);
      const { X, n } = requireClassification(name, data, d, K);
      const idx = identity.get(n);
      const out = new Float64Array(n * K);
      for (let s = 0; s < n; s += EVAL_CHUNK) {
        const e = Math.min(n, s + EVAL_CHUNK);
        forward(params, X, idx, s, e, false); // evaluation mode: BN's running statistics
        const logits = pre[L - 1];
        for (let r = 0; r < e - s; r++) softmaxInto(logits, r * K, K, out, (s + r) * K);
      }
      return out;
    },
  };

  // Result object reused across calls (evaluation runs once per epoch, but allocates nothing anyway).
  const result = { loss: 0, accuracy: 0 };
  const evaluate = (params: Float64Array, data: Dataset): { loss: number; accuracy: number } => {
    if (params.length !== dim) throw new DescentInputError(`${name} has ${dim} parameters, got ${params.length}`);
    const { X, labels, n } = requireClassification(name, data, d, K);
    const idx = identity.get(n);
    let total = 0;
    let correct = 0;
    for (let s = 0; s < n; s += EVAL_CHUNK) {
      const e = Math.min(n, s + EVAL_CHUNK);
      forward(params, X, idx, s, e, false);
      const logits = pre[L - 1];
      for (let r = 0; r < e - s; r++) {
        const c = labels[s + r];
        total += softmaxCrossEntropy(logits, r * K, K, c, null, 0);
        if (argmax(logits, r * K, K) === c) correct++;
      }
    }
    result.loss = total / n;
    result.accuracy = correct / n;
    return result;
  };
  return model;
}
