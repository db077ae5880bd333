import { createRng } from "../core/rng";
import type { DriverInput, PlainValue } from "./types";

/**
 * Drivers: the only grader code that runs next to student code (in the sandbox process, in a
 * notebook kernel, in the site's Web Worker). A driver turns a case's plain input into calls of
 * the student's exports and returns a plain output. It knows nothing of the expected values.
 *
 * - "optimizer": `fn(params, grad, state, hyper)` updates params and state in place; called once
 *   per gradient in `grads`, with ONE state object carried across the calls; returns the
 *   parameters after every step.
 * - "lookahead": as "optimizer", but the second argument is a function returning the gradient of
 *   the quadratic J(x) = sum(a x^2 / 2 - b x) at any point (Nesterov evaluates it elsewhere).
 * - "calls": calls `fn(...args)` for each argument list and returns the results. Arguments
 *   `{ $f64: [...] }` become Float64Arrays, `{ $uniform: seed }` and `{ $normal: seed }` become
 *   seeded generators from src/core/rng (the same the library uses).
 * - "constants": calls an exported function with no arguments and returns its answer (analysis
 *   exercises: the student's chosen numbers, computed or typed in).
 */

export interface OptimizerCaseData {
  params0: number[];
  grads: number[][];
  /**
   * A second, independent run interleaved with the first (A, B, A, B...): each has its own params
   * and state. Module-level copies of the state mix the two; the output also says whether any
   * call changed `grad`.
   */
  second?: { params0: number[]; grads: number[][] };
  /** Names of the state's buffers, each made as zeros of the parameters' length. */
  slots: string[];
  hyper: Record<string, number>;
}

export interface LookaheadCaseData {
  params0: number[];
  a: number[];
  b: number[];
  steps: number;
  slots: string[];
  hyper: Record<string, number>;
}

export interface CallsCaseData {
  calls: PlainValue[][];
}

export interface ConstantsCaseData {
  /** Anything the judge needs (tolerances); the driver passes nothing to the function. */
  [key: string]: PlainValue;
}

/** Raised by a driver when the student's exports are not usable; the message is shown as is. */
export class DriverError extends Error {
  override readonly name = "DriverError";
}

const MAX_ITEMS = 100_000;

// Taken when this module loads, before any student code: a submission that replaces
// ArrayBuffer.isView or Array.isArray cannot change how the driver reads every later output.
const isView = ArrayBuffer.isView;
const isArray = Array.isArray;
const keysOf = Object.keys;
const DataViewCtor = DataView;

/**
 * A plain, structured-clonable copy of whatever student code returned: typed arrays become
 * arrays, functions and symbols become strings, cycles and huge values are cut. Never throws
 * (a throwing getter or proxy becomes a string saying so).
 */
export function toPlain(value: unknown, depth = 0): PlainValue {
  try {
    if (value === null || value === undefined) return value as null | undefined;
    const type = typeof value;
    if (type === "number" || type === "string" || type === "boolean") return value as PlainValue;
    if (type === "bigint") return `${String(value)}n`;
    if (type === "function") return "[function]";
    if (type === "symbol") return "[symbol]";
    if (depth > 6) return "[nested too deeply]";
    if (isView(value) && !(value instanceof DataViewCtor)) {
      const view = value as unknown as ArrayLike<number | bigint>;
      const out: PlainValue[] = [];
      const n = view.length < MAX_ITEMS ? view.length : MAX_ITEMS;
      for (let i = 0; i < n; i++) out.push(typeof view[i] === "bigint" ? String(view[i]) : (view[i] as number));
      return out;
    }
    if (isArray(value)) {
      const n = value.length < MAX_ITEMS ? value.length : MAX_ITEMS;
      const out: PlainValue[] = [];
      for (let i = 0; i < n; i++) out.push(toPlain(value[i], depth + 1));
      return out;
    }
    if (typeof (value as { then?: unknown }).then === "function") return "[promise]";
    const out: { [key: string]: PlainValue } = {};
    for (const key of keysOf(value as object).slice(0, 100)) {
      out[key] = toPlain((value as Record<string, unknown>)[key], depth + 1);
    }
    return out;
  } catch (error) {
    return `[unreadable value: ${error instanceof Error ? error.message : "error"}]`;
  }
}

function getFunction(exports: Record<string, unknown>, name: string): (...args: unknown[]) => unknown {
  const fn = exports[name];
  if (typeof fn !== "function") {
    throw new DriverError(
      fn === undefined ? `the file does not export ${name}` : `${name} must be a function, but it is ${typeof fn}`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}

/** Awaits a thenable the student returned (an async function), so a rejected promise counts as a throw. */
async function settle(result: unknown): Promise<unknown> {
  if (result !== null && (typeof result === "object" || typeof result === "function") && typeof (result as { then?: unknown }).then === "function") {
    return await (result as Promise<unknown>);
  }
  return result;
}

function makeState(slots: readonly string[], length: number): Record<string, Float64Array | number> {
  const state: Record<string, Float64Array | number> = { t: 0 };
  for (const s of slots) state[s] = new Float64Array(length);
  return state;
}

/**
 * Decodes one argument. Generators are kept per seed for the whole case, so two calls given
 * `{ $uniform: 5 }` draw from ONE stream (epoch 2 continues where epoch 1 stopped).
 */
function decodeArg(arg: PlainValue, generators: Map<string, () => number>): unknown {
  if (arg !== null && typeof arg === "object" && !Array.isArray(arg)) {
    if (Array.isArray(arg.$f64)) return Float64Array.from(arg.$f64 as number[]);
    for (const kind of ["$uniform", "$normal"] as const) {
      const seed = arg[kind];
      if (typeof seed !== "number") continue;
      const key = `${kind}:${seed}`;
      let gen = generators.get(key);
      if (!gen) {
        const rng = createRng(seed);
        gen = kind === "$uniform" ? rng.uniform : rng.normal;
        generators.set(key, gen);
      }
      return gen;
    }
  }
  return arg;
}

function sameNumbers(a: Float64Array, b: readonly number[]): boolean {
  for (let i = 0; i < b.length; i++) if (!Object.is(a[i], b[i])) return false;
  return a.length === b.length;
}

async function runInterleaved(fn: (...args: unknown[]) => unknown, data: OptimizerCaseData, second: { params0: number[]; grads: number[][] }): Promise<PlainValue> {
  const runs = [
    { params: Float64Array.from(data.params0), grads: data.grads, trajectory: [] as PlainValue[] },
    { params: Float64Array.from(second.params0), grads: second.grads, trajectory: [] as PlainValue[] },
  ].map((r) => ({ ...r, state: makeState(data.slots, r.params.length), hyper: { ...data.hyper } }));
  let gradUnchanged = true;
  for (let k = 0; k < data.grads.length; k++) {
    for (const r of runs) {
      const g = Float64Array.from(r.grads[k]);
      await settle(fn(r.params, g, r.state, r.hyper));
      if (!sameNumbers(g, r.grads[k])) gradUnchanged = false;
      r.trajectory.push(toPlain(r.params));
    }
  }
  return { gradUnchanged, trajectory: runs[0].trajectory, second: runs[1].trajectory };
}

async function runOptimizer(fn: (...args: unknown[]) => unknown, data: OptimizerCaseData): Promise<PlainValue> {
  if (data.second) return runInterleaved(fn, data, data.second);
  const params = Float64Array.from(data.params0);
  const state = makeState(data.slots, params.length);
  const hyper = { ...data.hyper };
  const trajectory: PlainValue[] = [];
  for (const g of data.grads) {
    await settle(fn(params, Float64Array.from(g), state, hyper));
    trajectory.push(toPlain(params));
  }
  return { trajectory };
}

async function runLookahead(fn: (...args: unknown[]) => unknown, data: LookaheadCaseData): Promise<PlainValue> {
  const params = Float64Array.from(data.params0);
  const n = params.length;
  const a = Float64Array.from(data.a);
  const b = Float64Array.from(data.b);
  const gradAt = (x: unknown): Float64Array => {
    const v = x as ArrayLike<number>;
    if (v === null || typeof v !== "object" || v.length !== n) {
      throw new DriverError(`gradAt expects an array of ${n} numbers, got ${toPlain(x) === undefined ? "undefined" : typeof x}`);
    }
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) g[i] = a[i] * Number(v[i]) - b[i];
    return g;
  };
  const state = makeState(data.slots, n);
  const hyper = { ...data.hyper };
  const trajectory: PlainValue[] = [];
  for (let k = 0; k < data.steps; k++) {
    await settle(fn(params, gradAt, state, hyper));
    trajectory.push(toPlain(params));
  }
  return { trajectory };
}

/** Runs one case's driver on the student's exports. Throws what the student's code throws. */
export async function runDriver(exports: Record<string, unknown>, input: DriverInput): Promise<PlainValue> {
  const data = input.data as unknown;
  switch (input.driver) {
    case "optimizer":
      return runOptimizer(getFunction(exports, input.exportName), data as OptimizerCaseData);
    case "lookahead":
      return runLookahead(getFunction(exports, input.exportName), data as LookaheadCaseData);
    case "calls": {
      const fn = getFunction(exports, input.exportName);
      const results: PlainValue[] = [];
      const generators = new Map<string, () => number>();
      for (const args of (data as CallsCaseData).calls) {
        results.push(toPlain(await settle(fn(...args.map((a) => decodeArg(a, generators))))));
      }
      return results;
    }
    case "constants":
      return toPlain(await settle(getFunction(exports, input.exportName)()));
  }
}
