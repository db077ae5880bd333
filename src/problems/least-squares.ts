import { solveCholesky } from "../core/cholesky";
import { DescentInputError, show } from "../core/errors";
import type { Vec } from "../core/vector";
import type { Objective } from "./objective";

/**
 * Linear least squares, the convex problem on which batch, stochastic and mini-batch gradient
 * descent (theta = theta - eta * grad J(theta)) are first compared:
 *
 * $$J(w) = \frac{1}{2n}\sum_{i=1}^{n}\left(x_i^\top w - y_i\right)^2 = \frac{1}{2n}\lVert Xw - y\rVert^2,
 *   \qquad \nabla J(w) = \frac{1}{n} X^\top (Xw - y)$$
 *
 * The 1/2 cancels the 2 of the square and the mean keeps the step size independent of n.
 * `solveLeastSquares` gives the exact minimiser w* = (X^T X)^{-1} X^T y to compare against.
 */

/** Rows of features (arrays or typed arrays), or a row-major matrix as in `Dataset`. */
export type MatrixInput = ArrayLike<ArrayLike<number>> | { X: Float64Array; n: number; d: number };

export interface LeastSquaresObjective extends Objective {
  readonly name: "least-squares";
  /** Number of examples (rows of X). */
  readonly n: number;
  /** Number of features = `dim`. */
  readonly d: number;
  /** X, row-major n x d (a copy: later changes to the caller's arrays do not affect it). */
  readonly X: Float64Array;
  readonly y: Float64Array;
}

/** Like `show`, but objects and long arrays from a JSON file are printed as (shortened) JSON. */
function describe(v: unknown): string {
  if (typeof v !== "object" || v === null) return show(v);
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

function fail(message: string): never {
  throw new DescentInputError(message);
}

function isFlat(X: MatrixInput): X is { X: Float64Array; n: number; d: number } {
  return typeof X === "object" && X !== null && typeof (X as { length?: unknown }).length !== "number";
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { length?: unknown }).length === "number";
}

function finiteAt(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${name} must be a finite number, got ${describe(v)}`);
  return v;
}

/** Checks rows of features (non-empty, rectangular, finite) and packs them row-major. */
function packRows(rows: unknown, prefix: string): { X: Float64Array; n: number; d: number } {
  if (!isArrayLike(rows) || typeof rows === "string") fail(`${prefix}X must be an array of rows, got ${describe(rows)}`);
  const n = rows.length;
  if (n === 0) fail(`${prefix}X has no rows; it needs at least one example`);
  const first = rows[0];
  if (!isArrayLike(first)) fail(`${prefix}X[0] must be an array of numbers, got ${describe(first)}`);
  const d = first.length;
  if (d === 0) fail(`${prefix}X[0] is empty; each row needs at least one feature`);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isArrayLike(row)) fail(`${prefix}X[${i}] must be an array of numbers, got ${describe(row)}`);
    if (row.length !== d) {
      fail(`${prefix}X[${i}] has ${row.length} numbers but X[0] has ${d}; every row needs the same number of features`);
    }
    for (let j = 0; j < d; j++) X[i * d + j] = finiteAt(`${prefix}X[${i}][${j}]`, row[j]);
  }
  return { X, n, d };
}

function checkFlat(m: { X: Float64Array; n: number; d: number }): { X: Float64Array; n: number; d: number } {
  const { n, d } = m;
  if (!Number.isInteger(n) || n < 1) fail(`n must be an integer >= 1 (number of rows), got ${show(n)}`);
  if (!Number.isInteger(d) || d < 1) fail(`d must be an integer >= 1 (number of features), got ${show(d)}`);
  if (!isArrayLike(m.X) || m.X.length !== n * d) {
    fail(`X must hold n * d = ${n * d} numbers, got ${isArrayLike(m.X) ? m.X.length : show(m.X)}`);
  }
  const X = Float64Array.from(m.X);
  for (let k = 0; k < X.length; k++) {
    if (!Number.isFinite(X[k])) fail(`X[${Math.floor(k / d)}][${k % d}] must be a finite number, got ${show(X[k])}`);
  }
  return { X, n, d };
}

function packTargets(y: unknown, n: number, prefix: string): Float64Array {
  if (!isArrayLike(y) || typeof y === "string") fail(`${prefix}y must be an array of numbers, got ${describe(y)}`);
  if (y.length !== n) fail(`${prefix}y has ${y.length} values but X has ${n} rows; they must match`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = finiteAt(`${prefix}y[${i}]`, y[i]);
  return out;
}

export function leastSquares(X: MatrixInput, y: ArrayLike<number>): LeastSquaresObjective {
  const m = isFlat(X) ? checkFlat(X) : packRows(X, "");
  const { n, d } = m;
  const A = m.X;
  const b = packTargets(y, n, "");
  const checkTheta = (w: Vec): void => {
    if (w.length !== d) fail(`least squares has ${d} parameters, got a vector of length ${w.length}`);
  };
  /** r_i = x_i . w - y_i, with x_i starting at A[row]. */
  const residual = (w: Vec, i: number, row: number): number => {
    let r = -b[i];
    for (let j = 0; j < d; j++) r += A[row + j] * w[j];
    return r;
  };
  return {
    name: "least-squares",
    dim: d,
    n,
    d,
    X: A,
    y: b,
    value(w: Vec): number {
      checkTheta(w);
      let sum = 0;
      for (let i = 0, row = 0; i < n; i++, row += d) {
        const r = residual(w, i, row);
        sum += r * r;
      }
      return sum / (2 * n);
    },
    valueAndGradient(w: Vec, out: Vec): number {
      checkTheta(w);
      out.fill(0);
      let sum = 0;
      // One pass: the residual of row i is used at once, so no residual buffer is needed.
      for (let i = 0, row = 0; i < n; i++, row += d) {
        const r = residual(w, i, row);
        sum += r * r;
        for (let j = 0; j < d; j++) out[j] += r * A[row + j];
      }
      for (let j = 0; j < d; j++) out[j] /= n;
      return sum / (2 * n);
    },
  };
}

/**
 * The exact minimiser w* of J: solves the normal equations X^T X w = X^T y by Cholesky
 * factorisation (`solveCholesky`, src/core/cholesky.ts); X^T X is symmetric positive definite when X
 * has independent columns.
 * Fine for the course's small, well-conditioned problems; it squares the condition number of X,
 * so it is not a general-purpose solver. Columns that are (numerically) dependent are an error:
 * then there is no unique w*.
 */
export function solveLeastSquares(problem: LeastSquaresObjective): Float64Array;
export function solveLeastSquares(X: MatrixInput, y: ArrayLike<number>): Float64Array;
export function solveLeastSquares(X: MatrixInput | LeastSquaresObjective, y?: ArrayLike<number>): Float64Array {
  const p = "valueAndGradient" in X ? (X as LeastSquaresObjective) : leastSquares(X as MatrixInput, y as ArrayLike<number>);
  const { n, d } = p;
  const A = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let i = 0, row = 0; i < n; i++, row += d) {
    for (let j = 0; j < d; j++) {
      const xij = p.X[row + j];
      rhs[j] += xij * p.y[i];
      for (let k = 0; k <= j; k++) A[j * d + k] += xij * p.X[row + k];
    }
  }
  return solveCholesky(A, rhs, d, {
    describeFailure: (j) =>
      `least squares has no unique solution: column ${j} of X is (numerically) a combination of the ` +
      `columns before it, so X^T X is singular`,
  });
}

/**
 * Reads a least-squares data file, `{"X": [[1, 2], [3, 4], ...], "y": [5, 6, ...]}`, and checks
 * it fully, so a bad file gets one message saying what and where (e.g. `X[3][1] must be a finite
 * number, got "a"`) instead of a NaN loss later. `source` (e.g. the file name) prefixes messages.
 */
export function parseLeastSquaresJson(text: string, source?: string): { X: number[][]; y: number[] } {
  const prefix = source === undefined ? "" : `${source}: `;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(`${prefix}not valid JSON (${(error as Error).message}); expected {"X": [[...], ...], "y": [...]}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    fail(`${prefix}expected a JSON object {"X": [[...], ...], "y": [...]}, got ${Array.isArray(data) ? "an array" : show(data)}`);
  }
  const obj = data as Record<string, unknown>;
  if (!("X" in obj)) fail(`${prefix}missing "X" (the rows of features), expected {"X": [[...], ...], "y": [...]}`);
  if (!("y" in obj)) fail(`${prefix}missing "y" (the targets), expected {"X": [[...], ...], "y": [...]}`);
  if (!Array.isArray(obj.X)) fail(`${prefix}X must be an array of rows, got ${describe(obj.X)}`);
  const { n } = packRows(obj.X, prefix);
  if (!Array.isArray(obj.y)) fail(`${prefix}y must be an array of numbers, got ${describe(obj.y)}`);
  packTargets(obj.y, n, prefix);
  for (let i = 0; i < n; i++) {
    if (!Array.isArray(obj.X[i])) fail(`${prefix}X[${i}] must be an array of numbers, got ${describe(obj.X[i])}`);
  }
  return { X: obj.X as number[][], y: obj.y as number[] };
}
