/**
 * The seeded generator of the worker threads, as plain JavaScript source spliced into
 * HOGWILD_WORKER_SOURCE and DOWNPOUR_WORKER_SOURCE (workers run source strings, not modules; see
 * hogwild-worker-source.ts). It is src/core/rng.ts's mulberry32 `uniform` and Fisher-Yates
 * `shuffle`, draw for draw, so a worker visits examples in the order `createRng(seed).shuffle`
 * gives; test/parallel/kernel.test.ts checks that they agree. Expects `d.seed` in scope.
 */
export const WORKER_RNG_SOURCE = String.raw`
let s = d.seed >>> 0;
function uniform() {
  s = (s + 0x6d2b79f5) >>> 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
}
`;
