/**
 * Comparing a student's output with the expected one, and printing values briefly.
 *
 * Numbers agree when |got - expected| <= atol + rtol * |expected|. The default tolerances allow
 * for a different but correct order of floating-point operations (a few ulps per step, compounded
 * over a short trajectory), and nothing more: every catalogued mistake moves the output by far
 * more than 1e-7 relative on the grader's cases.
 */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-7, atol: 1e-10 };

/** The first place where `got` differs from `expected`, or null when they agree. */
export interface Difference {
  /** Path into the value, e.g. "trajectory[2][1]" (empty for the value itself). */
  readonly path: string;
  /** What differs: "expected 0.5, got 0.25", "expected an array of 3 numbers, got a string". */
  readonly what: string;
  /** The same sentence without the expected value (for hidden tests). */
  readonly whatHidden: string;
}

function isNumberArrayLike(v: unknown): v is ArrayLike<number> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined (nothing returned)";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (isNumberArrayLike(v)) return `a typed array of length ${v.length}`;
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : `the number ${formatNumber(v)}`;
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

/** A number in at most 10 significant digits (exact integers stay as they are). */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** A short rendering of a plain value: arrays cut after `maxItems` entries. */
export function formatValue(v: unknown, maxItems = 8, depth = 0): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (v === null || v === undefined || typeof v === "boolean") return String(v);
  if (typeof v === "function") return "[function]";
  if (depth > 3) return "...";
  if (Array.isArray(v) || isNumberArrayLike(v)) {
    const items = Array.from(v as ArrayLike<unknown>);
    const shown = items.slice(0, maxItems).map((x) => formatValue(x, maxItems, depth + 1));
    if (items.length > maxItems) shown.push(`... ${items.length - maxItems} more`);
    return `[${shown.join(", ")}]`;
  }
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).slice(0, maxItems);
    // Keys may be the student's: anything but a plain name is quoted (it cannot fake a report line).
    return `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]{0,40}$/.test(k) ? k : JSON.stringify(k.slice(0, 80)).replace(/[\u2028\u2029]/g, "?")}: ${formatValue(x, maxItems, depth + 1)}`).join(", ")} }`;
  }
  return String(v);
}

function numbersAgree(expected: number, got: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  if (!Number.isFinite(expected)) return expected === got;
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/**
 * Walks `expected` (plain numbers, strings, booleans, null, arrays, objects) and `got` together
 * and returns the first difference. `got` may come from untrusted code: anything is handled.
 */
export function firstDifference(expected: unknown, got: unknown, tol: Tolerance = DEFAULT_TOLERANCE, path = ""): Difference | null {
  const at = (what: string, whatHidden: string): Difference => ({ path, what, whatHidden });
  if (typeof expected === "number") {
    if (typeof got !== "number") return at(`expected a number, got ${kindOf(got)}`, `expected a number, got ${kindOf(got)}`);
    if (numbersAgree(expected, got, tol)) return null;
    const gotText = Number.isNaN(got) ? "NaN" : formatNumber(got);
    return at(`expected ${formatNumber(expected)}, got ${gotText}`, `got ${gotText}, which is not the expected value`);
  }
  if (Array.isArray(expected)) {
    const list = Array.isArray(got) ? got : isNumberArrayLike(got) ? Array.from(got) : null;
    if (list === null) {
      return at(`expected an array of length ${expected.length}, got ${kindOf(got)}`, `expected an array of length ${expected.length}, got ${kindOf(got)}`);
    }
    if (list.length !== expected.length) {
      const what = `expected an array of length ${expected.length}, got length ${list.length}`;
      return at(what, what);
    }
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], list[i], tol, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (got === null || typeof got !== "object" || Array.isArray(got)) {
      return at(`expected an object, got ${kindOf(got)}`, `expected an object, got ${kindOf(got)}`);
    }
    for (const key of Object.keys(expected)) {
      if (!Object.prototype.hasOwnProperty.call(got, key)) {
        return at(`missing property "${key}"`, `missing property "${key}"`);
      }
      const d = firstDifference(
        (expected as Record<string, unknown>)[key],
        (got as Record<string, unknown>)[key],
        tol,
        path ? `${path}.${key}` : key,
      );
      if (d) return d;
    }
    return null;
  }
  if (expected === got) return null;
  return at(`expected ${formatValue(expected)}, got ${formatValue(got)}`, `got ${formatValue(got)}, which is not the expected value`);
}

/** True when two outputs agree within the tolerance (NaN agrees with NaN). */
export function sameOutput(a: unknown, b: unknown, tol: Tolerance = DEFAULT_TOLERANCE): boolean {
  return firstDifference(a, b, tol) === null;
}
