/**
 * The largest working memory a simulated parallel run may allocate, in float64 numbers:
 * 2^27 numbers = 1 GiB. WHY a cap: buffer sizes grow with options a user types (a delay, a
 * number of workers, a dimension), and an allocation beyond the heap ends Node with an
 * out-of-memory crash instead of a message. 1 GiB is well above any lesson's needs (d = 10,000
 * with 1,000 gradients in flight is 80 MB) and below the default heap of a 64-bit Node.
 */
export const MAX_BUFFER_NUMBERS = 2 ** 27;

/** Throws a RangeError naming `what` and the cap when `numbers` float64s would exceed it. */
export function checkBufferBudget(runner: string, what: string, numbers: number): void {
  if (numbers > MAX_BUFFER_NUMBERS) {
    throw new RangeError(
      `${runner}: ${what} would need ${(numbers * 8 / 2 ** 30).toFixed(1)} GiB of buffers; the limit is ` +
        `${MAX_BUFFER_NUMBERS * 8 / 2 ** 30} GiB (${MAX_BUFFER_NUMBERS} numbers): use a smaller delay, fewer workers or fewer steps`,
    );
  }
}
