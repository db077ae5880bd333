import { zerosLike, type Vec } from "../core/vector";
import type { Convention, Optimizer, OptimizerName, OptimizerOptions, OptimizerState } from "./optimizer";
import { hyperRecord, need, needPositiveEps, resolveOptions, type ConventionSpecs, type HyperValue, type Resolved } from "./options";
import { withKernel } from "./kernel-step";
import { beginStep, newState, stateMaker } from "./state";

/**
 * Adam (Kingma and Ba, 2015), seed equations (13)-(15):
 *
 * $$\begin{aligned}m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t \\ v_t &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^2\end{aligned}\tag{13}$$
 * $$\begin{aligned}\hat{m}_t &= \frac{m_t}{1 - \beta_1^t} \\ \hat{v}_t &= \frac{v_t}{1 - \beta_2^t}\end{aligned}\tag{14}$$
 * $$\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon} \hat{m}_t\tag{15}$$
 *
 * With `amsgrad: true` (both conventions) $v_t$ in (14) is replaced by
 * $v^{\max}_t = \max(v^{\max}_{t-1}, v_t)$, the running maximum of the raw second moment.
 *
 * PyTorch convention (`torch.optim.Adam`), the same rule computed in torch's order so that
 * trajectories agree to rounding:
 *
 * $$\alpha_t = \frac{\eta}{1-\beta_1^t},\qquad d_t = \frac{\sqrt{v_t}}{\sqrt{1-\beta_2^t}} + \epsilon,\qquad
 *   \theta_t = \theta_{t-1} - \alpha_t \frac{m_t}{d_t}$$
 *
 * Weight decay (L2) adds $\lambda\theta$ to $g_t$ first. AdamW (adamw.ts) reuses this file with
 * decoupled decay $\theta \leftarrow (1-\eta\lambda)\theta$ before the step instead.
 *
 * eps must be > 0 (both conventions; torch accepts 0): while every gradient of a coordinate has
 * been 0, $m_t = v_t = 0$ and (15) is 0/0 = NaN. Any eps > 0 makes that step exactly 0.
 */

const SEED_AND_TORCH = {
  accepts: ["convention", "lr", "betas", "eps", "weightDecay", "amsgrad"],
  defaults: { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false },
} as const;

export const ADAM_SPEC: ConventionSpecs = {
  seed: { summary: "Adam, eqs (13)-(15): bias-corrected first and second moment estimates", ...SEED_AND_TORCH },
  pytorch: { summary: "torch.optim.Adam (amsgrad optional)", ...SEED_AND_TORCH },
};

/** The numbers an Adam-family step needs, fixed when the optimizer is made. */
export interface AdamParams {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  /** AdamW: multiply theta by (1 - lr*weightDecay) instead of adding weightDecay*theta to g. */
  readonly decoupled: boolean;
}

/** Builds an Adam-family optimizer (used by adam, amsgrad in the pytorch convention, adamw). */
export function buildAdam(
  name: OptimizerName,
  convention: Convention,
  hyper: Readonly<Record<string, HyperValue>>,
  p: AdamParams,
): Optimizer {
  const defaultLr = p.lr;
  const beta1 = p.beta1;
  const beta2 = p.beta2;
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  const eps = p.eps;
  const weightDecay = p.weightDecay;
  const amsgrad = p.amsgrad;
  const decoupled = p.decoupled;
  // Coupled L2 is applied to the gradient; decoupled decay to theta. Never both.
  const l2 = decoupled ? 0 : weightDecay;

  const maker = stateMaker(name, convention, amsgrad ? ["m", "v", "vmax"] : ["m", "v"]);
  const init = (params: Vec): OptimizerState => {
    const slots: Record<string, Vec> = { m: zerosLike(params), v: zerosLike(params) };
    if (amsgrad) slots.vmax = zerosLike(params);
    return newState(maker, params, slots);
  };

  const seedStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const v = state.slots.v;
    const vmax = state.slots.vmax; // undefined unless amsgrad
    const t = ++state.t;
    // Reciprocals of the bias corrections: a multiply instead of two divisions per coordinate
    // (division and square root bound this loop's speed; the result differs only in rounding).
    const invBc1 = 1 / (1 - Math.pow(beta1, t));
    const invBc2 = 1 / (1 - Math.pow(beta2, t));
    const shrink = decoupled ? 1 - eta * weightDecay : 1;
    for (let i = 0; i < params.length; i++) {
      const theta = params[i] * shrink;
      const g = grad[i] + l2 * theta;
      const mi = beta1 * m[i] + oneMinusBeta1 * g; // (13)
      const vi = beta2 * v[i] + oneMinusBeta2 * g * g; // (13)
      m[i] = mi;
      v[i] = vi;
      let second = vi;
      if (amsgrad) {
        if (second > vmax[i]) vmax[i] = second;
        second = vmax[i];
      }
      const mHat = mi * invBc1; // (14)
      const vHat = second * invBc2; // (14)
      // Product before the division: with a tiny eps, eta / eps overflows and Infinity * 0 is NaN,
      // while (eta * 0) / eps is the zero step a zero gradient should give.
      params[i] = theta - (eta * mHat) / (Math.sqrt(vHat) + eps); // (15)
    }
  };

  // Torch's order of operations (_single_tensor_adam / _single_tensor_adamw); addcdiv computes
  // self + (value * t1) / t2, so the product is formed before the division, as here.
  const torchStep = (params: Vec, grad: Vec, state: OptimizerState, lr?: number): void => {
    const eta = beginStep(maker, params, grad, state, lr, defaultLr);
    const m = state.slots.m;
    const v = state.slots.v;
    const vmax = state.slots.vmax;
    const t = ++state.t;
    const stepSize = eta / (1 - Math.pow(beta1, t));
    const negStepSize = -stepSize;
    // torch divides by sqrt(bc2) per element; multiplying by its reciprocal is the same up to
    // rounding (fixtures still agree to 1e-12) and saves one division per coordinate.
    const invBc2Sqrt = 1 / Math.sqrt(1 - Math.pow(beta2, t));
    const shrink = 1 - eta * weightDecay;
    for (let i = 0; i < params.length; i++) {
      let theta = params[i];
      let g = grad[i];
      if (decoupled) theta = theta * shrink;
      else if (l2 !== 0) g = g + l2 * theta;
      // Moments are kept in locals and written once: re-reading a Float32Array element just
      // written costs a float conversion per read and halves the speed of a Float32 step.
      const mi = m[i] * beta1 + oneMinusBeta1 * g;
      const vi = v[i] * beta2 + oneMinusBeta2 * g * g;
      m[i] = mi;
      v[i] = vi;
      let second = vi;
      if (amsgrad) {
        if (second > vmax[i]) vmax[i] = second;
        second = vmax[i];
      }
      const denom = Math.sqrt(second) * invBc2Sqrt + eps;
      params[i] = theta + (negStepSize * mi) / denom;
    }
  };

  return withKernel({
    name,
    convention,
    hyper,
    lr: defaultLr,
    init,
    step: convention === "seed" ? seedStep : torchStep,
  }, maker);
}

/** Adam or AdamW from validated options: they differ only in where weight decay is applied. */
export function buildAdamFromOptions(name: "adam" | "adamw", r: Resolved, decoupled: boolean): Optimizer {
  const betas = need(r, "betas");
  return buildAdam(name, r.convention, hyperRecord(r), {
    lr: need(r, "lr"),
    beta1: betas[0],
    beta2: betas[1],
    eps: needPositiveEps(r, name, "a coordinate whose gradients were all 0 would take a 0/0 step"),
    weightDecay: need(r, "weightDecay"),
    amsgrad: need(r, "amsgrad"),
    decoupled,
  });
}

/** Adam; see the doc comment above for both conventions. */
export function adam(options: OptimizerOptions = {}): Optimizer {
  return buildAdamFromOptions("adam", resolveOptions("adam", options, ADAM_SPEC), false);
}
