import { PRODUCTS_WASM_BASE64 } from "./products-wasm";
import { kernelMode } from "./runtime";

/**
 * The MLP's products in WebAssembly SIMD (src/kernels/products.wat): the module, a growable
 * memory that holds a model's workspace, and the size rule that picks the kernel or the JS loop.
 *
 * The JS loops (src/models/sparse-rows.ts and the input-gradient loop of mlp.ts) stay the
 * reference; the kernels give the same bits (test/kernels/products.test.ts). A layer uses the
 * kernel when the mode is not "js" (setKernels / DESCENT_KERNELS), the engine has WebAssembly
 * SIMD, and the batch times its weight matrix has at least MIN_PRODUCT_WORK multiply-adds
 * ("wasm" mode: always).
 */

/**
 * Below this many rows x n_in x n_out a layer keeps the JS loops. Measured (lossAndGradient of
 * small tanh nets, JS vs kernels, CPU time, 2026-12-03): kernels 1.3x-2x slower at 16-64 per
 * layer (a 4-4-4-3 net on one example), even at 256 (2-16-16-3 on one example), 0.87x at 512,
 * 0.72x at 1,024 and 0.3x at 4,096 x 32 (the call, the copies and the transpose are paid once
 * per layer and batch, the gain per multiply-add).
 */
export const MIN_PRODUCT_WORK = 1024;

interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number; maximum?: number }) => GrowableMemory;
}
// Declared locally as in runtime.ts: tslab's compiler has no DOM/WebAssembly types.
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

export interface ProductExports {
  transpose_pad(src: number, dst: number, nOut: number, nIn: number, nOutP: number): void;
  sparse_affine(ptr: number, idx: number, val: number, rows: number, wt: number, nOutP: number, bias: number, hasBias: number, z: number, nOut: number): void;
  to_columns(ptr: number, idx: number, val: number, rows: number, cols: number, cptr: number, crow: number, cval: number, next: number): void;
  weight_gradient(cptr: number, crow: number, cval: number, nIn: number, delta: number, nOut: number, g: number): void;
  input_gradient(delta: number, nOut: number, w: number, nIn: number, rows: number, out: number): void;
}

let compiled: object | null | undefined;

function productsModule(): object | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const text = atob(PRODUCTS_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      // validate() is false without SIMD: the JS loops are the fallback.
      if (wasm !== undefined && wasm.validate(bytes)) compiled = new wasm.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

let layersOnKernel = 0;

/** Whether a layer's products of `work` = rows x n_in x n_out multiply-adds run on the kernel now. */
export function productKernelFor(work: number): boolean {
  const mode = kernelMode();
  if (mode === "js") return false;
  if (mode !== "wasm" && work < MIN_PRODUCT_WORK) return false;
  return productsModule() !== null;
}

/** How many layer forward passes have run on the kernel (tests check a kernel really ran). */
export function productKernelRuns(): number {
  return layersOnKernel;
}

/** Counts one layer's forward pass on the kernel. */
export function countProductKernelRun(): void {
  layersOnKernel++;
}

/** Largest workspace (bytes) put in WebAssembly memory; a bigger model keeps the JS loops. */
const MAX_BYTES = 1 << 30;

/**
 * A model's workspace in WebAssembly memory, with a bump allocator. `reserve` may grow the memory,
 * which detaches every typed array made on the old buffer: the owner re-takes its views after it
 * (mlp.ts does all of this in its `ensure`, before any view is used).
 */
export class ProductMemory {
  private constructor(
    private readonly memory: GrowableMemory,
    readonly kernels: ProductExports,
  ) {}

  /** null where WebAssembly SIMD is missing. */
  static create(): ProductMemory | null {
    const module = productsModule();
    if (module === null || wasm === undefined) return null;
    const memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(module, { env: { memory } });
    return new ProductMemory(memory, instance.exports as unknown as ProductExports);
  }

  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** Makes the memory at least `bytes` long; false when that is more than MAX_BYTES. */
  reserve(bytes: number): boolean {
    if (bytes > MAX_BYTES) return false;
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  }
}

/** Hands out 16-byte aligned regions, each followed by 16 bytes a pair-wise kernel may read past its end. */
export class RegionPlanner {
  size = 0;
  take(bytes: number): number {
    const at = this.size;
    this.size += Math.ceil(bytes / 16) * 16 + 16;
    return at;
  }
}
