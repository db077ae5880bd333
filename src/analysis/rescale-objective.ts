import { DescentInputError, show } from "../core/errors";
import type { Vec } from "../core/vector";
import type { Objective } from "../problems/objective";

/** How `rescaleObjective` changes units: parameters measured s times larger, loss c times larger. */
export interface RescaleOptions {
  /** s > 0: the new parameters are phi = s theta (e.g. 100 for "the same model in centimetres"). */
  paramScale?: number;
  /** c > 0: the new loss is c times the old one (e.g. 1e-6 for a loss whose gradients are tiny). */
  valueScale?: number;
}

/**
 * The same problem in other units:
 *
 * $$\tilde J(\phi) = c\, J(\phi / s), \qquad \nabla \tilde J(\phi) = \frac{c}{s}\, \nabla J(\phi / s)$$
 *
 * Its minimiser is s times the old one and its minimum c times the old one. The adaptive-rate
 * lessons use it to test the units argument: a rule whose step has the units of theta (Adadelta,
 * Newton) should follow phi_t = s theta_t whatever s is; plain gradient descent does not (its step
 * scales like c / s, not s), and where epsilon sits in RMSprop matters only when c makes the
 * gradients small. Allocates one buffer when made, nothing per call.
 */
export function rescaleObjective(objective: Objective, options: RescaleOptions): Objective {
  if (objective === null || typeof objective !== "object" || typeof objective.valueAndGradient !== "function") {
    throw new DescentInputError(`rescaleObjective: expected an Objective (with valueAndGradient), got ${show(objective)}`);
  }
  const s = options?.paramScale ?? 1;
  const c = options?.valueScale ?? 1;
  for (const [name, v] of [["paramScale", s], ["valueScale", c]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new RangeError(`rescaleObjective: ${name} must be a finite number > 0, got ${show(v)}`);
    }
  }
  const dim = objective.dim;
  const inner = new Float64Array(dim);
  const toInner = (phi: Vec): Float64Array => {
    if (phi.length !== dim) throw new DescentInputError(`${objective.name} (rescaled) takes ${dim} parameters, got ${phi.length}`);
    for (let i = 0; i < dim; i++) inner[i] = phi[i] / s;
    return inner;
  };
  return {
    name: `${objective.name} (parameters x${s}, loss x${c})`,
    dim,
    value: (phi: Vec): number => c * objective.value(toInner(phi)),
    valueAndGradient(phi: Vec, out: Vec): number {
      const v = objective.valueAndGradient(toInner(phi), out);
      const k = c / s;
      for (let i = 0; i < dim; i++) out[i] *= k;
      return c * v;
    },
  };
}
