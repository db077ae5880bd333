import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from "./optimizer";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";
import {
  hyperRecord,
  need,
  refuse,
  resolveOptions,
  type ConventionSpecs,
  type HyperValue,
} from "./options";
import { buildTorchSgd, TORCH_SGD_DEFAULT_LR } from "./torch-sgd";

/**
 * Nesterov accelerated gradient (Nesterov, 1983), as Ruder's overview writes it:
 *
 * $$\begin{aligned}v_t &= \gamma v_{t-1} + \eta \nabla_\theta J(\theta - \gamma v_{t-1}) \\ \theta &= \theta - v_t\end{aligned}$$
 *
 * `step` only receives the gradient at the parameters it is given, so the parameters we store
 * are the look-ahead point $\phi = \theta - \gamma v$ (Sutskever et al., 2013). Substituting
 * $\theta_{t-1} = \phi_{t-1} + \gamma v_{t-1}$ and $\phi_t = \theta_t - \gamma v_t$:
 *
 * $$\begin{aligned}v_t &= \gamma v_{t-1} + \eta \nabla J(\phi_{t-1}) \\
 *   \phi_t &= \phi_{t-1} + \gamma v_{t-1} - v_t - \gamma v_t = \phi_{t-1} - \gamma v_t - \eta \nabla J(\phi_{t-1})\end{aligned}$$
 *
 * With $v_0 = 0$, $\phi_0 = \theta_0$; the trajectory reported is that of $\phi$ (where the
 * gradients are taken), which is what torch reports too.
 *
 * PyTorch convention: `torch.optim.SGD(momentum=mu, nesterov=True)` (dampening must be 0):
 *
 * $$b_t = \mu b_{t-1} + g_t,\qquad \theta_t = \theta_{t-1} - \eta (g_t + \mu b_t),$$
 *
 * which equals the form above for a constant $\eta$ ($v_t = \eta b_t$). Default lr: 0.01 (seed),
 * 0.001 (pytorch: torch's SGD default since 2.2).
 */
export const NESTEROV_SPEC: ConventionSpecs = {
  seed: {
    summary: "Nesterov accelerated gradient (Ruder), stored at the look-ahead point",
    accepts: ["convention", "lr", "momentum", "weightDecay"],
    defaults: { lr: 0.01, momentum: 0.9, weightDecay: 0 },
    refuses: { dampening: "Nesterov momentum takes no dampening" },
  },
  pytorch: {
    summary: "torch.optim.SGD with nesterov=True",
    accepts: ["convention", "lr", "momentum", "weightDecay"],
    defaults: { lr: TORCH_SGD_DEFAULT_LR, momentum: 0.9, weightDecay: 0 },
    refuses: { dampening: "torch requires zero dampening for Nesterov momentum" },
  },
};

/** The seed's NAG in look-ahead form as an optimizer named `name` (also seed-convention `sgd`). */
export function buildSeedNesterov(
  name: OptimizerName,
  hyper: Readonly<Record<string, HyperValue>>,
  lr: number,
  gamma: number,
  weightDecay: number,
): Optimizer {
  const defaultLr = lr;
  // "nag": seed SGD keeps the same buffer v for Momentum and for NAG, with another meaning.
  const maker = stateMaker(name, "seed", ["v"], [], "nag");
  const init = (params: Vec): OptimizerState => newState(maker, params, { v: zerosLike(params) });
  const step = (params: Vec, grad: Vec, state: OptimizerState, lrNow?: number): void => {
    const eta = beginStep(maker, params, grad, state, lrNow, defaultLr);
    const v = state.slots.v;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i]; // gradient at the look-ahead point phi
      v[i] = gamma * v[i] + eta * g;
      params[i] = params[i] - gamma * v[i] - eta * g;
    }
  };
  return withKernel({ name, convention: "seed", hyper, lr: defaultLr, init, step }, maker);
}

export function nesterov(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("nesterov", options, NESTEROV_SPEC);
  const hyper = hyperRecord(r);
  const mu = need(r, "momentum");
  if (r.convention === "seed") {
    return buildSeedNesterov("nesterov", hyper, need(r, "lr"), mu, need(r, "weightDecay"));
  }
  if (mu === 0) refuse("nesterov", "pytorch", "momentum must be > 0 for Nesterov momentum (torch rejects it), got 0");
  return buildTorchSgd("nesterov", hyper, {
    lr: need(r, "lr"),
    momentum: mu,
    dampening: 0,
    nesterov: true,
    weightDecay: need(r, "weightDecay"),
  });
}
