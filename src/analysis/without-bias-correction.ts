import { DescentInputError } from "../core/errors";
import type { Vec } from "../core/vector";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";

/**
 * Adam's bias correction (14) written as a step-size factor. Dividing (15) out,
 *
 * $$\frac{\eta\,\hat m_t}{\sqrt{\hat v_t} + \epsilon}
 *   = \eta\,c_t\,\frac{m_t}{\sqrt{v_t} + \epsilon\sqrt{1-\beta_2^t}},\qquad
 *   c_t = \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t},$$
 *
 * so the corrected step is the uncorrected one with the learning rate multiplied by $c_t$ (the
 * $\alpha_t$ of Kingma and Ba, sec. 2), up to where eps sits. `adamStepScale` is $c_t$ (t from 1).
 */
export function adamStepScale(beta1: number, beta2: number, t: number): number {
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
    throw new RangeError(`adamStepScale: betas must be in [0, 1), got [${beta1}, ${beta2}]`);
  }
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`adamStepScale: t must be an integer >= 1 (steps count from 1), got ${t}`);
  return Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
}

/**
 * The optimizers whose step is eq. (15) with both corrections of (14) (amsgrad: only torch's).
 * AdamW is left out: its decoupled decay multiplies theta by (1 - lr wd), so rescaling lr would
 * change the decay as well as remove the correction.
 */
function correctsBias(optimizer: Optimizer): boolean {
  return optimizer.name === "adam" || (optimizer.name === "amsgrad" && optimizer.convention === "pytorch");
}

/**
 * Adam (or torch's AMSGrad) with the bias correction (14) taken out, for the lesson
 * that shows what (14) is for. It is the SAME optimizer (its own update, its own states), called
 * at step t with the learning rate $\eta / c_t$, which cancels the correction exactly:
 *
 * $$\theta_{t+1} = \theta_t - \frac{\eta\, m_t}{\sqrt{v_t} + \epsilon_t},\qquad \epsilon_t = \epsilon\sqrt{1-\beta_2^t} \le \epsilon .$$
 *
 * The only trace of the correction left is that eps shrinks by $\sqrt{1-\beta_2^t}$ (to 0.03 eps on
 * the first step with beta2 = 0.999, back to eps later): invisible unless $\sqrt{v_t}$ is near eps.
 * A schedule's per-step lr is honoured (it is divided by $c_t$ too). Nadam, AdaMax, AdamW and the
 * seed AMSGrad are refused: the first two correct differently, AdamW's decay would be rescaled
 * too, the last has no correction to remove.
 */
export function withoutBiasCorrection(optimizer: Optimizer): Optimizer {
  if (optimizer === null || typeof optimizer !== "object" || typeof optimizer.step !== "function") {
    throw new DescentInputError("withoutBiasCorrection: expected an optimizer from src/optimizers (adam, or amsgrad in the pytorch convention)");
  }
  if (!correctsBias(optimizer)) {
    throw new DescentInputError(
      `withoutBiasCorrection: expected adam, or amsgrad in the pytorch convention, got ${optimizer.name} (${optimizer.convention})`,
    );
  }
  const betas = optimizer.hyper.betas;
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new DescentInputError(`withoutBiasCorrection: ${optimizer.name} has no betas in its hyperparameters`);
  }
  const [beta1, beta2] = betas as readonly number[];
  return {
    name: optimizer.name,
    convention: optimizer.convention,
    hyper: optimizer.hyper,
    lr: optimizer.lr,
    init: (params: Vec): OptimizerState => optimizer.init(params),
    step(params: Vec, grad: Vec, state: OptimizerState, lr?: number): void {
      // state.t is validated by the inner step; read it only to know which step comes next.
      const t = (typeof state?.t === "number" ? state.t : 0) + 1;
      optimizer.step(params, grad, state, (lr ?? optimizer.lr) / adamStepScale(beta1, beta2, t));
    },
  };
}
