import type { Rng } from "../core/rng";

/**
 * k DISTINCT indices in [0, d), index j drawn with probability proportional to weight[j]
 * (sequential sampling without replacement), in bounded time whatever the weights.
 *
 * WHY two methods: rejection (draw with replacement from the cumulative weights, keep new
 * indices) is fast and is what generated every data set so far, so it runs first and the same
 * seed still gives the same data. But when a few weights hold almost all the mass (a Zipf skew
 * of 50 on d = 100 gives weight 1 to column 0 and 2^-50 to column 1) rejection almost never finds
 * a second index and looped for ever. After `maxTries` rejected draws the remaining indices are
 * drawn exactly from a sum tree whose chosen leaves are set to 0: O(log d) per draw, sums
 * recomputed from the leaves (never by subtraction, so no cancellation). When every remaining
 * weight is 0 in floating point (underflow), the lowest unchosen indices are taken: the limit of
 * the distribution as the weights of the chosen ones dominate.
 */
export interface DistinctDrawer {
  /** Writes k distinct indices, sorted ascending, into out[0..k). */
  draw(k: number, out: Int32Array): void;
}

export function createDistinctDrawer(weights: Float64Array, rng: Rng): DistinctDrawer {
  const d = weights.length;
  const cdf = new Float64Array(d);
  let total = 0;
  for (let j = 0; j < d; j++) {
    total += weights[j];
    cdf[j] = total;
  }
  const withReplacement = (): number => {
    const u = rng.uniform() * total;
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  // The sum tree is built on first need (most data sets never need it).
  let size = 1;
  while (size < d) size *= 2;
  let tree: Float64Array | null = null;
  const set = (t: Float64Array, j: number, w: number): void => {
    let p = size + j;
    t[p] = w;
    for (p >>= 1; p >= 1; p >>= 1) t[p] = t[2 * p] + t[2 * p + 1];
  };
  const exactDraw = (t: Float64Array): number => {
    let u = rng.uniform() * t[1];
    let p = 1;
    while (p < size) {
      const left = t[2 * p];
      // Rounding can leave u just past the last positive leaf: never step into a zero subtree.
      if ((u < left && left > 0) || t[2 * p + 1] <= 0) p = 2 * p;
      else {
        u -= left;
        p = 2 * p + 1;
      }
    }
    return p - size;
  };

  const chosen = new Set<number>();
  return {
    draw(k: number, out: Int32Array): void {
      chosen.clear();
      const maxTries = 16 * k + 64;
      for (let tries = 0; chosen.size < k && tries < maxTries; tries++) chosen.add(withReplacement());
      if (chosen.size < k) {
        if (tree === null) {
          tree = new Float64Array(2 * size);
          for (let j = 0; j < d; j++) set(tree, j, weights[j]);
        }
        const t = tree;
        for (const j of chosen) set(t, j, 0);
        let lowest = 0;
        while (chosen.size < k) {
          let j: number;
          if (t[1] > 0) j = exactDraw(t);
          else {
            while (chosen.has(lowest)) lowest++;
            j = lowest;
          }
          chosen.add(j);
          set(t, j, 0);
        }
        for (const j of chosen) set(t, j, weights[j]); // restore for the next row
      }
      let c = 0;
      for (const j of chosen) out[c++] = j;
      out.subarray(0, k).sort();
    },
  };
}
