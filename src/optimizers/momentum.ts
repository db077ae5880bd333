import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, resolveOptions, type ConventionSpecs, type HyperValue } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";
import { buildTorchSgd, TORCH_SGD_DEFAULT_LR } from "./torch-sgd";

/**
 * Momentum (Qian, 1999), seed equation (1), with $\gamma$ = `momentum` and $\eta$ = `lr`:
 *
 * $$\begin{aligned}v_t &= \gamma v_{t-1} + \eta \nabla_{\theta} J(\theta) \\ \theta &= \theta - v_t\end{aligned}\tag{1}$$
 *
 * PyTorch convention: `torch.optim.SGD(momentum=mu, dampening=tau)` (see torch-sgd.ts),
 *
 * $$b_1 = g_1,\quad b_t = \mu b_{t-1} + (1-\tau) g_t,\quad \theta_t = \theta_{t-1} - \eta b_t .$$
 *
 * With a constant $\eta$ and $\tau = 0$ the two coincide: $v_t = \eta b_t$ by induction
 * ($v_1 = \eta g_1 = \eta b_1$). They differ when $\eta$ changes (a schedule): eq. (1) keeps
 * past steps at the learning rate they were taken with, torch rescales the whole buffer.
 * Weight decay (L2) adds $\lambda\theta$ to the gradient first in both. Default lr: 0.01 (seed),
 * 0.001 (pytorch: torch's SGD default since 2.2).
 */
export const MOMENTUM_SPEC: ConventionSpecs = {
  seed: {
    summary: "Momentum, eq. (1): v = gamma v + lr g; theta -= v",
    accepts: ["convention", "lr", "momentum", "weightDecay"],
    defaults: { lr: 0.01, momentum: 0.9, weightDecay: 0 },
    refuses: { dampening: 'eq. (1) has no dampening; use convention "pytorch"' },
  },
  pytorch: {
    summary: "torch.optim.SGD with momentum (buffer of gradients, lr applied outside)",
    accepts: ["convention", "lr", "momentum", "dampening", "weightDecay"],
    defaults: { lr: TORCH_SGD_DEFAULT_LR, momentum: 0.9, dampening: 0, weightDecay: 0 },
  },
};

/** The seed's eq. (1) as an optimizer named `name` (also used by seed-convention `sgd`). */
export function buildSeedMomentum(
  name: OptimizerName,
  hyper: Readonly<Record<string, HyperValue>>,
  lr: number,
  gamma: number,
  weightDecay: number,
): Optimizer {
  const defaultLr = lr;
  const maker = stateMaker(name, "seed", ["v"]);
  const init = (params: Vec): OptimizerState => newState(maker, params, { v: zerosLike(params) });
  const step = (params: Vec, grad: Vec, state: OptimizerState, lrNow?: number): void => {
    const eta = beginStep(maker, params, grad, state, lrNow, defaultLr);
    const v = state.slots.v;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i];
      v[i] = gamma * v[i] + eta * g; // (1)
      params[i] = params[i] - v[i]; // (1)
    }
  };
  return withKernel({ name, convention: "seed", hyper, lr: defaultLr, init, step }, maker);
}

export function momentum(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("momentum", options, MOMENTUM_SPEC);
  const hyper = hyperRecord(r);
  if (r.convention === "seed") {
    return buildSeedMomentum("momentum", hyper, need(r, "lr"), need(r, "momentum"), need(r, "weightDecay"));
  }
  return buildTorchSgd("momentum", hyper, {
    lr: need(r, "lr"),
    momentum: need(r, "momentum"),
    dampening: need(r, "dampening"),
    nesterov: false,
    weightDecay: need(r, "weightDecay"),
  });
}
