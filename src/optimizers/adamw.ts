import { buildAdamFromOptions } from "./adam";
import type { Optimizer, OptimizerOptions } from "./optimizer";
import { resolveOptions, type ConventionSpecs } from "./options";

/**
 * AdamW (Loshchilov and Hutter, 2019): Adam (13)-(15) with weight decay decoupled from the
 * gradient, applied to the parameters before the Adam step (torch.optim.AdamW's order):
 *
 * $$\theta \leftarrow (1 - \eta\lambda)\,\theta,\qquad \theta_{t+1} = \theta - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon} \hat{m}_t$$
 *
 * where $m_t, v_t$ see only the loss gradient $g_t$ (not $\lambda\theta$). Both conventions use
 * this rule; the pytorch one evaluates the Adam part in torch's order (see adam.ts).
 * Default $\lambda$ = 0.01 (torch's). `amsgrad: true` uses $\max(v^{\max}_{t-1}, v_t)$ as in adam.ts.
 * eps must be > 0, as in adam.ts (eps = 0 turns a zero gradient into 0/0).
 */
const ACCEPTS = ["convention", "lr", "betas", "eps", "weightDecay", "amsgrad"] as const;
const DEFAULTS = { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, amsgrad: false } as const;

export const ADAMW_SPEC: ConventionSpecs = {
  seed: { summary: "AdamW: Adam with decoupled weight decay theta *= (1 - lr wd)", accepts: ACCEPTS, defaults: DEFAULTS },
  pytorch: { summary: "torch.optim.AdamW", accepts: ACCEPTS, defaults: DEFAULTS },
};

export function adamw(options: OptimizerOptions = {}): Optimizer {
  return buildAdamFromOptions("adamw", resolveOptions("adamw", options, ADAMW_SPEC), true);
}
