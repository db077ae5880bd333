import { DescentInputError } from "../core/errors";
import type { Vec } from "../core/vector";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";

/** A copy of a state (buffers copied, not shared), stamped like the original. */
export function copyState(state: OptimizerState): OptimizerState {
  if (state === null || typeof state !== "object" || typeof state.slots !== "object" || state.slots === null) {
    throw new DescentInputError("copyState: expected an optimizer state made by init()");
  }
  const slots: Record<string, Vec> = {};
  for (const [name, buffer] of Object.entries(state.slots)) slots[name] = buffer.slice();
  return { t: state.t, slots, scalars: { ...state.scalars }, owner: state.owner };
}

/**
 * What one step of `optimizer` would do from (params, state) with this gradient, WITHOUT doing it:
 * returns the new parameters; `params` and `state` are untouched. For lessons that ask "what
 * does this term contribute?": step two optimizers that share a state (e.g. Adam with and
 * without weight decay) from copies of the same point and compare:
 *
 * $$\Delta_i = \mathrm{step}_{\lambda}(\theta)_i - \mathrm{step}_{0}(\theta)_i .$$
 *
 * The step is the optimizer's own (any optimizer, either convention); only the copying is here.
 */
export function trialStep(optimizer: Optimizer, params: Vec, grad: Vec, state: OptimizerState, lr?: number): Vec {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
    throw new DescentInputError("trialStep: expected an optimizer from src/optimizers (with init and step)");
  }
  const next = params.slice();
  optimizer.step(next, grad, copyState(state), lr);
  return next;
}
