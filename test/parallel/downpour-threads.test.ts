import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng";
import { makeSparseRegression } from "../../src/data/sparse";
import { addSparseExampleGradient, sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";
import { adagrad } from "../../src/optimizers";
import type { Optimizer } from "../../src/optimizers/optimizer";
import { DOWNPOUR_WORKER_SOURCE } from "../../src/parallel/downpour-worker-source";
import { runDownpourThreads, sparseShard } from "../../src/parallel/downpour-node";
import { solveSparseLeastSquares } from "../../src/parallel/least-squares-reference";
import { shardRows, sparseSgdUpdate, workerSeed } from "../../src/parallel/sparse-sgd-kernel";
import { runSparseSgd } from "../../src/parallel/sparse-sgd";

/** theta -= lr g, written here independently of the library's sgd (the runner's default server). */
function textbookSgd(lr: number): Optimizer {
  return {
    name: "sgd",
    convention: "seed",
    hyper: { lr },
    lr,
    init: () => ({ t: 0, slots: {}, scalars: {} }),
    step(p, g) {
      for (let j = 0; j < p.length; j++) p[j] -= lr * g[j];
    },
  };
}

/**
 * Sequential per-example SGD through a server optimizer: for each example of each shuffled epoch,
 * g = (x_i . w - y_i) x_i (dense, zero off the row) and server.step(w, g). With one replica,
 * nFetch = nPush = 1 and synchronous fetches, Downpour must compute exactly this.
 */
function sequentialThroughServer(data: ReturnType<typeof makeSparseRegression>, epochs: number, seed: number, server: Optimizer) {
  const w = new Float64Array(data.d);
  const g = new Float64Array(data.d);
  const state = server.init(w);
  const order = shardRows(data.n, 1, 0);
  const rng = createRng(seed);
  const losses: number[] = [];
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (const i of order) {
      g.fill(0);
      addSparseExampleGradient(data, w, i, 1, g);
      server.step(w, g, state);
    }
    losses.push(sparseLeastSquaresLoss(data, w));
  }
  return { w, losses };
}

describe("Downpour SGD replica: the inline JavaScript kernel and protocol", () => {
  it("pushes exactly the gradient sums the TypeScript kernels compute, installing each fetched copy", () => {
    const data = makeSparseRegression({ n: 47, d: 9, nnzPerRow: 3, seed: 2, noise: 0.1 });
    const [W, k, epochs, localLr, nFetch, nPush, seed] = [2, 1, 3, 0.05, 5, 7, 9];
    const shard = sparseShard(data, W, k);
    const count = shard.y.length;
    expect(count).toBe(23);
    // The fetched copies the fake server hands out: distinct per fetch, so a missed install shows.
    const reply = (f: number) => ({ w: Float64Array.from({ length: data.d }, (_, j) => 0.1 * (f + 1) * Math.cos(j + f)), version: 10 * (f + 1) });

    const inbox: { message: unknown }[] = [{ message: "start" }];
    const sent: Record<string, unknown>[] = [];
    let served = 0;
    const port = {
      postMessage(m: Record<string, unknown>) {
        sent.push(structuredClone(m)); // a real port copies too; the replica reuses its buffer
        if (m.type === "fetch") inbox.push({ message: reply(served++) });
      },
    };
    const workerData = { port, indptr: shard.indptr.buffer, indices: shard.indices.buffer, values: shard.values.buffer, y: shard.y.buffer, dim: data.d, epochs, localLr, nFetch, nPush, synchronous: false, seed: workerSeed(seed, k) };
    const fakeRequire = (name: string): unknown => {
      expect(name).toBe("worker_threads");
      return { workerData, receiveMessageOnPort: (p: unknown) => (expect(p).toBe(port), inbox.shift()) };
    };
    new Function("require", DOWNPOUR_WORKER_SOURCE)(fakeRequire);

    // Replay with the TypeScript kernels. The fake answers at once, so an asynchronous replica
    // installs each reply at the start of its next step.
    const expectedPushes: { grad: number[]; version: number }[] = [];
    const w = new Float64Array(data.d);
    const acc = new Float64Array(data.d);
    const order = shardRows(count, 1, 0);
    const rng = createRng(workerSeed(seed, k));
    let pending: ReturnType<typeof reply> | null = null;
    let fetched = 0;
    let version = 0;
    let windowVersion = -1;
    let step = 0;
    const push = () => {
      expectedPushes.push({ grad: Array.from(acc), version: windowVersion });
      acc.fill(0);
      windowVersion = -1;
    };
    for (let e = 0; e < epochs; e++) {
      rng.shuffle(order);
      for (const i of order) {
        if (pending) {
          w.set(pending.w);
          version = pending.version;
          pending = null;
        }
        if (step % nFetch === 0) pending = reply(fetched++);
        if (windowVersion < 0) windowVersion = version;
        addSparseExampleGradient(shard, w, i, 1, acc);
        sparseSgdUpdate({ ...shard, n: count, d: data.d }, i, w, localLr);
        step++;
        if (step % nPush === 0) push();
      }
    }
    if (windowVersion >= 0) push();

    const pushes = sent.filter((m) => m.type === "push").map((m) => ({ grad: Array.from(m.grad as Float64Array), version: m.version }));
    expect(pushes.length).toBe(Math.ceil((epochs * count) / nPush));
    expect(pushes).toEqual(expectedPushes);
    expect(new Set(pushes.map((p) => p.version)).size).toBeGreaterThan(3);
    expect(sent.filter((m) => m.type === "fetch").length).toBe(Math.ceil((epochs * count) / nFetch));
    expect(sent.filter((m) => m.type === "epoch").map((m) => m.epoch)).toEqual([0, 1, 2]);
    expect(sent[sent.length - 1]).toEqual({ type: "done", steps: epochs * count, fetches: served, pushes: pushes.length });
  });
});

describe("Downpour SGD on real worker threads", () => {
  it("one synchronous replica with nFetch = nPush = 1 is exactly sequential SGD through the server", async () => {
    const data = makeSparseRegression({ n: 400, d: 30, nnzPerRow: 3, seed: 4, noise: 0.05 });
    const [epochs, lr, seed] = [3, 0.04, 6];
    const r = await runDownpourThreads({ data, workers: 1, epochs, localLr: lr, nFetch: 1, nPush: 1, synchronous: true, seed });
    const ref = sequentialThroughServer(data, epochs, seed, textbookSgd(lr));
    expect(Array.from(r.w)).toEqual(Array.from(ref.w));
    expect(r.lossPerEpoch).toEqual(ref.losses);
    // And that is sequential SGD (runSparseSgd rounds lr * r * x in another order, so to 1e-12).
    const seq = runSparseSgd({ data, epochs, lr, seed });
    r.w.forEach((v, j) => expect(v).toBeCloseTo(seq.w[j], 12));
    expect(r.lossPerEpoch[epochs - 1]).toBeLessThan(r.initialLoss / 10);
    expect([r.pushes, r.fetches, r.steps]).toEqual([epochs * data.n, epochs * data.n, epochs * data.n]);
    expect(r.maxStaleness).toBe(0);
    expect(r.threadsExited).toBe(1);
    expect(r.synchronous).toBe(true);
  });

  it("any Optimizer can be the server: one synchronous replica with an Adagrad server is sequential Adagrad", async () => {
    const data = makeSparseRegression({ n: 300, d: 25, nnzPerRow: 3, seed: 8, noise: 0.05 });
    const r = await runDownpourThreads({ data, workers: 1, epochs: 2, localLr: 0.1, nFetch: 1, nPush: 1, synchronous: true, seed: 2, server: adagrad({ lr: 0.3 }) });
    const ref = sequentialThroughServer(data, 2, 2, adagrad({ lr: 0.3 }));
    expect(Array.from(r.w)).toEqual(Array.from(ref.w));
    expect(r.lossPerEpoch[1]).toBeLessThan(r.initialLoss / 5);
  });

  const data = makeSparseRegression({ n: 2000, d: 60, nnzPerRow: 4, seed: 11, noise: 0.05 });
  const optimum = sparseLeastSquaresLoss(data, solveSparseLeastSquares(data));
  const shardSizes = [0, 1].map((k) => shardRows(data.n, 2, k).length);
  const expectedCount = (epochs: number, every: number) => shardSizes.reduce((s, c) => s + Math.ceil((epochs * c) / every), 0);

  it("two asynchronous replicas converge near the least-squares optimum and count every message", async () => {
    const [epochs, nFetch, nPush] = [4, 3, 2];
    const r = await runDownpourThreads({ data, workers: 2, epochs, localLr: 0.02, nFetch, nPush, seed: 1 });
    expect(r.workers).toBe(2);
    expect(r.threadsExited).toBe(2);
    expect(r.synchronous).toBe(false);
    expect(r.steps).toBe(epochs * data.n);
    expect(r.pushes).toBe(expectedCount(epochs, nPush));
    expect(r.fetches).toBe(expectedCount(epochs, nFetch));
    // Asynchrony made visible: the other replica's pushes land between a fetch and the push using it.
    expect(r.maxStaleness).toBeGreaterThan(0);
    expect(r.maxStaleness).toBeLessThan(r.pushes);
    const last = r.lossPerEpoch[epochs - 1];
    expect(last).toBe(sparseLeastSquaresLoss(data, r.w)); // every push is applied before the last reading
    expect(r.initialLoss).toBe(sparseLeastSquaresLoss(data, new Float64Array(data.d)));
    expect(last).toBeLessThan(r.initialLoss / 100);
    expect(last).toBeGreaterThanOrEqual(optimum);
    expect(last).toBeLessThan(1.2 * optimum);
    expect(r.elapsedMs).toBeGreaterThan(0);
  });

  it("with an Adagrad server (as in the paper) and rarer messages it still converges", async () => {
    const [epochs, nFetch, nPush] = [3, 10, 5];
    const r = await runDownpourThreads({ data, workers: 2, epochs, localLr: 0.02, nFetch, nPush, seed: 5, server: adagrad({ lr: 0.3 }) });
    expect(r.pushes).toBe(expectedCount(epochs, nPush));
    expect(r.fetches).toBe(expectedCount(epochs, nFetch));
    expect(r.lossPerEpoch[epochs - 1]).toBeLessThan(1.5 * optimum);
    expect(r.lossPerEpoch[epochs - 1]).toBeGreaterThanOrEqual(optimum);
    expect(r.threadsExited).toBe(2);
  });

  it("a server that fails rejects the run (the replicas are stopped, the call does not hang)", async () => {
    let calls = 0;
    const failing: Optimizer = { ...textbookSgd(0.01), step: () => { if (++calls === 3) throw new Error("server disk full"); } };
    await expect(runDownpourThreads({ data, workers: 2, epochs: 1, localLr: 0.01, nFetch: 1, nPush: 1, synchronous: true, server: failing })).rejects.toThrow(/server disk full/);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it("rejects bad options with a RangeError naming them", async () => {
    const ok = { data, workers: 2, epochs: 1, localLr: 0.01, nFetch: 1, nPush: 1 };
    await expect(runDownpourThreads({ ...ok, workers: 0 })).rejects.toThrow(/workers must be an integer >= 1, got 0/);
    await expect(runDownpourThreads({ ...ok, epochs: 0 })).rejects.toThrow(/epochs must be an integer >= 1, got 0/);
    await expect(runDownpourThreads({ ...ok, nFetch: 0 })).rejects.toThrow(/nFetch must be an integer >= 1, got 0/);
    await expect(runDownpourThreads({ ...ok, nPush: 1.5 })).rejects.toThrow(/nPush must be an integer >= 1, got 1.5/);
    await expect(runDownpourThreads({ ...ok, localLr: 0 })).rejects.toThrow(/localLr must be a finite number > 0, got 0/);
    await expect(runDownpourThreads({ ...ok, localLr: -1 })).rejects.toThrow(RangeError);
  });
});
