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

/**
 * Euclidean norm, accumulated in double precision, without overflow or underflow: when the plain
 * sum of squares is not safely inside the double range (an entry above about 1.3e154 squares to
 * Infinity; one below 1e-154 squares to 0), the entries are scaled by the largest magnitude first,
 * as BLAS dnrm2 does: ||v|| = s * sqrt(sum (v_i / s)^2), s = max |v_i|. NaN in, NaN out.
 */
export function norm2(v: Vec): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s < Infinity && s > 1e-290) return Math.sqrt(s);
  if (Number.isNaN(s)) return NaN;
  // Overflowed, or so small that squares lost digits (or all zeros): scale.
  let scale = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (Number.isNaN(a)) return NaN;
    if (a > scale) scale = a;
  }
  if (scale === 0 || scale === Infinity) return scale;
  let t = 0;
  for (let i = 0; i < v.length; i++) {
    const r = v[i] / scale;
    t += r * r;
  }
  return scale * Math.sqrt(t);
}

/** True when every entry is finite (no NaN, no +-Infinity). */
export function allFinite(v: Vec): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
