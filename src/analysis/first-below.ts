import { DescentInputError, show } from "../core/errors";

/**
 * The first index k with values[k] < tol (e.g. the number of steps a run needed to bring its loss
 * under a tolerance), or null when no value gets there. NaN never counts as below.
 */
export function firstBelow(values: ArrayLike<number>, tol: number): number | null {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new DescentInputError(`firstBelow: values must be an array of numbers, got ${show(values)}`);
  }
  if (typeof tol !== "number" || Number.isNaN(tol)) throw new DescentInputError(`firstBelow: tol must be a number, got ${show(tol)}`);
  for (let k = 0; k < values.length; k++) if (values[k] < tol) return k;
  return null;
}
