import { createRng } from "../../core/rng";
import { compareJudge, cut, defineExercise, outputMistake } from "../exercise";
import type { CallsCaseData } from "../drivers";
import { forwardShuffleBatches, sattoloBatches } from "../mistakes/minibatches";
import type { DriverInput, PlainValue, TestCase, Verdict } from "../types";

/**
 * Exercise 12: a mini-batch iterator with shuffling. Each call is one epoch: shuffle 0..n-1 with
 * Fisher-Yates driven by `random` (from the last index down, j = floor(random() * (i + 1)), the
 * shuffle of src/core/rng.ts) and cut the order into batches. Two kinds of case: "partition"
 * cases accept any permutation (the batches must cover every example once, in the right sizes,
 * and differ between epochs); "exact" cases ask for the specified shuffle.
 * Reference: src createRng(seed).shuffle on the same stream.
 */

interface Data extends CallsCaseData {
  check: "partition" | "exact";
}
const data = (input: DriverInput): Data => input.data as unknown as Data;

function libraryBatches(input: DriverInput): PlainValue {
  const out: PlainValue[] = [];
  const rngs = new Map<number, ReturnType<typeof createRng>>();
  for (const [n, batchSize, gen] of data(input).calls as [number, number, { $uniform: number }][]) {
    let rng = rngs.get(gen.$uniform);
    if (!rng) {
      rng = createRng(gen.$uniform);
      rngs.set(gen.$uniform, rng);
    }
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    rng.shuffle(order);
    out.push(cut(order, batchSize, true));
  }
  return out;
}

function epochCall(n: number, batchSize: number, seed: number): PlainValue[] {
  return [n, batchSize, { $uniform: seed }];
}

export function batchCase(id: string, title: string, points: number, visible: boolean, check: Data["check"], n: number, batchSize: number, epochs: number, seed: number): TestCase {
  const d: Data = { check, calls: Array.from({ length: epochs }, () => epochCall(n, batchSize, seed)) };
  return { id, title, points, visible, input: { driver: "calls", exportName: "miniBatches", data: d as unknown as PlainValue } };
}

const CASES: TestCase[] = [
  batchCase("partition", "batches cover every example once, sizes right", 1, true, "partition", 10, 3, 1, 11),
  batchCase("reshuffled", "a new order every epoch", 1, true, "partition", 8, 4, 2, 12),
  batchCase("exact-small", "the specified Fisher-Yates order", 1, true, "exact", 7, 2, 1, 13),
];

/** Checks the batches are a partition of 0..n-1 in sizes batchSize (last: the remainder). */
function partitionProblem(n: number, batchSize: number, got: unknown): string | null {
  if (!Array.isArray(got)) return `expected an array of batches, got ${typeof got}`;
  const count = Math.ceil(n / batchSize);
  if (got.length !== count) return `expected ${count} batches for n = ${n}, batchSize = ${batchSize}, got ${got.length}`;
  const seen = new Set<number>();
  for (let b = 0; b < got.length; b++) {
    const batch: unknown = got[b];
    const size = b === count - 1 && n % batchSize !== 0 ? n % batchSize : batchSize;
    if (!Array.isArray(batch)) return `batch ${b} is not an array`;
    if (batch.length !== size) return `batch ${b} has ${batch.length} examples, expected ${size}`;
    for (const i of batch) {
      if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= n) return `batch ${b} holds ${String(i)}, not an index in 0..${n - 1}`;
      if (seen.has(i)) return `example ${i} appears twice in one epoch`;
      seen.add(i);
    }
  }
  return null;
}

const exact = compareJudge(libraryBatches);

function judge(testCase: TestCase, got: unknown): Verdict {
  const d = data(testCase.input);
  if (d.check === "exact") return exact(testCase, got);
  if (!Array.isArray(got) || got.length !== d.calls.length) {
    return { pass: false, fraction: 0, message: `expected one list of batches per call (${d.calls.length}), got ${Array.isArray(got) ? got.length : typeof got}` };
  }
  for (let e = 0; e < d.calls.length; e++) {
    const [n, batchSize] = d.calls[e] as [number, number];
    const problem = partitionProblem(n, batchSize, got[e]);
    if (problem) return { pass: false, fraction: 0, message: `epoch ${e + 1}: ${problem}` };
  }
  if (d.calls.length > 1 && JSON.stringify(got[0]) === JSON.stringify(got[1])) {
    return { pass: false, fraction: 0, message: "epochs 1 and 2 have the same order: shuffle again at every call" };
  }
  if (d.calls.length === 1) {
    const flat = (got[0] as number[][]).flat();
    if (flat.every((x, i) => x === i)) return { pass: false, fraction: 0, message: "the examples are in their original order: shuffle them first" };
  }
  return { pass: true, fraction: 1, message: "" };
}

function viaOrder(f: (n: number, batchSize: number, random: () => number) => number[][]): (input: DriverInput) => PlainValue {
  return (input) => {
    const gens = new Map<number, () => number>();
    return (data(input).calls as [number, number, { $uniform: number }][]).map(([n, b, g]) => {
      let gen = gens.get(g.$uniform);
      if (!gen) {
        gen = createRng(g.$uniform).uniform;
        gens.set(g.$uniform, gen);
      }
      return f(n, b, gen);
    });
  };
}

export const MINIBATCHES_EXERCISE = defineExercise({
  name: "minibatches",
  file: "12-minibatches.ts",
  title: "Mini-batches with shuffling",
  exports: ["miniBatches"],
  cases: CASES,
  expected: libraryBatches,
  judge,
  describe: (input) => {
    const d = data(input);
    const [n, b] = d.calls[0] as [number, number];
    return `miniBatches(${n}, ${b}, random) called ${d.calls.length} time(s) with one seeded random stream`;
  },
  mistakes: [
    outputMistake("no-shuffle", "no shuffle", "Shuffle the indices every epoch before cutting them into batches.", viaOrder((n, b) => cut(Array.from({ length: n }, (_, i) => i), b, true))),
    outputMistake(
      "last-dropped",
      "last short batch dropped",
      "When batchSize does not divide n the last batch is shorter: keep it (every example is seen once per epoch).",
      (input) => (libraryBatches(input) as number[][][]).map((epoch) => epoch.filter((batch, _i) => batch.length === (data(input).calls[0][1] as number))),
    ),
    outputMistake(
      "sattolo",
      "swap index never equals i",
      "Fisher-Yates draws j from 0..i inclusive: j = Math.floor(random() * (i + 1)). With random() * i some orders can never appear.",
      viaOrder(sattoloBatches),
    ),
    outputMistake(
      "forward-shuffle",
      "a valid shuffle, but not the specified one",
      "Your shuffle runs from the front; the exercise asks for Fisher-Yates from the last index down (i = n - 1 .. 1, j = floor(random() * (i + 1))) so results can be checked exactly.",
      viaOrder(forwardShuffleBatches),
    ),
  ],
});
