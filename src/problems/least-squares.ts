import { solveCholesky } from "../core/cholesky";
import { DescentInputError, show } from "../core/errors";
import type { Vec } from "../core/vector";
import { checkGradientOut } from "./gradient-out";
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
 *
 * The data are checked once, up front: every X[i][j] and y[i] finite (the message names the
 * entry), and a scale at which the loss can be computed: for weights with |w_j| <= 1,
 * |r_i| <= s_i = sum_j |X[i][j]| + |y[i]|, and the check is that sum_i s_i^2 is finite, so
 * neither the loss nor its gradient (|grad_j| <= (1/n) sum_i s_i |X[i][j]|) can overflow there.
 * Data beyond that (values near 1e154 and up) are refused with a message about their scale.
 */

/** Deepest JSON nesting a data file may have; a least-squares file needs 3 ({"X": [[...]]}). */
export const MAX_DATA_NESTING = 20;

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

/**
 * Like `show`, but objects and arrays from a JSON file are printed as shortened JSON. Only the
 * first levels are walked (JSON.stringify on a value nested 100000 deep overflows the stack).
 */
function describe(v: unknown): string {
  if (typeof v !== "object" || v === null) return show(v);
  const json = shallowJson(v, 3);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

function shallowJson(v: unknown, levels: number): string {
  if (typeof v !== "object" || v === null) return JSON.stringify(v) ?? String(v);
  if (levels === 0) return Array.isArray(v) ? "[...]" : "{...}";
  if (Array.isArray(v)) {
    const items = v.slice(0, 8).map((item: unknown) => shallowJson(item, levels - 1));
    return `[${items.join(",")}${v.length > 8 ? ",..." : ""}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).slice(0, 8);
  return `{${entries.map(([k, item]) => `${JSON.stringify(k)}:${shallowJson(item, levels - 1)}`).join(",")}}`;
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

/** X and y checked (shape, finiteness) and copied into typed arrays. */
function packData(X: MatrixInput, y: ArrayLike<number>): { X: Float64Array; y: Float64Array; n: number; d: number } {
  const m = isFlat(X) ? checkFlat(X) : packRows(X, "");
  return { X: m.X, y: packTargets(y, m.n, ""), n: m.n, d: m.d };
}

/** Refuses data whose loss could overflow at weights of size 1 (see the doc comment at the top). */
function checkScale(A: Float64Array, b: Float64Array, n: number, d: number): void {
  let total = 0;
  let worst = 0;
  let worstRow = 0;
  for (let i = 0, row = 0; i < n; i++, row += d) {
    let s = Math.abs(b[i]);
    for (let j = 0; j < d; j++) s += Math.abs(A[row + j]);
    if (s > worst) {
      worst = s;
      worstRow = i;
    }
    total += s * s;
  }
  if (Number.isFinite(total)) return;
  // The row sum itself may overflow (Infinity): size the advice by the largest entry instead.
  let largest = 0;
  for (let i = 0; i < A.length; i++) if (Math.abs(A[i]) > largest) largest = Math.abs(A[i]);
  for (let i = 0; i < b.length; i++) if (Math.abs(b[i]) > largest) largest = Math.abs(b[i]);
  const exponent = Math.max(1, Math.floor(Math.log10(Number.isFinite(worst) ? worst : largest)));
  const where = Number.isFinite(worst * worst)
    ? `the sum over the ${n} rows of (sum_j |X[i][j]| + |y[i]|)^2 exceeds the largest double, 1.8e308`
    : Number.isFinite(worst)
      ? `row ${worstRow} has sum_j |X[${worstRow}][j]| + |y[${worstRow}]| = ${worst.toPrecision(3)}, whose square exceeds the largest double, 1.8e308`
      : `row ${worstRow} has sum_j |X[${worstRow}][j]| + |y[${worstRow}]| above the largest double, 1.8e308`;
  fail(
    `the data's scale is too large: the loss and gradient would overflow at weights of size 1 (${where}); ` +
      `rescale X and y, e.g. divide them by 1e${exponent}`,
  );
}

export function leastSquares(X: MatrixInput, y: ArrayLike<number>): LeastSquaresObjective {
  const { X: A, y: b, n, d } = packData(X, y);
  checkScale(A, b, n, d);
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
      checkGradientOut("least squares", d, out);
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
 *
 * Scaling: column j of X is divided by c_j = max_i |X[i][j]| and y by s = max_i |y[i]| before
 * the normal equations are formed, so X^T X cannot overflow (orthogonal columns of size 1e200
 * are solved, not mistaken for dependent ones) and the dependence test compares columns of like
 * size; then w_j = s * w~_j / c_j. An all-zero column is dependent; a w* too large for a double
 * is reported as such.
 */
export function solveLeastSquares(problem: LeastSquaresObjective): Float64Array;
export function solveLeastSquares(X: MatrixInput, y: ArrayLike<number>): Float64Array;
export function solveLeastSquares(X: MatrixInput | LeastSquaresObjective, y?: ArrayLike<number>): Float64Array {
  // Not through leastSquares(): its scale check is about the loss at |w| <= 1, which the exact
  // solve does not evaluate.
  const p = "valueAndGradient" in X ? (X as LeastSquaresObjective) : packData(X as MatrixInput, y as ArrayLike<number>);
  const { n, d } = p;
  const colScale = new Float64Array(d);
  for (let i = 0, row = 0; i < n; i++, row += d) {
    for (let j = 0; j < d; j++) colScale[j] = Math.max(colScale[j], Math.abs(p.X[row + j]));
  }
  for (let j = 0; j < d; j++) {
    if (colScale[j] === 0) {
      fail(`least squares has no unique solution: column ${j} of X is all zeros, so X^T X is singular`);
    }
  }
  let yScale = 0;
  for (let i = 0; i < n; i++) yScale = Math.max(yScale, Math.abs(p.y[i]));
  if (yScale === 0) yScale = 1;
  const A = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let i = 0, row = 0; i < n; i++, row += d) {
    const yi = p.y[i] / yScale;
    for (let j = 0; j < d; j++) {
      const xij = p.X[row + j] / colScale[j];
      rhs[j] += xij * yi;
      for (let k = 0; k <= j; k++) A[j * d + k] += xij * (p.X[row + k] / colScale[k]);
    }
  }
  const w = solveCholesky(A, rhs, d, {
    describeFailure: (j) =>
      `least squares has no unique solution: column ${j} of X is (numerically) a combination of the ` +
      `columns before it, so X^T X is singular`,
  });
  for (let j = 0; j < d; j++) {
    w[j] = (w[j] / colScale[j]) * yScale;
    if (!Number.isFinite(w[j])) {
      fail(`the exact least-squares solution overflows: w[${j}] is beyond the largest double; rescale X or y`);
    }
  }
  return w;
}

/**
 * Refuses JSON nested deeper than MAX_DATA_NESTING before parsing it: such a value would make any
 * later recursive walk (printing it in a message, copying it) overflow the stack. Brackets inside
 * strings are skipped.
 */
function checkNesting(text: string, prefix: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_DATA_NESTING) {
        fail(
          `${prefix}JSON nested more than ${MAX_DATA_NESTING} levels deep (at character ${i + 1}), the limit; ` +
            `expected {"X": [[...], ...], "y": [...]}`,
        );
      }
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
}

/** JSON.parse's message on one line (it may quote the text around the error, newlines included), with line and column. */
function jsonErrorLine(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\r?\n/g, "\\n").replace(/\s+/g, " ");
  const m = /position (\d+)/.exec(message);
  if (m === null) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `${message}, line ${line} column ${column}`;
}

/**
 * Reads a least-squares data file, `{"X": [[1, 2], [3, 4], ...], "y": [5, 6, ...]}`, and checks
 * it fully, so a bad file gets one message saying what and where (e.g. `X[3][1] must be a finite
 * number, got "a"`) instead of a NaN loss later. `source` (e.g. the file name) prefixes messages.
 */
export function parseLeastSquaresJson(text: string, source?: string): { X: number[][]; y: number[] } {
  const prefix = source === undefined ? "" : `${source}: `;
  // A UTF-8 byte order mark (some editors write one) is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkNesting(body, prefix);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    fail(`${prefix}not valid JSON (${jsonErrorLine(body, error)}); expected {"X": [[...], ...], "y": [...]}`);
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
