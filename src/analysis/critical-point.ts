import { DescentInputError, show } from "../core/errors";
import { norm2 } from "../core/vector";
import type { Objective } from "../problems/objective";
import { hessian } from "./hessian";
import { symmetricEigenvalues } from "./symmetric-eigenvalues";

export type CriticalKind = "minimum" | "maximum" | "saddle" | "degenerate";

export interface CriticalPointReport {
  /** |grad J(theta)|: near 0 at a critical point (the caller decides what is near). */
  readonly gradNorm: number;
  /** Hessian eigenvalues, ascending. */
  readonly eigenvalues: Float64Array;
  /**
   * Second-order test: every eigenvalue > tol is a minimum, every one < -tol a maximum, both signs
   * a saddle; any |lambda| <= tol leaves the test undecided ("degenerate", e.g. a flat direction).
   */
  readonly kind: CriticalKind;
  /** lambda_max / lambda_min in absolute value (Infinity when one is 0): how elongated the bowl is. */
  readonly condition: number;
}

/** Classifies a point by the signs of its Hessian's eigenvalues (finite differences, hessian.ts). */
export function classifyCriticalPoint(objective: Objective, theta: ArrayLike<number>, tol: number = 1e-6): CriticalPointReport {
  if (typeof tol !== "number" || !(tol >= 0) || !Number.isFinite(tol)) {
    throw new RangeError(`classifyCriticalPoint: tol must be a finite number >= 0, got ${show(tol)}`);
  }
  const H = hessian(objective, theta);
  const eigenvalues = symmetricEigenvalues(H, objective.dim);
  const grad = new Float64Array(objective.dim);
  const value = objective.valueAndGradient(Float64Array.from(theta), grad);
  if (!Number.isFinite(value)) throw new DescentInputError(`classifyCriticalPoint: J is ${value} at theta = ${show(Array.from(theta))}`);
  const lo = eigenvalues[0];
  const hi = eigenvalues[eigenvalues.length - 1];
  let kind: CriticalKind;
  if (eigenvalues.some((l) => Math.abs(l) <= tol)) kind = "degenerate";
  else if (lo > 0) kind = "minimum";
  else if (hi < 0) kind = "maximum";
  else kind = "saddle";
  let absMin = Infinity;
  let absMax = 0;
  for (const l of eigenvalues) {
    absMin = Math.min(absMin, Math.abs(l));
    absMax = Math.max(absMax, Math.abs(l));
  }
  return { gradNorm: norm2(grad), eigenvalues, kind, condition: absMin === 0 ? Infinity : absMax / absMin };
}
