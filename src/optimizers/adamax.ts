import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * AdaMax (Kingma and Ba, 2015), Adam with the $\ell_\infty$ norm, as Ruder's overview writes it
 * ($m_t$ and $\hat m_t$ as in (13)-(14)):
 *
 * $$u_t = \max(\beta_2 u_{t-1}, |g_t|),\qquad \theta_{t+1} = \theta_t - \frac{\eta}{u_t} \hat{m}_t$$
 *
 * No epsilon: $u_t = 0$ only while every gradient so far was 0, and then $m_t = 0$ too, so the
 * 0/0 is taken as a zero step.
 *
 * PyTorch convention (`torch.optim.Adamax`), epsilon added inside the max:
 *
 * $$u_t = \max(\beta_2 u_{t-1}, |g_t| + \epsilon),\qquad \theta_t = \theta_{t-1} - \frac{\eta}{1-\beta_1^t}\,\frac{m_t}{u_t}$$
 *
 * With $\epsilon = 0$ the two coincide. Weight decay (L2) adds $\lambda\theta$ to $g_t$ first.
 * eps = 0 is allowed in the pytorch convention and, as in the seed's, $u_t = 0$ (every gradient
 * so far 0, so $m_t = 0$) is a zero step, not 0/0 (torch would give NaN there).
 */
export const ADAMAX_SPEC: ConventionSpecs = {
  seed: {
    summary: "AdaMax: Adam with the infinity norm, u = max(beta2 u, |g|), no eps",
    accepts: ["convention", "lr", "betas", "weightDecay"],
    defaults: { lr: 0.002, betas: [0.9, 0.999], weightDecay: 0 },
    refuses: { eps: 'the seed\'s AdaMax has no epsilon (convention "pytorch" adds one inside the max)' },
  },
  pytorch: {
    summary: "torch.optim.Adamax (eps inside the max)",
    accepts: ["convention", "lr", "betas", "eps", "weightDecay"],
    defaults: { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
  },
};

export function adamax(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("adamax", options, ADAMAX_SPEC);
  const seed = r.convention === "seed";
  const defaultLr = need(r, "lr");
  const betas = need(r, "betas");
  const beta1 = betas[0];
  const beta2 = betas[1];
  const oneMinusBeta1 = 1 - beta1;
  const eps = seed ? 0 : need(r, "eps");
  const weightDecay = need(r, "weightDecay");

  const maker = stateMaker("adamax", r.convention, ["m", "u"]);
  const init = (params: Vec): OptimizerState => newState(maker, params, { m: zerosLike(params), u: zerosLike(params) });

  const seedStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const u = state.slots.u;
    const t = ++state.t;
    const bc1 = 1 - Math.pow(beta1, t);
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i];
      m[i] = beta1 * m[i] + oneMinusBeta1 * g;
      u[i] = Math.max(beta2 * u[i], Math.abs(g));
      if (u[i] === 0) continue; // every gradient so far was 0, so m is 0: a zero step, not 0/0
      // Product before the division: with a subnormal u (a gradient of 5e-324), eta / u overflows
      // to Infinity while m has underflowed to 0, and Infinity * 0 is NaN (found by the fuzz test).
      params[i] = params[i] - (eta * (m[i] / bc1)) / u[i];
    }
  };

  // torch's _single_tensor_adamax order: exp_inf = max(exp_inf*b2, |g|+eps); addcdiv(m, u, -lr/bc1).
  const torchStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const u = state.slots.u;
    const t = ++state.t;
    const negClr = -(eta / (1 - Math.pow(beta1, t)));
    for (let i = 0; i < params.length; i++) {
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * params[i];
      m[i] = m[i] * beta1 + oneMinusBeta1 * g;
      u[i] = Math.max(u[i] * beta2, Math.abs(g) + eps);
      if (u[i] === 0) continue; // only with eps = 0 and all gradients 0 so far (m = 0): a zero step
      params[i] = params[i] + (negClr * m[i]) / u[i];
    }
  };

  return withKernel({
    name: "adamax",
    convention: r.convention,
    hyper: hyperRecord(r),
    lr: defaultLr,
    init,
    step: seed ? seedStep : torchStep,
  }, maker);
}
