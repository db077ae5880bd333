import { DescentInputError } from "../core/errors";
import { createRng } from "../core/rng";
import { integerAtLeast, oneOf } from "../core/validate";
import { saltedSeed } from "../data/salt";

/**
 * The order examples are visited in each epoch.
 * - "shuffle": a fresh seeded permutation every epoch (the usual SGD advice: a fixed order can
 *   bias the updates, e.g. all examples of one class in a row).
 * - "fixed": 0, 1, ..., n-1 every epoch.
 * - "curriculum" (Bengio et al., 2009): sorted by a difficulty score, easiest first, every epoch
 *   (ties keep the data set's order).
 */
export type OrderKind = "shuffle" | "fixed" | "curriculum";
export const ORDER_KINDS: readonly OrderKind[] = ["shuffle", "fixed", "curriculum"];

export interface EpochOrder {
  readonly kind: OrderKind;
  /** The order for the next epoch; the same array is refilled each call (no allocation). */
  next(): Int32Array;
}

export function createEpochOrder(options: {
  kind: OrderKind;
  n: number;
  seed?: number;
  /** Length n, larger = harder; required for "curriculum". */
  difficulty?: ArrayLike<number>;
}): EpochOrder {
  const kind = oneOf("order", options.kind, ORDER_KINDS);
  const n = integerAtLeast("n", options.n, 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (kind === "curriculum") {
    const diff = options.difficulty;
    if (!diff || diff.length !== n) {
      throw new DescentInputError(
        `order "curriculum" needs a difficulty score per example (length ${n}), got ${diff ? `length ${diff.length}` : "none"}`,
      );
    }
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(diff[i])) throw new DescentInputError(`difficulty[${i}] must be a number, got NaN`);
    }
    // Array.prototype.sort is stable, so equal difficulties keep their original order.
    const sorted = Array.from(order).sort((a, b) => diff[a] - diff[b]);
    order.set(sorted);
  }
  const rng = createRng(saltedSeed(options.seed ?? 0, "order"));
  return {
    kind,
    next(): Int32Array {
      if (kind === "shuffle") {
        for (let i = 0; i < n; i++) order[i] = i;
        rng.shuffle(order);
      }
      return order;
    },
  };
}
