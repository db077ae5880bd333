/**
 * Exercise 13: early stopping (lesson 14).
 *
 * `valLosses[e]` is the validation loss after epoch e (e = 0: before training). Epoch e IMPROVES
 * when valLosses[e] < best - minDelta, where best is the loss of the last improving epoch (epoch 0
 * always counts as the first best). Training stops at the first epoch after which `patience`
 * epochs in a row have not improved; the parameters kept are those of the best epoch.
 *
 * Task: implement `earlyStopping`, returning the epoch training stops at (null when it runs
 * through every epoch given) and the best epoch. This is the rule of the library's training loop
 * (`train` with `earlyStopping: { patience, minDelta }`), which the grader compares against.
 *
 * Check: `check("early-stopping", earlyStopping)`, or `npx descent grade exercises/13-early-stopping.ts`.
 */
export function earlyStopping(valLosses: number[], patience: number, minDelta: number): { stopEpoch: number | null; bestEpoch: number } {
  let best = Infinity;
  let bestEpoch = 0;
  let since = 0;
  for (let e = 0; e < valLosses.length; e++) {
    if (e === 0 || valLosses[e] < best - minDelta) {
      best = valLosses[e];
      bestEpoch = e;
      since = 0;
    } else {
      since++;
    }
    if (since >= patience) return { stopEpoch: e, bestEpoch };
  }
  return { stopEpoch: null, bestEpoch };
}
