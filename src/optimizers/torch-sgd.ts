import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerName, OptimizerState } from "./optimizer";
import type { HyperValue } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * `torch.optim.SGD`, the PyTorch convention behind `sgd`, `momentum` and `nesterov`:
 *
 * $$g_t \leftarrow g_t + \lambda\theta_{t-1},\qquad
 *   b_t = \begin{cases} g_t & t = 1 \\ \mu b_{t-1} + (1-\tau) g_t & t > 1\end{cases},\qquad
 *   \theta_t = \theta_{t-1} - \eta \cdot \begin{cases} g_t + \mu b_t & \text{nesterov} \\ b_t & \text{otherwise}\end{cases}$$
 *
 * ($\mu$ = momentum, $\tau$ = dampening, $\lambda$ = weight decay.) With $\mu = 0$ there is no
 * buffer and the step is $\theta_t = \theta_{t-1} - \eta g_t$. The buffer holds gradients, not
 * steps: the learning rate multiplies it when it is applied, so a schedule changes past
 * contributions too (unlike the seed's eq. (1), where $\eta$ is inside $v_t$).
 */
/** torch's `SGD` default learning rate since 2.2 (`lr=1e-3`); 1.13 to 2.1 required lr to be given. */
export const TORCH_SGD_DEFAULT_LR = 0.001;

export interface TorchSgdParams {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

export function buildTorchSgd(
  name: OptimizerName,
  hyper: Readonly<Record<string, HyperValue>>,
  p: TorchSgdParams,
): Optimizer {
  const defaultLr = p.lr;
  const mu = p.momentum;
  const keep = 1 - p.dampening;
  const nesterov = p.nesterov;
  const weightDecay = p.weightDecay;

  const maker = stateMaker(name, "pytorch", mu === 0 ? [] : ["b"], [], nesterov ? "nesterov" : "");
  const init = (params: Vec): OptimizerState => newState(maker, params, mu === 0 ? {} : { b: zerosLike(params) });

  const plainStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const negLr = -beginStep(maker, params, grad, state, lr, defaultLr);
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const theta = params[i];
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * theta;
      params[i] = theta + negLr * g;
    }
  };

  const momentumStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const negLr = -beginStep(maker, params, grad, state, lr, defaultLr);
    const b = state.slots.b;
    const first = ++state.t === 1; // torch's "buffer is None": the first buffer is the gradient itself
    for (let i = 0; i < params.length; i++) {
      // Values are kept in locals and each array element is written once (re-reading a
      // Float32Array element just written costs a conversion; see bench/).
      const theta = params[i];
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * theta;
      const bi = first ? g : b[i] * mu + keep * g;
      b[i] = bi;
      const d = nesterov ? g + mu * bi : bi;
      params[i] = theta + negLr * d;
    }
  };

  return withKernel({
    name,
    convention: "pytorch",
    hyper,
    lr: defaultLr,
    init,
    step: mu === 0 ? plainStep : momentumStep,
  }, maker);
}
