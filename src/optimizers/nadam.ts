import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, needPositiveEps, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * Nadam (Dozat, 2016), Adam with Nesterov momentum, as Ruder's overview writes it (constant
 * $\beta_1$; $m_t, v_t, \hat m_t, \hat v_t$ as in (13)-(14)):
 *
 * $$\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon}\left(\beta_1 \hat{m}_t + \frac{(1 - \beta_1) g_t}{1 - \beta_1^t}\right)$$
 *
 * PyTorch convention (`torch.optim.NAdam`, PyTorch 2.x formula): a momentum schedule
 * $\mu_t = \beta_1 (1 - \tfrac12 \cdot 0.96^{t\psi})$ with $\psi$ = `momentumDecay` (0.004), its
 * running product $\Pi_t = \prod_{i \le t} \mu_i$ (kept in `state.scalars.muProduct`), and
 *
 * $$d_t = \sqrt{\frac{v_t}{1-\beta_2^t}} + \epsilon,\qquad
 *   \theta_t = \theta_{t-1} - \frac{\eta (1-\mu_t)}{1-\Pi_t} \frac{g_t}{d_t} - \frac{\eta\, \mu_{t+1}}{1 - \Pi_t \mu_{t+1}} \frac{m_t}{d_t}$$
 *
 * This is torch 2.x's `_single_tensor_nadam`. torch 1.13's single-tensor path used
 * $\Pi_t \mu_t \mu_{t+1}$ in the second denominator (a bug fixed in 2.0); its foreach path, which
 * our 1.13 fixtures were recorded with, already had the 2.x formula (it divides by
 * $\sqrt{1-\beta_2^t}$ after the root, equal up to rounding). test/optimizers/torch2.test.ts
 * replays the 2.x single-tensor formula independently. Weight decay (L2) adds $\lambda\theta$ to
 * $g_t$ first in both conventions. eps must be > 0 (torch accepts 0): with eps = 0 a coordinate
 * whose gradients were all 0 has $m = v = 0$ and its step is 0/0.
 */
export const NADAM_SPEC: ConventionSpecs = {
  seed: {
    summary: "Nadam (Ruder/Dozat): Adam with a Nesterov look-ahead on the first moment",
    accepts: ["convention", "lr", "betas", "eps", "weightDecay"],
    defaults: { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
  },
  pytorch: {
    summary: "torch.optim.NAdam (momentum decay schedule, PyTorch 2.x)",
    accepts: ["convention", "lr", "betas", "eps", "weightDecay", "momentumDecay"],
    defaults: { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 0.004 },
  },
};

export function nadam(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("nadam", options, NADAM_SPEC);
  const seed = r.convention === "seed";
  const defaultLr = need(r, "lr");
  const betas = need(r, "betas");
  const beta1 = betas[0];
  const beta2 = betas[1];
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  const eps = needPositiveEps(r, "nadam", "a coordinate whose gradients were all 0 would take a 0/0 step");
  const weightDecay = need(r, "weightDecay");
  const psi = seed ? 0 : need(r, "momentumDecay");

  const maker = stateMaker("nadam", r.convention, ["m", "v"], seed ? [] : ["muProduct"]);
  const init = (params: Vec): OptimizerState =>
    newState(maker, params, { m: zerosLike(params), v: zerosLike(params) }, seed ? {} : { muProduct: 1 });

  const seedStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const v = state.slots.v;
    const t = ++state.t;
    const bc1 = 1 - Math.pow(beta1, t);
    const bc2 = 1 - Math.pow(beta2, t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i];
      m[i] = beta1 * m[i] + oneMinusBeta1 * g;
      v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;
      const denom = Math.sqrt(v[i] / bc2) + eps;
      // lookAhead / denom = (beta1 m + (1 - beta1) g) / (bc1 denom), each term divided by denom
      // first: with |g| near 1e308, beta1 m / bc1 alone overflows (Infinity / Infinity = NaN),
      // while each ratio is at most about 1 / sqrt(1 - beta2). A zero gradient gives 0 / eps = 0.
      const lookAheadOverDenom = (beta1 * (m[i] / denom) + oneMinusBeta1 * (g / denom)) / bc1;
      params[i] = params[i] - eta * lookAheadOverDenom;
    }
  };

  const torchStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const v = state.slots.v;
    const t = ++state.t;
    const bc2 = 1 - Math.pow(beta2, t);
    const mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * psi));
    const muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
    const muProduct = state.scalars.muProduct * mu;
    state.scalars.muProduct = muProduct;
    const negGradStep = -((eta * (1 - mu)) / (1 - muProduct));
    const negMomentStep = -((eta * muNext) / (1 - muProduct * muNext));
    for (let i = 0; i < params.length; i++) {
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * params[i];
      m[i] = m[i] * beta1 + oneMinusBeta1 * g;
      v[i] = v[i] * beta2 + oneMinusBeta2 * g * g;
      const denom = Math.sqrt(v[i] / bc2) + eps; // torch 2.x: exp_avg_sq.div(bc2).sqrt().add_(eps)
      const afterGrad = params[i] + (negGradStep * g) / denom;
      params[i] = afterGrad + (negMomentStep * m[i]) / denom;
    }
  };

  return withKernel({
    name: "nadam",
    convention: r.convention,
    hyper: hyperRecord(r),
    lr: defaultLr,
    init,
    step: seed ? seedStep : torchStep,
  }, maker);
}
