import { DescentInputError, show } from "../core/errors";

/**
 * McNemar's exact test: are two classifiers, scored on the SAME test examples, equally accurate?
 * Only the examples where they disagree carry information: $b$ = right by A only, $c$ = right by
 * B only. Under "equally accurate" each disagreement is a fair coin, so $b \sim \mathrm{Bin}(b + c, \tfrac12)$
 * and the two-sided p-value is
 *
 * $$p = \min\Big(1,\; 2 \sum_{k=0}^{\min(b, c)} \binom{b+c}{k} 2^{-(b+c)}\Big).$$
 *
 * This is the right test for "A's accuracy minus B's" on one test set: comparing that difference
 * with the standard error of ONE accuracy ignores that both are measured on the same examples.
 */
export function mcnemar(correctA: ArrayLike<boolean>, correctB: ArrayLike<boolean>): { onlyA: number; onlyB: number; pValue: number } {
  if (correctA?.length === undefined || correctB?.length === undefined || correctA.length !== correctB.length || correctA.length === 0) {
    throw new DescentInputError(`mcnemar: expected two non-empty arrays of the same length (one verdict per test example), got ${show(correctA?.length)} and ${show(correctB?.length)}`);
  }
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < correctA.length; i++) {
    if (correctA[i] && !correctB[i]) onlyA++;
    else if (!correctA[i] && correctB[i]) onlyB++;
  }
  const n = onlyA + onlyB;
  if (n === 0) return { onlyA, onlyB, pValue: 1 };
  // log C(n, k) 2^-n summed from k = 0 to min(b, c), in log space so large n does not overflow.
  let logTerm = -n * Math.LN2; // k = 0
  let tail = Math.exp(logTerm);
  for (let k = 1; k <= Math.min(onlyA, onlyB); k++) {
    logTerm += Math.log((n - k + 1) / k);
    tail += Math.exp(logTerm);
  }
  return { onlyA, onlyB, pValue: Math.min(1, 2 * tail) };
}

/**
 * A paired comparison over seeds (or data sets): $d_i = b_i - a_i$, its mean $\bar d$ and standard
 * error $s_d/\sqrt{n}$. A difference is called only when $|\bar d| > 2\,\mathrm{SE}$ AND every $d_i$ has
 * the same sign (with a handful of seeds the first alone is too easy to pass by luck).
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): { mean: number; se: number; called: boolean } {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length || a.length < 2) {
    throw new DescentInputError(`pairedDifference: expected two arrays of the same length >= 2, got ${show(a)} and ${show(b)}`);
  }
  const d = a.map((x, i) => b[i] - x);
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
  const se = sd / Math.sqrt(d.length);
  const oneSign = d.every((x) => x > 0) || d.every((x) => x < 0);
  return { mean, se, called: oneSign && Math.abs(mean) > 2 * se };
}
