import { DescentInputError, show } from "../core/errors";

/**
 * The starting parameters of a simulated parallel run: zeros, or a copy of `theta0` after checking
 * it has exactly `dim` finite entries. (Float64Array.set would throw an obscure "offset is out of
 * bounds" for a longer vector and silently zero-pad a shorter one.)
 */
export function startPoint(theta0: ArrayLike<number> | undefined, dim: number): Float64Array {
  const theta = new Float64Array(dim);
  if (theta0 === undefined) return theta;
  if (theta0 === null || typeof theta0 !== "object" || theta0.length !== dim) {
    const got = theta0 !== null && typeof theta0 === "object" ? `length ${theta0.length}` : show(theta0);
    throw new DescentInputError(`theta0 must have dim = ${dim} entries, got ${got}`);
  }
  for (let j = 0; j < dim; j++) {
    const v = theta0[j];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new DescentInputError(`theta0[${j}] must be a finite number, got ${show(v)}`);
    theta[j] = v;
  }
  return theta;
}
