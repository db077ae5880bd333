import { WORKER_RNG_SOURCE } from "./worker-rng-source";

/**
 * The body of one Downpour SGD model replica (Dean et al. 2012), as plain JavaScript source.
 *
 * WHY a string: like hogwild-worker-source.ts, the thread is started with
 * `new Worker(DOWNPOUR_WORKER_SOURCE, { eval: true })`, which needs no file on disk and no
 * transpiler, so it runs the same under vitest, tsx and tslab.
 *
 * The replica owns its data shard (its own CSR arrays, local rows 0..count-1) and a private copy
 * w of the parameters; nothing is shared with the parameter server but messages on `port` (a
 * MessagePort transferred in workerData). At its local step s, on example i of its shuffled shard:
 * $$ \text{if } s \bmod n_{fetch} = 0:\ \text{request } \theta_{server} $$
 * $$ r = x_i^\top w - y_i, \quad a \leftarrow a + r\,x_i, \quad w \leftarrow w - \alpha\, r\, x_i $$
 * $$ \text{if } (s+1) \bmod n_{push} = 0:\ \text{send } a \text{ to the server}, \ a \leftarrow 0 $$
 * (the same arithmetic and order as `addSparseExampleGradient` + `sparseSgdUpdate`, so the
 * kernel test can compare bit for bit).
 *
 * Asynchrony: a fetch is a request message; the reply {w, version} is picked up with
 * `receiveMessageOnPort` (a synchronous, non-blocking poll: the step loop never yields to the
 * event loop, so an `on("message")` handler would never run). Until it arrives the replica keeps
 * computing on its stale copy; when it arrives it REPLACES the copy (local progress since the
 * request is already in `a`, or was pushed). At most one fetch is in flight: when the next fetch
 * is due and the previous reply has not come, the replica waits for it first, so the number of
 * fetches is exactly ceil(steps / nFetch). With `synchronous: true` the replica waits for every
 * reply before its next step, which makes one replica exactly sequential SGD (see downpour-node.ts).
 * After the last step any partial sum is pushed, so no computed gradient is lost.
 *
 * Each push carries `version`, the server version of the OLDEST fetched copy its gradients were
 * computed on; the server turns that into the push's staleness.
 *
 * Messages to the server: {type:"ready"}, {type:"fetch"}, {type:"push", grad, version},
 * {type:"epoch", epoch}, {type:"done", steps, fetches, pushes}. From the server: "start", then
 * only fetch replies {w, version}.
 */
export const DOWNPOUR_WORKER_SOURCE = String.raw`
"use strict";
const { workerData, receiveMessageOnPort } = require("worker_threads");
const d = workerData;
const port = d.port;
const indptr = new Int32Array(d.indptr);
const indices = new Int32Array(d.indices);
const values = new Float64Array(d.values);
const y = new Float64Array(d.y);
const count = indptr.length - 1;
const w = new Float64Array(d.dim);
if (d.w0) w.set(new Float64Array(d.w0));
const acc = new Float64Array(d.dim);

${WORKER_RNG_SOURCE}

let version = 0;       // server version of the copy w was last replaced by (0 = the common start)
let windowVersion = -1; // version of the oldest copy used in the current push window (-1 = empty)
let pending = false;   // a fetch reply is in flight
let fetches = 0;
let pushes = 0;

function install(m) {
  w.set(m.w);
  version = m.version;
  pending = false;
}
function poll() {
  const got = receiveMessageOnPort(port);
  if (got !== undefined) install(got.message);
}
function awaitReply() {
  // Spin: the round trip is tens of microseconds, far below any sleep granularity.
  while (pending) poll();
}
function push() {
  port.postMessage({ type: "push", grad: acc, version: windowVersion }); // structured clone copies acc
  acc.fill(0);
  windowVersion = -1;
  pushes++;
}

// Start barrier: wait for the server's "start" without burning a core while threads spin up.
port.postMessage({ type: "ready" });
const nap = new Int32Array(new SharedArrayBuffer(4)); // private to this thread: only a sleep timer
for (;;) {
  const got = receiveMessageOnPort(port);
  if (got !== undefined) break;
  Atomics.wait(nap, 0, 0, 1);
}

const order = new Int32Array(count);
for (let c = 0; c < count; c++) order[c] = c;
const alpha = d.localLr;
let step = 0;
for (let e = 0; e < d.epochs; e++) {
  shuffle(order);
  for (let c = 0; c < count; c++) {
    if (step % d.nFetch === 0) {
      if (pending) awaitReply();
      port.postMessage({ type: "fetch" });
      pending = true;
      fetches++;
      if (d.synchronous) awaitReply();
    } else if (pending) {
      poll();
    }
    if (windowVersion < 0) windowVersion = version;
    const i = order[c];
    const end = indptr[i + 1];
    let dot = 0;
    for (let p = indptr[i]; p < end; p++) dot += values[p] * w[indices[p]];
    const r = dot - y[i];
    const stepSize = alpha * r;
    for (let p = indptr[i]; p < end; p++) {
      acc[indices[p]] += r * values[p];
      w[indices[p]] -= stepSize * values[p];
    }
    step++;
    if (step % d.nPush === 0) push();
  }
  if (e === d.epochs - 1 && windowVersion >= 0) push();
  port.postMessage({ type: "epoch", epoch: e });
}
port.postMessage({ type: "done", steps: step, fetches, pushes });
`;
