import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, needPositiveEps, refuse, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * Adagrad (Duchi et al., 2011), as Ruder's overview writes it (elementwise; $G_t$ is the sum of
 * the squares of all past gradients):
 *
 * $$G_t = G_{t-1} + g_t^2,\qquad \theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{G_t + \epsilon}} g_t$$
 *
 * PyTorch convention (`torch.optim.Adagrad`): a decaying learning rate, an initial accumulator,
 * and epsilon outside the root:
 *
 * $$\eta_t = \frac{\eta}{1 + (t-1)\,\delta},\qquad S_0 = s_0,\quad S_t = S_{t-1} + g_t^2,\qquad
 *   \theta_t = \theta_{t-1} - \eta_t \frac{g_t}{\sqrt{S_t} + \epsilon}$$
 *
 * ($\delta$ = `lrDecay`, $s_0$ = `initialAccumulatorValue`). Weight decay (L2) adds $\lambda\theta$
 * to $g_t$ first in both.
 *
 * eps: while a coordinate's gradients have all been 0 its accumulator is 0 and, with eps = 0,
 * its step is 0/0. So the seed convention needs eps > 0; the pytorch one needs eps > 0 or
 * initialAccumulatorValue > 0 (then $\sqrt{S_t} > 0$ and eps = 0 is safe, as the delay-tolerant
 * lesson uses it).
 */
export const ADAGRAD_SPEC: ConventionSpecs = {
  seed: {
    summary: "Adagrad: divide by the root of the sum of past squared gradients (eps inside)",
    accepts: ["convention", "lr", "eps", "weightDecay"],
    defaults: { lr: 0.01, eps: 1e-8, weightDecay: 0 },
  },
  pytorch: {
    summary: "torch.optim.Adagrad (lr decay, initial accumulator, eps outside the root)",
    accepts: ["convention", "lr", "lrDecay", "weightDecay", "initialAccumulatorValue", "eps"],
    defaults: { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 },
  },
};

export function adagrad(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("adagrad", options, ADAGRAD_SPEC);
  const seed = r.convention === "seed";
  const defaultLr = need(r, "lr");
  const weightDecay = need(r, "weightDecay");
  const lrDecay = seed ? 0 : need(r, "lrDecay");
  const initial = seed ? 0 : need(r, "initialAccumulatorValue");
  const eps = seed ? needPositiveEps(r, "adagrad", "a coordinate whose gradients were all 0 would take a 0/0 step") : need(r, "eps");
  if (eps === 0 && initial === 0) {
    refuse("adagrad", r.convention, "eps and initialAccumulatorValue cannot both be 0 (a coordinate whose gradients were all 0 would take a 0/0 step): make eps > 0 or initialAccumulatorValue > 0");
  }
  const maker = stateMaker("adagrad", r.convention, ["sum"]);

  const init = (params: Vec): OptimizerState => {
    const sum = zerosLike(params);
    if (initial !== 0) sum.fill(initial);
    return newState(maker, params, { sum });
  };

  const seedStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const sum = state.slots.sum;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i];
      sum[i] = sum[i] + g * g;
      params[i] = params[i] - (eta / Math.sqrt(sum[i] + eps)) * g;
    }
  };

  // torch's _single_tensor_adagrad order: clr, sum += 1*g*g, std = sqrt(sum) + eps, addcdiv.
  const torchStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const sum = state.slots.sum;
    const t = ++state.t;
    const negClr = -(eta / (1 + (t - 1) * lrDecay));
    for (let i = 0; i < params.length; i++) {
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * params[i];
      sum[i] = sum[i] + g * g;
      params[i] = params[i] + (negClr * g) / (Math.sqrt(sum[i]) + eps);
    }
  };

  return withKernel({
    name: "adagrad",
    convention: r.convention,
    hyper: hyperRecord(r),
    lr: defaultLr,
    init,
    step: seed ? seedStep : torchStep,
  }, maker);
}
