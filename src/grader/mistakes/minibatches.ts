import { cut } from "../exercise";

/**
 * NOT the specified order (catalogue, see run-mutant.ts): a correct uniform shuffle that runs
 * from the front (j = i + floor(random() * (n - i))). Recognised so the student is told their
 * shuffle is valid but differs from the one the exercise fixes for exact checking.
 */
export function forwardShuffleBatches(n: number, batchSize: number, random: () => number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return cut(order, batchSize, true);
}

/** DELIBERATELY WRONG (catalogue): Mini-batches of a shuffle whose swap index skips i itself (Sattolo's cycle, not Fisher-Yates). */
export function sattoloBatches(n: number, batchSize: number, random: () => number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return cut(order, batchSize, true);
}
