/**
 * Hogwild! scaling: per-example SGD updates per second on sparse least squares, lock-free
 * (Hogwild!) against a global lock, for 1 and 2 real worker threads (the machines this course
 * targets have 2 cores). Also the sequential single-thread SGD in the main thread as the peer.
 * Not a test: it prints a Markdown table for the README.
 */
import { availableParallelism } from "node:os";
import { makeSparseRegression } from "../src/data/sparse";
import { createRng } from "../src/core/rng";
import { sparseLeastSquaresLoss } from "../src/models/sparse-linear-regression";
import { sparseSgdUpdate } from "../src/parallel/sparse-sgd-kernel";
import { measureHogwildScaling } from "../src/parallel/scaling-node";

const N = Number(process.env.BENCH_HOGWILD_N ?? 200_000);
const D = Number(process.env.BENCH_HOGWILD_D ?? 10_000);
const EPOCHS = 3;

async function mainScaling(): Promise<void> {
  const data = makeSparseRegression({ n: N, d: D, nnzPerRow: 10, noise: 0.01, seed: 1 });
  const cores = availableParallelism();
  const workersList = [1, 2];
  console.log(`Hogwild! scaling: sparse least squares, n = ${N.toLocaleString("en")}, d = ${D.toLocaleString("en")}, 10 nonzeros per row, ${EPOCHS} epochs, ${cores} cores`);

  // The peer: the same per-example update in one plain loop on the main thread (no threads,
  // no shared memory, no loss evaluation inside the timing, like the threaded runs).
  const w = new Float64Array(D);
  const order = Int32Array.from({ length: N }, (_, i) => i);
  const rng = createRng(0);
  const t0 = performance.now();
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    rng.shuffle(order);
    for (let k = 0; k < N; k++) sparseSgdUpdate(data, order[k], w, 0.01);
  }
  const seqMs = performance.now() - t0;
  const seqRate = (EPOCHS * N) / (seqMs / 1000);

  const rows = await measureHogwildScaling({ data, epochs: EPOCHS, workersList, lr: 0.01, seed: 0 });
  const lines = [
    "| variant | threads | updates/s | vs sequential | final loss |",
    "|---|---|---|---|---|",
    `| sequential SGD (main thread) | 1 | ${(seqRate / 1e6).toFixed(2)} M | 1.00x | ${sparseLeastSquaresLoss(data, w).toExponential(2)} |`,
    ...rows.map(
      (r) =>
        `| ${r.mode === "locked" ? "SGD with a global lock" : "Hogwild! (lock-free)"} | ${r.workers} | ${(r.updatesPerSecond / 1e6).toFixed(2)} M | ${(r.updatesPerSecond / seqRate).toFixed(2)}x | ${r.finalLoss.toExponential(2)} |`,
    ),
  ];
  console.log(lines.join("\n"));
}

mainScaling().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
