/**
 * x^y for real numbers, as the formulas define it (the same values as mathjs's predictable mode,
 * in constant time):
 * - x >= 0, or y an integer: Math.pow(x, y);
 * - x < 0 and y = p/q in lowest terms with q odd (1/3, 5/3, -2/5, ...): the real root,
 *   |x|^y with the sign (-1)^p, e.g. (-8)^(1/3) = -2, (-8)^(2/3) = 4. Such a y is recognised from
 *   its double by continued fractions: the first convergent within 1e-12 (relative) of y, with a
 *   denominator of at most 10^6;
 * - x < 0 and any other y (q even, as 0.5, or no small fraction, as pi): NaN, the power is not a
 *   real number.
 */
export function realPow(x: number, y: number): number {
  if (!(x < 0) || Number.isInteger(y) || !Number.isFinite(y)) return Math.pow(x, y);
  const f = smallFraction(Math.abs(y));
  if (f === undefined || f.q % 2 === 0) return NaN;
  const r = Math.pow(-x, y);
  return f.p % 2 === 0 ? r : -r;
}

/** The first continued-fraction convergent p/q of y > 0 within 4e-16 relative, q <= 1000. */
export function smallFraction(y: number): { p: number; q: number } | undefined {
  let [h0, h1] = [1, 0]; // numerators of the last two convergents
  let [k0, k1] = [0, 1]; // denominators
  let a = y;
  for (let i = 0; i < 40; i++) {
    const ai = Math.floor(a);
    [h0, h1] = [ai * h0 + h1, h0];
    [k0, k1] = [ai * k0 + k1, k0];
    if (k0 > 1000) return undefined;
    if (Math.abs(y - h0 / k0) <= 4e-16 * y) return { p: h0, q: k0 };
    const frac = a - ai;
    if (frac === 0) return undefined;
    a = 1 / frac;
  }
  return undefined;
}
