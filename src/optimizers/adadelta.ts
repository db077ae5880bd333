import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, needPositiveEps, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * Adadelta (Zeiler, 2012), as Ruder's overview writes it: no learning rate; the step is scaled
 * by the RMS of past steps over the RMS of past gradients:
 *
 * $$\begin{aligned}E[g^2]_t &= \rho E[g^2]_{t-1} + (1-\rho) g_t^2 \\
 *   \Delta\theta_t &= -\frac{\sqrt{E[\Delta\theta^2]_{t-1} + \epsilon}}{\sqrt{E[g^2]_t + \epsilon}}\, g_t \\
 *   E[\Delta\theta^2]_t &= \rho E[\Delta\theta^2]_{t-1} + (1-\rho) \Delta\theta_t^2 \\
 *   \theta_{t+1} &= \theta_t + \Delta\theta_t\end{aligned}$$
 *
 * In the seed convention there is no learning rate: `lr` is refused when the optimizer is made,
 * `Optimizer.lr` is NaN, and a learning rate passed to `step` (a schedule's) is ignored.
 *
 * PyTorch convention (`torch.optim.Adadelta`): the same recursion, and the applied step is
 * $\theta_t = \theta_{t-1} + \eta\,\Delta\theta_t$ with $\eta$ = `lr` (default 1.0); the average
 * $E[\Delta\theta^2]$ accumulates the unscaled $\Delta\theta_t$. With $\eta = 1$ the two coincide.
 * Weight decay (L2) adds $\lambda\theta$ to $g_t$ first in both.
 *
 * eps must be > 0 in both conventions (torch accepts 0): $E[\Delta\theta^2]_0 = 0$, so with
 * eps = 0 the numerator is 0 for ever and Adadelta never moves (and a zero gradient is 0/0).
 * A learning rate given to `step` is checked (finite, >= 0) even where it is ignored.
 */
export const ADADELTA_SPEC: ConventionSpecs = {
  seed: {
    summary: "Adadelta (Zeiler): no learning rate; RMS of past steps over RMS of gradients",
    accepts: ["convention", "rho", "eps", "weightDecay"],
    defaults: { rho: 0.9, eps: 1e-6, weightDecay: 0 },
    refuses: { lr: 'the seed\'s Adadelta has no learning rate (use convention "pytorch" for torch\'s lr)' },
  },
  pytorch: {
    summary: "torch.optim.Adadelta (lr scales the applied step)",
    accepts: ["convention", "lr", "rho", "eps", "weightDecay"],
    defaults: { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0 },
  },
};

export function adadelta(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("adadelta", options, ADADELTA_SPEC);
  const seed = r.convention === "seed";
  const defaultLr = seed ? NaN : need(r, "lr");
  const rho = need(r, "rho");
  const oneMinusRho = 1 - rho;
  const eps = needPositiveEps(r, "adadelta", "with eps = 0 the step's numerator sqrt(E[dtheta^2] + eps) starts at 0 and Adadelta never moves");
  const weightDecay = need(r, "weightDecay");
  const maker = stateMaker("adadelta", r.convention, ["sq", "delta"]);

  const init = (params: Vec): OptimizerState => newState(maker, params, { sq: zerosLike(params), delta: zerosLike(params) });

  // `lr` is part of the Optimizer signature; the seed's Adadelta has no learning rate to override
  // (it is still checked, so a schedule gone wrong is reported, not hidden).
  const seedStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    beginStep(maker, params, grad, state, lr, defaultLr);
    const sq = state.slots.sq;
    const acc = state.slots.delta;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] + weightDecay * params[i];
      sq[i] = rho * sq[i] + oneMinusRho * g * g;
      const d = -(Math.sqrt(acc[i] + eps) / Math.sqrt(sq[i] + eps)) * g;
      acc[i] = rho * acc[i] + oneMinusRho * d * d;
      params[i] = params[i] + d;
    }
  };

  // torch's _single_tensor_adadelta order: std = sqrt(sq + eps); delta = sqrt(acc + eps) / std * g.
  const torchStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const negLr = -beginStep(maker, params, grad, state, lr, defaultLr);
    const sq = state.slots.sq;
    const acc = state.slots.delta;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * params[i];
      sq[i] = sq[i] * rho + oneMinusRho * g * g;
      const delta = (Math.sqrt(acc[i] + eps) / Math.sqrt(sq[i] + eps)) * g;
      acc[i] = acc[i] * rho + oneMinusRho * delta * delta;
      params[i] = params[i] + negLr * delta;
    }
  };

  return withKernel({
    name: "adadelta",
    convention: r.convention,
    hyper: hyperRecord(r),
    lr: defaultLr,
    init,
    step: seed ? seedStep : torchStep,
  }, maker);
}
