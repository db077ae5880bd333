import type { Vec } from "../core/vector";
import { positive } from "../core/validate";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";

/**
 * theta <- theta - eta g, as an `Optimizer`: the default parameter-server rule of the Downpour
 * simulator, defined here so src/parallel depends only on the Optimizer interface (any optimizer
 * from src/optimizers, e.g. Adagrad as in Dean et al., can be passed instead).
 * $$ \theta_{t+1} = \theta_t - \eta\, g_t $$
 */
export function plainSgd(lr: number): Optimizer {
  const eta = positive("lr", lr);
  return {
    name: "sgd",
    convention: "seed",
    hyper: { lr: eta },
    lr: eta,
    init: (): OptimizerState => ({ t: 0, slots: {}, scalars: {} }),
    step(params: Vec, grad: Vec, state: OptimizerState, stepLr?: number): void {
      const a = stepLr ?? eta;
      state.t++;
      for (let j = 0; j < params.length; j++) params[j] -= a * grad[j];
    },
  };
}
