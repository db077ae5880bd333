/**
 * Exercise 12: mini-batches with shuffling (lessons 01 and 14).
 *
 * One call = one epoch: shuffle the example indices 0 .. n-1 and cut them into batches of
 * `batchSize` (the last batch holds what is left when batchSize does not divide n).
 *
 * Shuffle with Fisher-Yates, from the last index down, drawing from `random()` (uniform in [0, 1)):
 *
 *     for i = n-1 down to 1:  j = floor(random() * (i + 1));  swap order[i] and order[j]
 *
 * (This exact order lets the grader check your batches number by number; the library's
 * src/core/rng.ts shuffles the same way.) Each call starts again from 0 .. n-1 and keeps drawing
 * from the same `random`, so every epoch gets a new order.
 *
 * Task: implement `miniBatches`, returning an array of batches (arrays of indices).
 *
 * Check: `check("minibatches", miniBatches)`, or `npx descent grade exercises/12-minibatches.ts`.
 */
export function miniBatches(n: number, batchSize: number, random: () => number): number[][] {
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const batches: number[][] = [];
  for (let start = 0; start < n; start += batchSize) batches.push(order.slice(start, start + batchSize));
  return batches;
}
