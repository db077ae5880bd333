/**
 * The numeric arrays Descent works on. Every optimizer, objective and model reads and writes
 * flat typed arrays so that a step allocates nothing and runs the same in Node and the browser.
 */
export type Vec = Float64Array | Float32Array;

/** The element type of a parameter vector; state buffers are made with the same type. */
export type FloatKind = "float64" | "float32";

/** A new zero-filled array of the same element type (Float32Array or Float64Array) as `like`. */
export function zerosLike(like: Vec, length: number = like.length): Vec {
  return like instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);
}

/** Euclidean norm, accumulated in double precision. */
export function norm2(v: Vec): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** True when every entry is finite (no NaN, no +-Infinity). */
export function allFinite(v: Vec): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
