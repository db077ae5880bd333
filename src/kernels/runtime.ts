import type { FloatKind, Vec } from "../core/vector";
import { KERNEL_SIGNATURES, KERNEL_WASM_BASE64, type KernelName } from "./optimizers-wasm";

/**
 * The WebAssembly side of the optimizers: the kernel module (src/kernels/optimizers.wat, built
 * into optimizers-wasm.ts), the switch that turns it off, and the memory that holds a state.
 *
 * Where the data lives (measured in bench/optimizer-step.bench.ts, see the README): a state made
 * for at least MIN_KERNEL_LENGTH parameters keeps its buffers (Adam's m and v, ...) in a
 * WebAssembly.Memory of its own; `state.slots.m` is a Float32Array/Float64Array view on it, so
 * lessons and graders read and write it as before. Each step copies `params` and `grad` in and
 * `params` back out (the user owns those arrays). A memory never grows (so its views never
 * detach) and is freed by the garbage collector with the state: nothing to release by hand.
 * Code that owns its loop (a model's training) can skip the copies: `residentArrays(state)`
 * (src/optimizers/kernel-step.ts) hands out the params and grad regions as typed arrays; a step
 * given exactly those arrays copies nothing.
 */

/**
 * - "auto" (default): kernels for states of MIN_KERNEL_LENGTH parameters or more, bit-identical
 *   to the JS loops (float32 data computed in double lanes, rounded where JS rounds);
 * - "fast": as "auto", but Float32Array states compute in float32 lanes (four at a time, as
 *   PyTorch does): about 1.75x faster on Adam and RMSprop (README), within the bound stated in
 *   test/kernels/fast32.test.ts;
 * - "js": never (the readable loops the lessons show); "wasm": kernels at every size (tests).
 */
export type KernelMode = "auto" | "fast" | "js" | "wasm";
const MODES: readonly KernelMode[] = ["auto", "fast", "js", "wasm"];

/**
 * Below this many parameters the JavaScript loop is used: the copies and the call cost more
 * than they save (bench/kernel-threshold.bench.ts measured the crossing near 64-128 elements).
 */
export const MIN_KERNEL_LENGTH = 256;

/** Largest state (bytes of WebAssembly memory) given to a kernel; bigger ones stay in JavaScript. */
const MAX_MEMORY_BYTES = 1 << 30;

function initialMode(): KernelMode {
  // Node: DESCENT_KERNELS=js (or fast, wasm, auto). In a browser there is no process: "auto".
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.DESCENT_KERNELS;
  if (env === undefined || env === "") return "auto";
  if (MODES.includes(env as KernelMode)) return env as KernelMode;
  // A typo must not pass for a choice, nor stop the library from loading: say so once, use auto.
  console.warn(`descent: DESCENT_KERNELS=${JSON.stringify(env)} is not one of ${MODES.join(", ")}; using "auto"`);
  return "auto";
}

let mode: KernelMode = initialMode();

/**
 * Chooses where optimizer states made from now on keep their buffers and how they step:
 * `setKernels("js")` runs the readable JavaScript loops only (what the lessons show), "auto" (the
 * default, or DESCENT_KERNELS in Node) uses the WebAssembly kernels for large vectors. A state made
 * with kernels still steps in JavaScript while the mode is "js" (its buffers are ordinary views).
 */
export function setKernels(next: KernelMode): void {
  if (!MODES.includes(next)) {
    throw new RangeError(`setKernels: mode must be "auto", "fast", "js" or "wasm", got ${JSON.stringify(next)}`);
  }
  mode = next;
}

export function kernelMode(): KernelMode {
  return mode;
}

/**
 * The few members of the WebAssembly JavaScript API used here, declared locally: the notebooks'
 * compiler (tslab's TypeScript, Node types only, no DOM lib) has no global `WebAssembly` types,
 * and a cell importing the library would fail on them. `undefined` where there is no WebAssembly.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The compiled module, or null where WebAssembly SIMD is missing (then everything runs in JS). */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      const bytes = decode(KERNEL_WASM_BASE64);
      // validate() is false on an engine without SIMD: the JS loops are the fallback.
      if (wasm !== undefined && wasm.validate(bytes)) compiled = new wasm.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** True when this engine runs the kernels (WebAssembly with SIMD). */
export function kernelsAvailable(): boolean {
  return kernelModule() !== null;
}

/** Whether a state of n parameters made now should live in WebAssembly memory. */
export function wantsKernel(n: number): boolean {
  if (mode === "js") return false;
  if (mode !== "wasm" && n < MIN_KERNEL_LENGTH) return false;
  return kernelModule() !== null;
}

type KernelFunction = (...args: number[]) => void;

/** A state's home in WebAssembly memory: scratch for params and grad, and the slots. */
export interface Resident {
  readonly float: FloatKind;
  readonly n: number;
  readonly memory: WasmMemory;
  /** Views on the scratch regions where params and grad are copied for a step. */
  readonly params: Vec;
  readonly grad: Vec;
  /** The slot views handed to the state (state.slots[name] is one of these while it is resident). */
  readonly slots: Readonly<Record<string, Vec>>;
  readonly slotNames: readonly string[];
  /** Byte address of each region: "params", "grad" and every slot name. */
  readonly address: Readonly<Record<string, number>>;
  readonly exports: Readonly<Record<string, KernelFunction>>;
}

/**
 * Moves a state's slots into a new WebAssembly memory (their values are copied: Adagrad's
 * accumulator starts at initialAccumulatorValue) and returns where everything is, or null when
 * the state is too large for one memory. `slots` is updated in place with the views.
 */
export function makeResident(float: FloatKind, n: number, slots: Record<string, Vec>): Resident | null {
  const module = kernelModule();
  if (module === null || wasm === undefined) return null;
  const size = float === "float32" ? 4 : 8;
  // 32-byte regions: a kernel's iteration handles 32 bytes (two groups of lanes, unrolled) and
  // may run past n on padding lanes.
  const region = Math.ceil((n * size) / 32) * 32 + 32;
  const names = ["params", "grad", ...Object.keys(slots)];
  const bytes = region * names.length;
  if (bytes > MAX_MEMORY_BYTES) return null;
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new wasm.Instance(module, { env: { memory } });
  const view = (offset: number): Vec => (float === "float32" ? new Float32Array(memory.buffer, offset, n) : new Float64Array(memory.buffer, offset, n));
  const address: Record<string, number> = {};
  const views: Record<string, Vec> = {};
  names.forEach((name, k) => {
    address[name] = k * region;
    views[name] = view(k * region);
  });
  const residentSlots: Record<string, Vec> = {};
  for (const name of Object.keys(slots)) {
    views[name].set(slots[name]);
    residentSlots[name] = views[name];
    slots[name] = views[name];
  }
  return {
    float,
    n,
    memory,
    params: views.params,
    grad: views.grad,
    slots: residentSlots,
    slotNames: Object.keys(residentSlots),
    address,
    exports: instance.exports as unknown as Record<string, KernelFunction>,
  };
}

/** A kernel's three exported functions, named once (no string built per step). */
export interface KernelFunctions {
  readonly kernel: KernelName;
  readonly f64: string;
  readonly f32: string;
  readonly f32fast: string;
}

export function kernelFunctions(kernel: KernelName): KernelFunctions {
  return { kernel, f64: `${kernel}_f64`, f32: `${kernel}_f32`, f32fast: `${kernel}_f32fast` };
}

/**
 * Elements per chunk when params and grad are copied: each chunk of the caller's arrays is copied
 * into the START of the scratch regions, stepped, and copied back, so the scratch (2 x 256 KB in
 * float64) stays in the L2 cache instead of adding two more n-long arrays to the working set.
 * A multiple of 8, so a chunk's last group of lanes never runs into the next chunk's elements.
 * Measured (1e6 parameters, CPU time, load 15-17, 2026-12-03): against one whole-array copy,
 * 10%-25% faster per step; chunks of 2,048 were slower, 8,192 in between.
 */
export const COPY_CHUNK = 32768;

/**
 * Runs a kernel on a resident state: params and grad copied in, the kernel, params copied out,
 * chunk by chunk (COPY_CHUNK). `scalars` and `flags` are in KERNEL_SIGNATURES order; `args` is
 * the caller's reusable argument list.
 */
export function runKernel(
  res: Resident,
  fns: KernelFunctions,
  params: Vec,
  grad: Vec,
  scalars: Float64Array,
  flags: Int32Array,
  args: number[],
): void {
  const sig = KERNEL_SIGNATURES[fns.kernel];
  const fn = res.exports[res.float === "float64" ? fns.f64 : mode === "fast" ? fns.f32fast : fns.f32];
  let k = 0;
  for (const a of sig.arrays) args[k++] = res.address[a] ?? 0; // a slot this variant lacks is never read
  args[k++] = res.n;
  for (let i = 0; i < sig.scalars.length; i++) args[k++] = scalars[i];
  for (let i = 0; i < sig.flags.length; i++) args[k++] = flags[i];
  args.length = k;
  // Parameters or gradients that already live in this memory (residentArrays) are not copied.
  const copyParams = params !== res.params;
  const copyGrad = grad !== res.grad;
  if (!copyParams && !copyGrad) {
    fn.apply(undefined, args);
    return;
  }
  const size = res.float === "float32" ? 4 : 8;
  const nAt = sig.arrays.length;
  for (let start = 0; start < res.n; start += COPY_CHUNK) {
    const end = Math.min(res.n, start + COPY_CHUNK);
    // A few views per chunk (about 2 x n / 8192 small objects per step): the price of copying
    // through the cache.
    if (copyParams) res.params.set(params.subarray(start, end));
    if (copyGrad) res.grad.set(grad.subarray(start, end));
    for (let i = 0; i < nAt; i++) {
      const name = sig.arrays[i];
      const base = res.address[name] ?? 0;
      const scratch = (name === "params" && copyParams) || (name === "grad" && copyGrad);
      args[i] = scratch ? base : base + start * size;
    }
    args[nAt] = end - start;
    fn.apply(undefined, args);
    if (copyParams) params.set(res.params.subarray(0, end - start), start);
  }
}

export { KERNEL_SIGNATURES, type KernelName };
