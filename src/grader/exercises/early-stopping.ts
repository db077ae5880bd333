import type { Dataset } from "../../data/dataset";
import type { Model } from "../../models/model";
import { sgd } from "../../optimizers/sgd";
import { train } from "../../train/train";
import { formatValue } from "../compare";
import type { CallsCaseData } from "../drivers";
import { caseRng, defineExercise, outputMistake } from "../exercise";
import { earlyStoppingMutant } from "../mistakes/early-stopping";
import type { DriverInput, PlainValue, TestCase } from "../types";

/**
 * Exercise 13: early stopping. Given the validation loss after each epoch (index 0 = before
 * training), a patience and a minDelta, say at which epoch training stops (null if it never
 * does) and which epoch's parameters are kept.
 *
 * Reference: the library's own training loop, src/train/train.ts, run on a scripted model whose
 * validation loss follows the given sequence; so the rule graded is exactly the one `train` uses.
 */

type Args = [number[], number, number];
const calls = (input: DriverInput): Args[] => (input.data as unknown as CallsCaseData).calls as unknown as Args[];

/** What src's train decides for a sequence of validation losses. */
export function libraryEarlyStopping(losses: readonly number[], patience: number, minDelta: number): { stopEpoch: number | null; bestEpoch: number } {
  const makeSet = (name: string): Dataset => ({ name, n: 1, d: 1, X: new Float64Array(1), y: new Float64Array(1) });
  const data = makeSet("scripted-train");
  const validation = makeSet("scripted-validation");
  let epoch = 0;
  const model: Model = {
    name: "scripted",
    dim: 1,
    initParams: () => new Float64Array(1),
    lossAndGradient: (_p, _d, _idx, _s, _e, grad) => {
      grad[0] = 0;
      return 0;
    },
    loss: (_p, set) => (set === validation ? losses[epoch++] : 0),
    accuracy: () => NaN,
  };
  const history = train(model, data, sgd({ lr: 0.1 }), {
    epochs: losses.length - 1,
    batchSize: 1,
    validation,
    earlyStopping: { patience, minDelta },
  });
  const stopEpoch = history.stopped?.kind === "early-stopping" ? history.stopped.epoch : null;
  return { stopEpoch, bestEpoch: history.bestEpoch };
}

export function earlyCase(id: string, title: string, points: number, visible: boolean, list: Args[]): TestCase {
  const d: CallsCaseData = { calls: list as unknown as PlainValue[][] };
  return { id, title, points, visible, input: { driver: "calls", exportName: "earlyStopping", data: d as unknown as PlainValue } };
}

/** A noisy decreasing curve that flattens and rises: a typical validation loss. */
export function curve(id: string, length: number): number[] {
  const rng = caseRng("early-stopping", id);
  const out: number[] = [];
  for (let e = 0; e < length; e++) {
    const v = 1 / (1 + 0.5 * e) + 0.01 * e + 0.03 * (rng.uniform() - 0.5);
    out.push(Math.round(v * 1000) / 1000);
  }
  return out;
}

const CASES: TestCase[] = [
  earlyCase("stops", "stops after patience epochs without improvement", 1, true, [[[1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.6], 3, 0]]),
  earlyCase("never-stops", "keeps going while the loss improves", 1, true, [[[1.0, 0.9, 0.85, 0.8, 0.79], 2, 0]]),
];

export const EARLY_STOPPING_EXERCISE = defineExercise({
  name: "early-stopping",
  file: "13-early-stopping.ts",
  title: "Early stopping",
  exports: ["earlyStopping"],
  cases: CASES,
  expected: (input) => calls(input).map(([l, p, d]) => libraryEarlyStopping(l, p, d)) as unknown as PlainValue,
  describe: (input) => calls(input).map(([l, p, d]) => `earlyStopping(${formatValue(l, 10)}, ${p}, ${d})`).join("; "),
  mistakes: [
    outputMistake("non-strict", "an equal loss counted as an improvement", "Improvement means loss < best - minDelta (strictly below): a tie does not reset the patience.", (input) =>
      calls(input).map(([l, p, d]) => earlyStoppingMutant(l, p, d, "non-strict")) as unknown as PlainValue,
    ),
    outputMistake("min-delta-ignored", "minDelta ignored", "An epoch improves only when its loss is below best - minDelta.", (input) =>
      calls(input).map(([l, p]) => libraryEarlyStopping(l, p, 0)) as unknown as PlainValue,
    ),
    outputMistake("late", "stops one epoch late", "Stop as soon as `patience` epochs in a row brought no improvement, not after patience + 1.", (input) =>
      calls(input).map(([l, p, d]) => earlyStoppingMutant(l, p, d, "late")) as unknown as PlainValue,
    ),
    outputMistake("best-is-last", "reports the last epoch as the best", "bestEpoch is the epoch with the best validation loss, whose parameters early stopping restores.", (input) =>
      calls(input).map(([l, p, d]) => earlyStoppingMutant(l, p, d, "best-is-last")) as unknown as PlainValue,
    ),
  ],
});
