import type { Vec } from "../core/vector";
import { KERNEL_SIGNATURES, kernelFunctions, kernelMode, makeResident, runKernel, wantsKernel, type Resident } from "../kernels/runtime";
import { kernelPlan } from "./kernel-plans";
import type { Optimizer, OptimizerState } from "./optimizer";
import { beginStep, type StateMaker } from "./state";

/**
 * The one hook between an optimizer and its WebAssembly kernel. Each optimizer file builds its
 * readable JavaScript `step` (the reference the lessons show) and returns
 * `withKernel(optimizer, maker)`; this wraps `init` and `step`:
 *
 * - `init(params)` makes the JS state, then, for a large enough Float32Array/Float64Array (see
 *   src/kernels/runtime.ts: MIN_KERNEL_LENGTH, `setKernels`, DESCENT_KERNELS), moves its buffers
 *   into WebAssembly memory: `state.slots.m` is then a view on that memory, same type and length.
 * - `step` runs the kernel when the state is resident, kernels are on, params and grad are typed
 *   arrays of the state's type and the slots are still the views `init` made; otherwise it runs
 *   the JavaScript loop (which works on the views too). Both compute the same bits
 *   (test/kernels/optimizers.test.ts).
 */
const residents = new WeakMap<OptimizerState, Resident>();

/** The WebAssembly home of `state`, if it has one (for tests and benchmarks). */
export function residentOf(state: OptimizerState): Resident | undefined {
  return residents.get(state);
}

const hasShared = typeof SharedArrayBuffer === "function";

/**
 * A typed array of the state's type on an ordinary buffer. Parameters in a SharedArrayBuffer
 * (Hogwild!'s threads) stay on the JS loop: copying them in and out would hold each update for a
 * whole step and overwrite what other threads wrote meanwhile.
 */
/**
 * The parameter and gradient arrays of a state's WebAssembly memory, or undefined when the state
 * steps in JavaScript. Stepping with exactly these arrays (`opt.step(x.params, x.grad, state)`)
 * skips copying them in and out: hold the parameters here, write gradients here. They start at 0;
 * copy the starting parameters in with `params.set(...)`.
 */
export function residentArrays(state: OptimizerState): { readonly params: Vec; readonly grad: Vec } | undefined {
  const res = residents.get(state);
  return res === undefined ? undefined : { params: res.params, grad: res.grad };
}

function sameType(res: Resident, v: Vec): boolean {
  const typed = res.float === "float32" ? v instanceof Float32Array : v instanceof Float64Array;
  return typed && !(hasShared && v.buffer instanceof SharedArrayBuffer);
}

function stillResident(state: OptimizerState, res: Resident): boolean {
  const slots = state.slots;
  for (let i = 0; i < res.slotNames.length; i++) {
    const name = res.slotNames[i];
    if (slots[name] !== res.slots[name]) return false; // replaced by the user: run JS on what is there
  }
  return true;
}

export function withKernel(optimizer: Optimizer, maker: StateMaker): Optimizer {
  const plan = kernelPlan(optimizer.name, optimizer.convention, optimizer.hyper, maker.key);
  if (plan === null) return optimizer;
  const sig = KERNEL_SIGNATURES[plan.kernel];
  const scalars = new Float64Array(sig.scalars.length);
  const flags = new Int32Array(Math.max(1, sig.flags.length));
  const args: number[] = [];
  const fns = kernelFunctions(plan.kernel);
  const jsInit = optimizer.init;
  const jsStep = optimizer.step;
  const defaultLr = optimizer.lr;

  const init = (params: Vec): OptimizerState => {
    const state = jsInit(params);
    if (state.owner !== undefined && wantsKernel(params.length)) {
      const res = makeResident(state.owner.float, params.length, state.slots);
      if (res !== null) residents.set(state, res);
    }
    return state;
  };

  const step = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const res = typeof state === "object" && state !== null ? residents.get(state) : undefined;
    if (res === undefined || kernelMode() === "js" || !sameType(res, params) || !sameType(res, grad) || !stillResident(state, res)) {
      jsStep(params, grad, state, lr);
      return;
    }
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const t = ++state.t;
    plan.fill(scalars, flags, eta, t, state);
    runKernel(res, fns, params, grad, scalars, flags, args);
  };

  return { ...optimizer, init, step };
}
