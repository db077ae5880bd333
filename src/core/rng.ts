/**
 * A small seeded pseudo-random generator (mulberry32 for uniforms, Box-Muller for normals),
 * so every synthetic data set, shuffle and noise sample is reproducible from one integer seed,
 * in Node and in the browser alike.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffles `a` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T;
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${String(seed)}`);
  let s = seed >>> 0;
  let spare = NaN; // Box-Muller makes normals in pairs; keep the second one.
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const r = spare;
      spare = NaN;
      return r;
    }
    let u = 0;
    while (u === 0) u = uniform(); // log(0) would be -Infinity
    const v = uniform();
    const mag = Math.sqrt(-2 * Math.log(u));
    spare = mag * Math.sin(2 * Math.PI * v);
    return mag * Math.cos(2 * Math.PI * v);
  };
  const int = (n: number): number => Math.floor(uniform() * n);
  const shuffle = <T extends { length: number; [i: number]: number }>(a: T): T => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  };
  return { uniform, normal, int, shuffle };
}
