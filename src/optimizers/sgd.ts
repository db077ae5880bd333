import type { Vec } from "../core/vector";
import { buildSeedMomentum } from "./momentum";
import { buildSeedNesterov } from "./nesterov";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, refuse, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";
import { buildTorchSgd, TORCH_SGD_DEFAULT_LR } from "./torch-sgd";

/**
 * (Stochastic) gradient descent, the seed's basic update:
 *
 * $$\theta = \theta - \eta \cdot \nabla_\theta J(\theta)$$
 *
 * Seed convention: with `momentum` > 0 it is the seed's Momentum, eq. (1), and with
 * `nesterov: true` Ruder's NAG (see momentum.ts and nesterov.ts); `dampening` must be 0.
 *
 * PyTorch convention: exactly `torch.optim.SGD` (see torch-sgd.ts):
 * $b_1 = g_1$, $b_t = \mu b_{t-1} + (1-\tau) g_t$, $\theta_t = \theta_{t-1} - \eta\,(g_t + \mu b_t \text{ if nesterov else } b_t)$.
 * Default lr: 0.01 in the seed convention; 0.001 in the pytorch one, torch's default since 2.2
 * (`SGD(params, lr=1e-3, ...)`, pytorch/pytorch#114467; 1.13 to 2.1 required lr). Weight decay (L2) adds $\lambda\theta$ to $g$ first.
 */
const ACCEPTS = ["convention", "lr", "momentum", "dampening", "nesterov", "weightDecay"] as const;
const DEFAULTS = { lr: 0.01, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 } as const;

export const SGD_SPEC: ConventionSpecs = {
  seed: { summary: "Gradient descent: theta -= lr g (momentum > 0: eq. (1); nesterov: NAG)", accepts: ACCEPTS, defaults: DEFAULTS },
  pytorch: {
    summary: "torch.optim.SGD (momentum, dampening, nesterov, weight decay)",
    accepts: ACCEPTS,
    defaults: { ...DEFAULTS, lr: TORCH_SGD_DEFAULT_LR },
  },
};

export function sgd(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("sgd", options, SGD_SPEC);
  const hyper = hyperRecord(r);
  const lr = need(r, "lr");
  const mu = need(r, "momentum");
  const dampening = need(r, "dampening");
  const useNesterov = need(r, "nesterov");
  const weightDecay = need(r, "weightDecay");
  if (useNesterov && (mu === 0 || dampening !== 0)) {
    refuse("sgd", r.convention, `nesterov needs momentum > 0 and dampening 0, got momentum ${mu}, dampening ${dampening}`);
  }
  if (r.convention === "pytorch") {
    return buildTorchSgd("sgd", hyper, { lr, momentum: mu, dampening, nesterov: useNesterov, weightDecay });
  }
  if (dampening !== 0) {
    refuse("sgd", "seed", `dampening is not used by the seed's equations (must be 0; use convention "pytorch"), got ${dampening}`);
  }
  if (useNesterov) return buildSeedNesterov("sgd", hyper, lr, mu, weightDecay);
  if (mu > 0) return buildSeedMomentum("sgd", hyper, lr, mu, weightDecay);

  const maker = stateMaker("sgd", "seed", []);
  const init = (params: Vec): OptimizerState => newState(maker, params, {});
  const step = (params: Vec, grad: Vec, state: OptimizerState, lrNow?: number): void => {
    const eta = beginStep(maker, params, grad, state, lrNow, lr);
    state.t++;
    for (let i = 0; i < params.length; i++) params[i] = params[i] - eta * (grad[i] + weightDecay * params[i]);
  };
  return withKernel({ name: "sgd", convention: "seed", hyper, lr, init, step }, maker);
}
