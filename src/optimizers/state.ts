import { DescentInputError, show } from "../core/errors";
import type { FloatKind, Vec } from "../core/vector";
import type { Convention, OptimizerName, OptimizerState, StateOwner } from "./optimizer";

/**
 * Who made an optimizer state, and the O(1) guard every `step` runs before touching it.
 *
 * WHY: a state is a plain object of buffers, so without a mark Adam stepping an SGD state read
 * `slots.m` as undefined (a TypeError deep in the loop), and Momentum stepping an Adam state
 * silently used Adam's `v` as its velocity. `init` now stamps the state with its maker (the
 * optimizer's name, convention and buffer layout) and the parameters' length and float type;
 * `step` compares them with a few scalar tests, never per element.
 *
 * Two optimizers may share a state exactly when their `key` is equal: same name, convention and
 * buffers (adam with and without amsgrad differ; two adam instances with different lr do not).
 */

/** What an optimizer stamps on the states it makes. */
export interface StateMaker {
  readonly name: OptimizerName;
  readonly convention: Convention;
  /** name/convention/buffer layout, e.g. "adam/seed/m,v". */
  readonly key: string;
}

/**
 * The maker of states with these buffers and scalars; `variant` tells apart rules that keep the
 * same buffers with another meaning (seed SGD's velocity for Momentum and for NAG's look-ahead).
 */
export function stateMaker(
  name: OptimizerName,
  convention: Convention,
  slots: readonly string[],
  scalars: readonly string[] = [],
  variant = "",
): StateMaker {
  const layout = [...slots, ...scalars].join(",") || "none";
  const key = `${name}/${convention}/${layout}${variant ? `+${variant}` : ""}`;
  return Object.freeze({ name, convention, key });
}

function floatKind(v: unknown): FloatKind | null {
  return v instanceof Float64Array ? "float64" : v instanceof Float32Array ? "float32" : null;
}

/** A fresh state stamped with `maker` for parameters shaped like `params`. */
export function newState(maker: StateMaker, params: Vec, slots: Record<string, Vec>, scalars: Record<string, number> = {}): OptimizerState {
  const float = floatKind(params);
  if (float === null) {
    throw new DescentInputError(`${maker.name}.init: params must be a Float64Array or Float32Array, got ${describe(params)}`);
  }
  const owner: StateOwner = Object.freeze({ optimizer: maker.name, convention: maker.convention, key: maker.key, length: params.length, float });
  return { t: 0, slots, scalars, owner };
}

function describe(v: unknown): string {
  if (v === null || typeof v !== "object") return show(v);
  const ctor = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof ctor === "string" ? `a ${ctor}` : "an object";
}

/**
 * The guard at the top of every `step`: the state was made by an optimizer of this kind for
 * parameters of this length and float type, `grad` has the same length, and the per-step `lr`
 * (a schedule's) is a finite number >= 0. Returns the learning rate to use (`defaultLr` when
 * `lr` is undefined). Constant cost: a handful of comparisons per step.
 *
 * lr = 0 is allowed: schedules reach it (a warm-up from 0, a cosine floor of 0) and it is a
 * valid, if idle, step. A negative lr would ascend, NaN would poison every parameter.
 */
export function beginStep(maker: StateMaker, params: Vec, grad: Vec, state: OptimizerState, lr: number | undefined, defaultLr: number): number {
  const owner = state !== null && typeof state === "object" ? state.owner : undefined;
  if (owner === undefined || owner === null || owner.key !== maker.key) foreignState(maker, state);
  const float = floatKind(params);
  if (float !== owner.float || params.length !== owner.length) {
    throw new DescentInputError(
      `${maker.name}: this state was made for ${owner.length} ${owner.float} parameters but params is ` +
        `${float === null ? describe(params) : `${params.length} ${float}`}; call init(params) for a fresh state`,
    );
  }
  if (grad === null || typeof grad !== "object" || grad.length !== params.length) {
    const got = grad !== null && typeof grad === "object" ? `length ${grad.length}` : show(grad);
    throw new DescentInputError(`${maker.name}: grad must have the length of params (${params.length}), got ${got}`);
  }
  if (lr === undefined) return defaultLr;
  // typeof first: "0.1" >= 0 is true in JavaScript. One comparison chain, no loop.
  if (typeof lr !== "number" || !(lr >= 0) || lr === Infinity) {
    throw new RangeError(`${maker.name}: lr for step ${state.t + 1} must be a finite number >= 0, got ${show(lr)}`);
  }
  return lr;
}

function foreignState(maker: StateMaker, state: unknown): never {
  const self = `${maker.name} (${maker.convention} convention)`;
  const fix = `call ${maker.name}'s init(params) for a fresh state`;
  if (state === null || typeof state !== "object") {
    throw new DescentInputError(`${self}: state must be the object init(params) returned, got ${show(state)}; ${fix}`);
  }
  const owner = (state as OptimizerState).owner;
  if (owner === undefined || owner === null) {
    throw new DescentInputError(`${self}: this state was not made by an optimizer's init (it has no owner); ${fix}`);
  }
  const theirs = owner.key.split("/")[2];
  throw new DescentInputError(
    `${self} cannot use a state made by ${owner.optimizer} (${owner.convention} convention, buffers: ${theirs}); ` +
      `its buffers mean something else here; ${fix}`,
  );
}
