import { DescentInputError, show } from "../core/errors";
import type { Vec } from "../core/vector";
import { assertOptionsObject, nonNegative } from "../core/validate";
import type { Optimizer, OptimizerState } from "./optimizer";

/**
 * Hypergradient descent on the learning rate (Baydin, Cornish, Martinez Rubio, Schmidt, Wood,
 * "Online Learning Rate Adaptation with Hypergradient Descent", ICLR 2018), wrapped around any
 * optimizer of the library.
 *
 * Write one update of the inner optimizer as theta_t = theta_{t-1} + alpha_t u_t, with u_t its
 * step direction per unit of learning rate (u_t = -g_t for plain SGD, -mhat/(sqrt(vhat) + eps)
 * for Adam). Since theta_{t-1} = theta_{t-2} + alpha u_{t-1}, the derivative of the loss with
 * respect to the learning rate used one step earlier is dJ(theta_{t-1})/d alpha = g_t . u_{t-1},
 * and one step of gradient descent on alpha with the hyper learning rate beta gives
 * $$ \alpha_t = \alpha_{t-1} - \beta\, g_t \cdot u_{t-1}, \qquad \theta_t = \theta_{t-1} + \alpha_t\, u_t , $$
 * which for plain SGD (u = -g) is the paper's SGD-HD,
 * $$ \alpha_t = \alpha_{t-1} + \beta\, g_t \cdot g_{t-1}, \qquad \theta_t = \theta_{t-1} - \alpha_t\, g_t . $$
 * Successive gradients that agree (positive dot product) mean the steps were too short: alpha
 * grows; gradients that flip sign mean overshooting: alpha shrinks. u_0 = 0, so alpha_1 = alpha_0.
 *
 * u_t is measured, not re-derived: u_t = (theta_t - theta_{t-1}) / alpha_t, the inner step that
 * really happened divided by its rate. That is exact for every rule whose step is linear in the
 * current rate (SGD, Adagrad, RMSprop, Adam, AdamW, AMSGrad, torch's momentum SGD), and the usual
 * approximation for the seed's Momentum and NAG, whose velocity also carries earlier rates. The
 * rate is kept >= 0 (alpha_t = max(0, ...)): a negative rate would climb the loss, and the
 * library's optimizers refuse one. At alpha_t = 0 the step is empty and u keeps its last value.
 *
 * Explicit state: the inner optimizer's state (same object, so its buffers stay where its `step`
 * looks for them) plus `slots.hdDirection` (u_{t-1}), `slots.hdPrevious` (theta before the step)
 * and `scalars.hdAlpha` (alpha_t after the last step; alpha_0 after init) and `scalars.hdDot`
 * (the last g_t . u_{t-1}). `lrOf(state)` reads the current rate. Nothing is allocated per step.
 *
 * A per-step `lr` (a schedule's) is refused: the wrapper learns the rate, a schedule would
 * override it.
 */
export interface HypergradientOptions {
  /** beta >= 0, the learning rate of the learning rate (0 = the inner optimizer unchanged). */
  hyperLr: number;
  /** Called after every step with the step number (from 1) and the rate alpha_t it used. */
  onStep?: (t: number, alpha: number) => void;
}

export interface HypergradientOptimizer extends Optimizer {
  /** The optimizer whose rate is learned. */
  readonly inner: Optimizer;
  readonly hyperLr: number;
  /** The current learning rate alpha_t held in `state` (alpha_0 before the first step). */
  lrOf(state: OptimizerState): number;
}

export function hypergradient(inner: Optimizer, options: HypergradientOptions): HypergradientOptimizer {
  if (inner === null || typeof inner !== "object" || typeof inner.init !== "function" || typeof inner.step !== "function") {
    throw new DescentInputError(`hypergradient: inner must be an optimizer (an object with init() and step()), got ${show(inner)}`);
  }
  assertOptionsObject("hypergradient", options, "hyperLr (beta >= 0)");
  const beta = nonNegative("hyperLr", options.hyperLr);
  const alpha0 = inner.lr;
  if (!(alpha0 > 0) || !Number.isFinite(alpha0)) {
    throw new RangeError(`hypergradient: the inner optimizer's lr must be a finite number > 0 (alpha_0), got ${show(alpha0)} from ${inner.name}`);
  }
  const onStep = options.onStep;
  if (onStep !== undefined && typeof onStep !== "function") {
    throw new DescentInputError(`hypergradient: onStep must be a function, got ${show(onStep)}`);
  }

  const init = (params: Vec): OptimizerState => {
    const state = inner.init(params);
    const like = (): Vec => (params instanceof Float32Array ? new Float32Array(params.length) : new Float64Array(params.length));
    state.slots.hdDirection = like();
    state.slots.hdPrevious = like();
    state.scalars.hdAlpha = alpha0;
    state.scalars.hdDot = 0;
    return state;
  };

  const own = (state: OptimizerState): { u: Vec; prev: Vec } => {
    const slots = state !== null && typeof state === "object" ? state.slots : undefined;
    const u = slots?.hdDirection;
    const prev = slots?.hdPrevious;
    if (u === undefined || prev === undefined || typeof state.scalars?.hdAlpha !== "number") {
      throw new DescentInputError(
        `hypergradient(${inner.name}): this state has no learned rate (slots.hdDirection, scalars.hdAlpha); ` +
          `make it with the wrapper's init(params), not ${inner.name}'s`,
      );
    }
    return { u, prev };
  };

  const step = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    if (lr !== undefined) {
      throw new RangeError(`hypergradient(${inner.name}) learns its own learning rate: a per-step lr (a schedule's) is not accepted, got ${show(lr)}`);
    }
    const { u, prev } = own(state);
    if (grad === null || typeof grad !== "object" || grad.length !== u.length || params.length !== u.length) {
      throw new DescentInputError(`hypergradient(${inner.name}): params and grad must have the length of the state (${u.length})`);
    }
    // h_t = dJ(theta_{t-1}) / d alpha_{t-1} = g_t . u_{t-1}
    let dot = 0;
    for (let i = 0; i < u.length; i++) dot += grad[i] * u[i];
    const alpha = Math.max(0, state.scalars.hdAlpha - beta * dot);
    prev.set(params);
    inner.step(params, grad, state, alpha);
    if (alpha > 0) {
      const inv = 1 / alpha;
      for (let i = 0; i < u.length; i++) u[i] = (params[i] - prev[i]) * inv;
    }
    state.scalars.hdAlpha = alpha;
    state.scalars.hdDot = dot;
    if (onStep) onStep(state.t, alpha);
  };

  return {
    name: inner.name,
    convention: inner.convention,
    hyper: { ...inner.hyper, hyperLr: beta },
    lr: alpha0,
    inner,
    hyperLr: beta,
    lrOf: (state) => {
      own(state);
      return state.scalars.hdAlpha;
    },
    init,
    step,
  };
}
