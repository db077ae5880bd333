import { DescentInputError, show } from "../core/errors";
import * as check from "../core/validate";
import { adadelta, ADADELTA_SPEC } from "./adadelta";
import { adagrad, ADAGRAD_SPEC } from "./adagrad";
import { adam, ADAM_SPEC } from "./adam";
import { adamax, ADAMAX_SPEC } from "./adamax";
import { adamw, ADAMW_SPEC } from "./adamw";
import { amsgrad, AMSGRAD_SPEC } from "./amsgrad";
import { momentum, MOMENTUM_SPEC } from "./momentum";
import { nadam, NADAM_SPEC } from "./nadam";
import { nesterov, NESTEROV_SPEC } from "./nesterov";
import { CONVENTIONS, type Convention, type Optimizer, type OptimizerName, type OptimizerOptions } from "./optimizer";
import type { ConventionSpecs, HyperValue, OptionKey } from "./options";
import { rmsprop, RMSPROP_SPEC } from "./rmsprop";
import { sgd, SGD_SPEC } from "./sgd";

/** The optimizer registry: names, factories and what each takes, for the CLI, lessons and grader. */

export { adadelta, adagrad, adam, adamax, adamw, amsgrad, momentum, nadam, nesterov, rmsprop, sgd };
export type { Convention, Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from "./optimizer";
export { CONVENTIONS } from "./optimizer";
export { hypergradient, type HypergradientOptimizer, type HypergradientOptions } from "./hypergradient";
// WebAssembly kernels: the switch (setKernels("js") shows the readable loops at work) and the
// state's own params/grad arrays for code that wants no copies.
export { kernelMode, kernelsAvailable, MIN_KERNEL_LENGTH, setKernels, type KernelMode } from "../kernels/runtime";
export { residentArrays } from "./kernel-step";

interface Entry {
  readonly make: (options?: OptimizerOptions) => Optimizer;
  readonly specs: ConventionSpecs;
}

// Order = the order of the overview (and of `descent list`).
const REGISTRY: Readonly<Record<OptimizerName, Entry>> = {
  sgd: { make: sgd, specs: SGD_SPEC },
  momentum: { make: momentum, specs: MOMENTUM_SPEC },
  nesterov: { make: nesterov, specs: NESTEROV_SPEC },
  adagrad: { make: adagrad, specs: ADAGRAD_SPEC },
  adadelta: { make: adadelta, specs: ADADELTA_SPEC },
  rmsprop: { make: rmsprop, specs: RMSPROP_SPEC },
  adam: { make: adam, specs: ADAM_SPEC },
  adamax: { make: adamax, specs: ADAMAX_SPEC },
  nadam: { make: nadam, specs: NADAM_SPEC },
  amsgrad: { make: amsgrad, specs: AMSGRAD_SPEC },
  adamw: { make: adamw, specs: ADAMW_SPEC },
};

export const OPTIMIZER_NAMES: readonly OptimizerName[] = Object.freeze(Object.keys(REGISTRY) as OptimizerName[]);

/** True when `name` is one of OPTIMIZER_NAMES. */
export function isOptimizerName(name: unknown): name is OptimizerName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(REGISTRY, name);
}

function entry(name: unknown): Entry {
  if (!isOptimizerName(name)) {
    throw new DescentInputError(`unknown optimizer ${show(name)}; expected one of ${OPTIMIZER_NAMES.join(", ")}`);
  }
  return REGISTRY[name];
}

/** Makes an optimizer by name, e.g. `createOptimizer("adam", { lr: 0.01 })`. */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Optimizer {
  return entry(name).make(options);
}

export interface OptimizerInfo {
  readonly name: OptimizerName;
  readonly summary: string;
  /** Every option it takes under this convention, `convention` included. */
  readonly accepts: readonly OptionKey[];
  readonly defaults: Readonly<Record<string, HyperValue>>;
  /** Why some options are refused (e.g. seed Adadelta's lr), for messages that teach. */
  readonly refuses: Readonly<Partial<Record<OptionKey, string>>>;
}

/** What `name` takes and its defaults under `convention` (for `descent list` and the CLI). */
export function optimizerInfo(name: OptimizerName, convention: Convention): OptimizerInfo {
  const spec = entry(name).specs[check.oneOf("convention", convention, CONVENTIONS)];
  return { name, summary: spec.summary, accepts: spec.accepts, defaults: spec.defaults, refuses: spec.refuses ?? {} };
}
