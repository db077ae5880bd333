import { zerosLike, type Vec } from "../core/vector";
import type { Optimizer, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, needPositiveEps, resolveOptions, type ConventionSpecs } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * RMSprop (Hinton), seed equation (12), with the decay $\gamma$ = `alpha`:
 *
 * $$\begin{aligned} E[g^2]_t &= \gamma E[g^2]_{t-1} + (1 - \gamma)g_t^2 \\ \theta_{t+1} &= \theta_t - \frac{\eta}{\sqrt{E[g^2]_t + \epsilon}} g_t \end{aligned} \tag{12}$$
 *
 * Options in the seed convention (epsilon stays inside the root):
 * - `centered`: divide by $\sqrt{E[g^2]_t - E[g]_t^2 + \epsilon}$ with $E[g]_t = \gamma E[g]_{t-1} + (1-\gamma) g_t$;
 * - `momentum` $\mu > 0$: $b_t = \mu b_{t-1} + \frac{\eta}{\sqrt{\cdot}} g_t$, $\theta_{t+1} = \theta_t - b_t$.
 *
 * PyTorch convention (`torch.optim.RMSprop`): epsilon outside the root, lr outside the buffer,
 *
 * $$a_t = \sqrt{E[g^2]_t\ (- E[g]_t^2 \text{ if centered})} + \epsilon,\qquad
 *   b_t = \mu b_{t-1} + g_t / a_t,\qquad \theta_t = \theta_{t-1} - \eta b_t$$
 *
 * (without momentum $\theta_t = \theta_{t-1} - \eta g_t / a_t$). Weight decay (L2) adds
 * $\lambda\theta$ to $g_t$ first in both.
 *
 * eps must be > 0 in both conventions (torch accepts 0): while a coordinate's gradients have all
 * been 0, $E[g^2] = 0$ and the step is 0/0. Centered: $E[g^2] - E[g]^2$ is clamped at 0 before
 * the root (rounding can make it a hair negative, which torch turns into NaN).
 */
const ACCEPTS = ["convention", "lr", "alpha", "eps", "weightDecay", "momentum", "centered"] as const;

export const RMSPROP_SPEC: ConventionSpecs = {
  seed: {
    summary: "RMSprop, eq. (12): divide by the root of a running mean of g^2 (eps inside the root)",
    accepts: ACCEPTS,
    defaults: { lr: 0.001, alpha: 0.9, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false },
  },
  pytorch: {
    summary: "torch.optim.RMSprop (eps outside the root; centered, momentum)",
    accepts: ACCEPTS,
    defaults: { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false },
  },
};

export function rmsprop(options: OptimizerOptions = {}): Optimizer {
  const r = resolveOptions("rmsprop", options, RMSPROP_SPEC);
  const defaultLr = need(r, "lr");
  const alpha = need(r, "alpha");
  const oneMinusAlpha = 1 - alpha;
  const eps = needPositiveEps(r, "rmsprop", "a coordinate whose gradients were all 0 would take a 0/0 step");
  const weightDecay = need(r, "weightDecay");
  const mu = need(r, "momentum");
  const centered = need(r, "centered");
  const seed = r.convention === "seed";

  const slotNames = ["sq", ...(centered ? ["gAvg"] : []), ...(mu > 0 ? ["b"] : [])];
  const maker = stateMaker("rmsprop", r.convention, slotNames);
  const init = (params: Vec): OptimizerState => {
    const slots: Record<string, Vec> = { sq: zerosLike(params) };
    if (centered) slots.gAvg = zerosLike(params);
    if (mu > 0) slots.b = zerosLike(params);
    return newState(maker, params, slots);
  };

  const seedStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const sq = state.slots.sq;
    const gAvg = state.slots.gAvg; // only when centered
    const b = state.slots.b; // only when momentum > 0
    state.t++;
    for (let i = 0; i < params.length; i++) {
      const theta = params[i];
      const g = grad[i] + weightDecay * theta;
      const s = alpha * sq[i] + oneMinusAlpha * g * g; // (12)
      sq[i] = s;
      let meanSq = s;
      if (centered) {
        const ga = alpha * gAvg[i] + oneMinusAlpha * g;
        gAvg[i] = ga;
        // E[g^2] - E[g]^2 >= 0 exactly (Cauchy-Schwarz), but rounding can make it -1e-17 g^2,
        // and with a tiny eps its root would be NaN: clamp at 0 (torch gives NaN there).
        meanSq = Math.max(meanSq - ga * ga, 0);
      }
      const scaled = (eta / Math.sqrt(meanSq + eps)) * g; // (12)
      if (mu > 0) {
        const bi = mu * b[i] + scaled;
        b[i] = bi;
        params[i] = theta - bi;
      } else {
        params[i] = theta - scaled;
      }
    }
  };

  // torch's _single_tensor_rmsprop, in its order (addcmul: self + (value*t1)*t2).
  const torchStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const negLr = -beginStep(maker, params, grad, state, lr, defaultLr);
    const sq = state.slots.sq;
    const gAvg = state.slots.gAvg;
    const b = state.slots.b;
    state.t++;
    for (let i = 0; i < params.length; i++) {
      // Locals, and one write per array element: see adam.ts on Float32Array re-reads.
      const theta = params[i];
      let g = grad[i];
      if (weightDecay !== 0) g = g + weightDecay * theta;
      const s = sq[i] * alpha + oneMinusAlpha * g * g;
      sq[i] = s;
      let avg: number;
      if (centered) {
        const ga = gAvg[i] * alpha + oneMinusAlpha * g;
        gAvg[i] = ga;
        avg = Math.sqrt(Math.max(s + -1 * ga * ga, 0)) + eps; // clamp: see the seed step
      } else {
        avg = Math.sqrt(s) + eps;
      }
      if (mu > 0) {
        const bi = b[i] * mu + g / avg;
        b[i] = bi;
        params[i] = theta + negLr * bi;
      } else {
        params[i] = theta + (negLr * g) / avg;
      }
    }
  };

  return withKernel({
    name: "rmsprop",
    convention: r.convention,
    hyper: hyperRecord(r),
    lr: defaultLr,
    init,
    step: seed ? seedStep : torchStep,
  }, maker);
}
