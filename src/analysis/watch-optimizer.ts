import { DescentInputError } from "../core/errors";
import type { Vec } from "../core/vector";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";

/** What `watchOptimizer` reports after each update. */
export interface StepView {
  /** The step counter after the update (1 for the first update). */
  readonly t: number;
  /** The parameters after the update (the optimizer's own array: copy what you keep). */
  readonly params: Vec;
  /** The gradient the update used. */
  readonly grad: Vec;
  /** The optimizer's state after the update (its buffers: copy what you keep). */
  readonly state: OptimizerState;
  /** The learning rate passed to this step (undefined: the optimizer's default was used). */
  readonly lr: number | undefined;
}

/**
 * The same optimizer, with `onStep` called after every update. The loops of src/train
 * (`minimize`, `train`) keep the optimizer's state to themselves; a lesson that plots a buffer
 * over time (Adagrad's sum of squared gradients, Adadelta's two running averages, a momentum
 * velocity) wraps the optimizer instead of writing its own loop. The update itself is the
 * wrapped optimizer's, unchanged: states made by the wrapper are the inner optimizer's states.
 *
 *   const G: number[] = [];
 *   minimize(f, x0, watchOptimizer(adagrad({ lr: 0.5 }), (s) => G.push(s.state.slots.sum[0])), { steps: 100 });
 */
export function watchOptimizer(optimizer: Optimizer, onStep: (view: StepView) => void): Optimizer {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function" || typeof optimizer.init !== "function") {
    throw new DescentInputError("watchOptimizer: expected an optimizer from src/optimizers (with init and step)");
  }
  if (typeof onStep !== "function") {
    throw new DescentInputError(`watchOptimizer: onStep must be a function, got ${typeof onStep}`);
  }
  return {
    name: optimizer.name,
    convention: optimizer.convention,
    hyper: optimizer.hyper,
    lr: optimizer.lr,
    init: (params: Vec): OptimizerState => optimizer.init(params),
    step(params: Vec, grad: Vec, state: OptimizerState, lr?: number): void {
      optimizer.step(params, grad, state, lr);
      onStep({ t: state.t, params, grad, state, lr });
    },
  };
}
