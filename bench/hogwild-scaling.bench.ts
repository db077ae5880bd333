/**
 * Hogwild! scaling: per-example SGD updates per second on sparse least squares, lock-free
 * (Hogwild!) against a global lock, for 1 and 2 real worker threads (the machines this course
 * targets have 2 cores), against a sequential baseline that runs THE SAME worker kernel on one
 * worker thread with a private parameter vector (runSequentialSgdWorker): same code, same kind
 * of thread, no shared memory. (An earlier version timed a different loop on the main thread,
 * which ran 1.8x slower than one worker and so overstated every ratio.)
 *
 * Each configuration runs BENCH_HOGWILD_REPEATS times (default 5), interleaved; the table gives
 * the median and the min-max range of updates/s, and the ratio of medians.
 * Not a test: it prints a Markdown table for the README.
 */
import { availableParallelism } from "node:os";
import { makeSparseRegression } from "../src/data/sparse";
import { measureHogwildScaling, type ScalingRow } from "../src/parallel/scaling-node";

const N = Number(process.env.BENCH_HOGWILD_N ?? 200_000);
const D = Number(process.env.BENCH_HOGWILD_D ?? 10_000);
const REPEATS = Number(process.env.BENCH_HOGWILD_REPEATS ?? 5);
const EPOCHS = 3;

const millions = (x: number): string => (x / 1e6).toFixed(2);

function label(r: ScalingRow): string {
  if (r.mode === "sequential") return "sequential SGD (same kernel, 1 worker thread, private w)";
  return r.mode === "locked" ? "SGD with a global lock" : "Hogwild! (lock-free)";
}

async function mainScaling(): Promise<void> {
  const data = makeSparseRegression({ n: N, d: D, nnzPerRow: 10, noise: 0.01, seed: 1 });
  const cores = availableParallelism();
  console.log(
    `Hogwild! scaling: sparse least squares, n = ${N.toLocaleString("en")}, d = ${D.toLocaleString("en")}, 10 nonzeros per row, ` +
      `${EPOCHS} epochs, ${cores} cores, ${REPEATS} runs per row (median, min-max)`,
  );
  const rows = await measureHogwildScaling({
    data,
    epochs: EPOCHS,
    workersList: [1, 2],
    lr: 0.01,
    seed: 0,
    modes: ["sequential", "lock-free", "locked"],
    repeats: REPEATS,
  });
  const base = rows.find((r) => r.mode === "sequential");
  if (!base) throw new Error("the sequential baseline did not run");
  const lines = [
    "| variant | threads | updates/s (median) | min-max | vs sequential | final loss |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${label(r)} | ${r.workers} | ${millions(r.updatesPerSecond)} M | ${millions(r.updatesPerSecondMin)}-${millions(r.updatesPerSecondMax)} M | ` +
        `${(r.updatesPerSecond / base.updatesPerSecond).toFixed(2)}x | ${r.finalLoss.toExponential(2)} |`,
    ),
  ];
  console.log(lines.join("\n"));
}

mainScaling().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
