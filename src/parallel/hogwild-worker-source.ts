import { WORKER_RNG_SOURCE } from "./worker-rng-source";

/**
 * The body of one Hogwild! worker thread, as plain JavaScript source.
 *
 * WHY a string: the thread is started with `new Worker(HOGWILD_WORKER_SOURCE, { eval: true })`,
 * which needs no file on disk and no transpiler, so it runs the same under vitest, tsx and tslab.
 * (`fn.toString()` of a TypeScript function would carry bundler helpers such as `__name`.)
 *
 * What it does, per epoch e (after the main thread raises `control[0]` to e + 1):
 * shuffle its shard with its own seeded generator (the same mulberry32 and Fisher-Yates as
 * src/core/rng.ts), then for each example i apply
 * $$ w_j \leftarrow w_j - \eta_e \, (x_i^\top w - y_i) \, x_{ij} \quad (j \in \operatorname{supp} x_i) $$
 * to the SHARED w with plain loads and stores, in the same operation order as
 * `sparseSgdUpdate` in sparse-sgd-kernel.ts.
 *
 * The race it tolerates (Niu et al. 2011): between this worker's read of w_j (in the dot
 * product) and its write of w_j, another worker may write w_j; one of the two updates to that
 * coordinate is then lost or computed from a stale value. 64-bit float stores on the shared
 * buffer are not torn on x86-64/ARM64, so a coordinate is always some worker's value, never a
 * mix of bytes. With sparse rows such collisions are rare and act like a small extra noise in
 * SGD, which is why convergence survives.
 *
 * With `locked: true` every update (read + write) is wrapped in a mutex (the 3-state futex mutex
 * of Drepper, "Futexes are tricky", on an Int32 in a SharedArrayBuffer): the baseline the
 * lesson compares against.
 *
 * With `sequential: true` (one worker, the benchmark's baseline) the same kernel runs on a
 * private copy of w, written back to the shared vector at each barrier for the loss.
 *
 * A negative control value tells the workers to stop at their barrier (divergence).
 *
 * Messages to the main thread: {type:"ready"}, {type:"epoch", epoch}, {type:"done", updates}.
 */
export const HOGWILD_WORKER_SOURCE = String.raw`
"use strict";
const { workerData, parentPort } = require("worker_threads");
const d = workerData;
const wShared = new Float64Array(d.w);
// The sequential baseline works on private memory; Hogwild! on the shared vector itself.
const w = d.sequential ? Float64Array.from(wShared) : wShared;
const indptr = new Int32Array(d.indptr);
const indices = new Int32Array(d.indices);
const values = new Float64Array(d.values);
const y = new Float64Array(d.y);
const control = new Int32Array(d.control);
const mutex = new Int32Array(d.mutex);
const n = indptr.length - 1;

${WORKER_RNG_SOURCE}
function lock() {
  let c = Atomics.compareExchange(mutex, 0, 0, 1);
  if (c !== 0) {
    if (c !== 2) c = Atomics.exchange(mutex, 0, 2);
    while (c !== 0) {
      Atomics.wait(mutex, 0, 2);
      c = Atomics.exchange(mutex, 0, 2);
    }
  }
}
function unlock() {
  if (Atomics.sub(mutex, 0, 1) !== 1) {
    Atomics.store(mutex, 0, 0);
    Atomics.notify(mutex, 0, 1);
  }
}
function update(i, lr) {
  let dot = 0;
  const end = indptr[i + 1];
  for (let p = indptr[i]; p < end; p++) dot += values[p] * w[indices[p]];
  const r = dot - y[i];
  const step = lr * r;
  for (let p = indptr[i]; p < end; p++) w[indices[p]] -= step * values[p];
}

const count = Math.max(0, Math.ceil((n - d.workerIndex) / d.workers));
const order = new Int32Array(count);
for (let c = 0; c < count; c++) order[c] = d.workerIndex + c * d.workers;

let lr = d.lr;
let updates = 0;
parentPort.postMessage({ type: "ready" });
let halted = false;
for (let e = 0; e < d.epochs && !halted; e++) {
  // Barrier: wait until the main thread has measured the loss and opened epoch e (or said stop).
  for (let g = Atomics.load(control, 0); g < e + 1; g = Atomics.load(control, 0)) {
    if (g < 0) { halted = true; break; }
    Atomics.wait(control, 0, g);
  }
  if (halted) break;
  shuffle(order);
  if (d.locked) {
    for (let c = 0; c < count; c++) { lock(); update(order[c], lr); unlock(); }
  } else {
    for (let c = 0; c < count; c++) update(order[c], lr);
  }
  updates += count;
  lr *= d.lrDecay;
  if (d.sequential) wShared.set(w);
  parentPort.postMessage({ type: "epoch", epoch: e });
}
parentPort.postMessage({ type: "done", updates });
`;
