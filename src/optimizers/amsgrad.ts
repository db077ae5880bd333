import { zerosLike, type Vec } from "../core/vector";
import { buildAdam } from "./adam";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, needPositiveEps, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * AMSGrad (Reddi et al., 2018), as Ruder's overview writes it: $m_t$ and $v_t$ as in Adam (13),
 * then the running maximum of $v_t$, and no bias correction:
 *
 * $$\begin{aligned}\hat{v}_t &= \max(\hat{v}_{t-1}, v_t) \\ \theta_{t+1} &= \theta_t - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon} m_t\end{aligned}$$
 *
 * PyTorch convention: `torch.optim.Adam(amsgrad=True)`, which keeps Adam's bias corrections:
 *
 * $$v^{\max}_t = \max(v^{\max}_{t-1}, v_t),\qquad \theta_t = \theta_{t-1} - \frac{\eta}{1-\beta_1^t}\,
 *   \frac{m_t}{\sqrt{v^{\max}_t}/\sqrt{1-\beta_2^t} + \epsilon}$$
 *
 * Weight decay (L2) adds $\lambda\theta$ to $g_t$ first in both. eps must be > 0: with eps = 0 a
 * coordinate whose gradients were all 0 has $m = \hat v = 0$ and its step is 0/0.
 */
const ACCEPTS = ["convention", "lr", "betas", "eps", "weightDecay"] as const;
const DEFAULTS = { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 } as const;

export const AMSGRAD_SPEC: ConventionSpecs = {
  seed: { summary: "AMSGrad (Ruder): Adam with the running max of v_t, no bias correction", accepts: ACCEPTS, defaults: DEFAULTS },
  pytorch: { summary: "torch.optim.Adam(amsgrad=True)", accepts: ACCEPTS, defaults: DEFAULTS },
};

export function amsgrad(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("amsgrad", options, AMSGRAD_SPEC);
  const hyper = hyperRecord(r);
  const defaultLr = need(r, "lr");
  const betas = need(r, "betas");
  const beta1 = betas[0];
  const beta2 = betas[1];
  const eps = needPositiveEps(r, "amsgrad", "a coordinate whose gradients were all 0 would take a 0/0 step");
  const weightDecay = need(r, "weightDecay");
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  if (r.convention === "pytorch") {
    return buildAdam("amsgrad", "pytorch", hyper, { lr: defaultLr, beta1, beta2, eps, weightDecay, amsgrad: true, decoupled: false });
  }

  const maker = stateMaker("amsgrad", "seed", ["m", "v", "vmax"]);
  const init = (params: Vec): OptimizerState =>
    newState(maker, params, { m: zerosLike(params), v: zerosLike(params), vmax: zerosLike(params) });
  const step = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const v = state.slots.v;
    const vmax = state.slots.vmax;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i];
      m[i] = beta1 * m[i] + oneMinusBeta1 * g;
      v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;
      if (v[i] > vmax[i]) vmax[i] = v[i];
      // Product first, so a zero gradient gives 0 / tiny eps = 0, never Infinity * 0 (see adam.ts).
      params[i] = params[i] - (eta * m[i]) / (Math.sqrt(vmax[i]) + eps);
    }
  };
  return withKernel({ name: "amsgrad", convention: "seed", hyper, lr: defaultLr, init, step }, maker);
}
