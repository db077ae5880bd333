/**
 * A seed for one purpose, derived from the user's seed and a fixed label.
 *
 * Every random step (choosing MNIST digits, splitting, shuffling each epoch, gradient noise) is
 * seeded, and users pass the same small seed (0) everywhere. With the raw seed, two steps that
 * shuffle arrays of the same length draw the SAME permutation: a split made right after loading
 * MNIST would then undo the loader's shuffle and put whole classes in the validation set.
 * Mixing in a per-purpose label gives independent streams while staying reproducible.
 */
export function saltedSeed(seed: number, salt: string): number {
  let h = 0x811c9dc5; // FNV-1a over the label
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 0x01000193);
  let z = (h ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
