import type { FloatKind, Vec } from "../core/vector";

/**
 * Which equations an optimizer follows.
 * - `"seed"` (default): the course's equations, as Ruder's overview writes them
 *   (e.g. RMSprop and Adagrad with epsilon inside the square root, Adadelta with no learning rate).
 * - `"pytorch"`: exactly what `torch.optim` (PyTorch 2.x) computes, so results match torch to 1e-10.
 * The differences are tabulated in docs/conventions.md.
 */
export type Convention = "seed" | "pytorch";
export const CONVENTIONS: readonly Convention[] = ["seed", "pytorch"];

/** The names `createOptimizer` and the CLI accept. */
export type OptimizerName =
  | "sgd"
  | "momentum"
  | "nesterov"
  | "adagrad"
  | "adadelta"
  | "rmsprop"
  | "adam"
  | "adamax"
  | "nadam"
  | "amsgrad"
  | "adamw";

/**
 * An optimizer's explicit state: the step counter and its named buffers (same length and element
 * type as the parameters). Nothing is hidden in closures, so a lesson can plot `slots.v` (the
 * velocity) or `slots.v` of Adam next to the trajectory, and a grader can compare states.
 */
export interface OptimizerState {
  /** Number of steps taken so far (0 after `init`; `step` increments it first, as torch does). */
  t: number;
  /** Named buffers, e.g. `{ m, v }` for Adam, `{ v }` for momentum. */
  readonly slots: Record<string, Vec>;
  /** Scalars some optimizers carry between steps (NAdam's running product of mu). */
  readonly scalars: Record<string, number>;
  /**
   * Who made this state (set by the library's `init`; optional so that a hand-written optimizer
   * can keep its own states). A library optimizer's `step` refuses a state whose owner is
   * missing or has another key, length or float type, with a message naming both optimizers.
   */
  readonly owner?: StateOwner;
}

/** The maker of a state and what it was made for (see src/optimizers/state.ts). */
export interface StateOwner {
  readonly optimizer: OptimizerName;
  readonly convention: Convention;
  /** "name/convention/buffers": two optimizers may share a state exactly when their keys are equal. */
  readonly key: string;
  readonly length: number;
  readonly float: FloatKind;
}

/**
 * An optimizer: hyperparameters fixed and validated when it is made, state made by `init`,
 * and a `step` that updates the parameters in place without allocating.
 *
 * ```ts
 * const opt = adam({ lr: 0.01 });
 * const state = opt.init(theta);
 * for (let k = 0; k < 100; k++) { objective.valueAndGradient(theta, grad); opt.step(theta, grad, state); }
 * ```
 */
export interface Optimizer {
  readonly name: OptimizerName;
  readonly convention: Convention;
  /** The resolved hyperparameters (defaults filled in), under PyTorch's names in camelCase. */
  readonly hyper: Readonly<Record<string, number | boolean | readonly number[]>>;
  /** The learning rate used when `step` is called without one (NaN for seed-convention Adadelta, which has none). */
  readonly lr: number;
  /** Fresh state for parameters shaped like `params` (buffers of the same length and float type). */
  init(params: Vec): OptimizerState;
  /**
   * One update, in place: reads `grad` (= the gradient at `params`), writes `params` and `state`.
   * `lr` overrides the learning rate for this step (a schedule's value); `grad` is not modified.
   * Throws (before changing anything) when `state` was made by another kind of optimizer or for
   * other parameters (DescentInputError), or when `lr` is not a finite number >= 0 (RangeError
   * naming the step); these checks are O(1) per step.
   */
  step(params: Vec, grad: Vec, state: OptimizerState, lr?: number): void;
}

/**
 * Options every optimizer accepts. Hyperparameters use PyTorch's names in camelCase
 * (`weightDecay`, `lrDecay`, `initialAccumulatorValue`, `momentumDecay`), and each optimizer
 * documents which ones it reads; an option it does not know is rejected with a RangeError.
 */
export interface OptimizerOptions {
  convention?: Convention;
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  betas?: readonly [number, number];
  eps?: number;
  rho?: number;
  alpha?: number;
  centered?: boolean;
  amsgrad?: boolean;
  lrDecay?: number;
  initialAccumulatorValue?: number;
  momentumDecay?: number;
}
