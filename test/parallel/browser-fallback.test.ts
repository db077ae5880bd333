import { afterEach, describe, expect, it, vi } from "vitest";
import { makeSparseRegression } from "../../src/data/sparse";
import * as browserHogwild from "../../src/parallel/hogwild-browser";
import * as nodeHogwild from "../../src/parallel/hogwild-node";
import { runSimulatedHogwild } from "../../src/parallel/hogwild-simulated";
import { measureHogwildScaling } from "../../src/parallel/scaling-browser";
import { runDownpourThreads } from "../../src/parallel/downpour-browser";
import { runDownpour } from "../../src/parallel/downpour";
import { sgd } from "../../src/optimizers/sgd";
import * as downpourNode from "../../src/parallel/downpour-node";
import * as downpourBrowser from "../../src/parallel/downpour-browser";
import * as scalingNode from "../../src/parallel/scaling-node";
import * as scalingBrowser from "../../src/parallel/scaling-browser";
import * as capNode from "../../src/parallel/worker-cap-node";
import * as capBrowser from "../../src/parallel/worker-cap-browser";
import * as mnistNode from "../../src/data/mnist-node";
import * as mnistBrowser from "../../src/data/mnist-browser";
import { maxWorkers } from "../../src/parallel/worker-cap-browser";
import { sparseLeastSquaresLoss } from "../../src/models/sparse-linear-regression";

/**
 * The browser paths where workers cannot share memory (here: Node has no Web Workers and no
 * crossOriginIsolated, like a page served without the isolation headers): each run must be the
 * seeded simulation, say so, and give the simulation's exact numbers. The Web Worker path is tested
 * in real Chromium (test/site/parallel-browser.e2e.test.ts).
 */
const data = makeSparseRegression({ n: 600, d: 80, nnzPerRow: 4, seed: 11, noise: 0.05 });
const opts = { data, epochs: 3, lr: 0.05, lrDecay: 0.8, seed: 3 };

afterEach(() => vi.restoreAllMocks());

describe("the browser twins export every name of the Node modules", () => {
  const pairs: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ["parallel/hogwild", nodeHogwild, browserHogwild],
    ["parallel/downpour", downpourNode, downpourBrowser],
    ["parallel/scaling", scalingNode, scalingBrowser],
    ["parallel/worker-cap", capNode, capBrowser],
    ["data/mnist", mnistNode, mnistBrowser],
  ];
  it.each(pairs)("src/%s-browser.ts has every export of the -node.ts file, of the same kind", (_name, nodeModule, browserModule) => {
    const names = Object.keys(nodeModule).sort();
    expect(names.length).toBeGreaterThan(0);
    for (const key of names) expect([key, typeof browserModule[key]]).toEqual([key, typeof nodeModule[key]]);
  });
});

describe("Hogwild! in the browser without shared memory", () => {
  it("lock-free: the simulation with staleness workers - 1, with the note, and a console warning once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const r = await browserHogwild.runHogwild({ ...opts, workers: 4 });
    const sim = runSimulatedHogwild({ ...opts, workers: 4, staleness: 3 });
    expect(r.backend).toBe("simulated");
    expect(r.note).toMatch(/runHogwild was simulated, not run on parallel workers: this environment has no Web Workers.*staleness 3/);
    expect(Array.from(r.w)).toEqual(Array.from(sim.w));
    expect(r.lossPerEpoch).toEqual(sim.lossPerEpoch);
    expect(r.initialLoss).toBe(sim.initialLoss);
    expect(r.updates).toBe(3 * data.n);
    expect(r.workers).toBe(4);
    expect(r.threadsExited).toBe(0);
    expect(r.locked).toBe(false);
    expect(r.elapsedMs).toBeGreaterThan(0);
    await browserHogwild.runHogwild({ ...opts, workers: 2 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toBe(r.note);
  });

  it("sequential baseline: bit for bit the Node worker thread's run (both are sequential SGD with the seed)", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const b = await browserHogwild.runSequentialSgdWorker(opts);
    const n = await nodeHogwild.runSequentialSgdWorker(opts);
    expect(b.backend).toBe("simulated");
    expect(b.sequential).toBe(true);
    expect(Array.from(b.w)).toEqual(Array.from(n.w));
    expect(b.lossPerEpoch).toEqual(n.lossPerEpoch);
    // And one lock-free worker is the same run too, as in Node.
    const one = await browserHogwild.runHogwild({ ...opts, workers: 1 });
    expect(Array.from(one.w)).toEqual(Array.from(n.w));
  });

  it("locked: updates serialised (staleness 0); lossEveryEpoch false measures only the last epoch, as in Node", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const r = await browserHogwild.runLockedSgd({ ...opts, workers: 2, lossEveryEpoch: false });
    const sim = runSimulatedHogwild({ ...opts, workers: 2, staleness: 0 });
    expect(r.locked).toBe(true);
    expect(r.note).toMatch(/runLockedSgd was simulated.*staleness 0 \(a lock serialises the updates\)/);
    expect(r.lossPerEpoch.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(r.lossPerEpoch[2]).toBe(sim.lossPerEpoch[2]);
    expect(r.lossPerEpoch[2]).toBeCloseTo(sparseLeastSquaresLoss(data, r.w), 12);
  });

  it("bad input: the Node runners' messages, the cap naming Web Workers", async () => {
    await expect(browserHogwild.runHogwild({ ...opts, workers: 0 })).rejects.toThrow(/workers must be an integer >= 1, got 0/);
    await expect(browserHogwild.runHogwild({ ...opts, workers: 2, lr: -1 })).rejects.toThrow(/lr/);
    await expect(browserHogwild.runSequentialSgdWorker({ ...opts, workers: 2 as 1 })).rejects.toThrow(/workers must be 1 for the sequential baseline, got 2/);
    const cap = maxWorkers();
    const reported = (globalThis as { navigator?: { hardwareConcurrency: number } }).navigator?.hardwareConcurrency ?? 1; // Node 20 has no navigator
    expect(cap).toBe(Math.max(4 * reported, 16));
    await expect(browserHogwild.runLockedSgd({ ...opts, workers: cap + 1 })).rejects.toThrow(
      new RegExp(`workers must be at most ${cap} for runLockedSgd on this machine .*each worker is a Web Worker with its own JavaScript heap\\), got ${cap + 1}`),
    );
    await expect(browserHogwild.runHogwild(null as never)).rejects.toThrow(/runHogwild/);
  });

  it("the scaling measurement keeps Node's rows and marks each as simulated", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const rows = await measureHogwildScaling({ data, epochs: 2, workersList: [1, 2], lr: 0.05, seed: 1, modes: ["sequential", "lock-free"], repeats: 2 });
    expect(rows.map((r) => `${r.mode}:${r.workers}`)).toEqual(["sequential:1", "lock-free:1", "lock-free:2"]);
    for (const r of rows) {
      expect(r.backend).toBe("simulated");
      expect(r.note).toMatch(/was simulated/);
      expect(r.updates).toBe(2 * data.n);
      expect(r.updatesPerSecondRuns.length).toBe(2);
      expect(r.finalLoss).toBeLessThan(sparseLeastSquaresLoss(data, new Float64Array(data.d)));
    }
    await expect(measureHogwildScaling({ data, epochs: 2, workersList: [] })).rejects.toThrow(/workersList must name at least one worker count, got \[\]/);
  });
});

describe("Downpour in the browser without shared memory", () => {
  it("is the seeded simulation runDownpour for epochs x n steps, loss per epoch, with the note", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const o = { data, workers: 2, epochs: 3, localLr: 0.1, nFetch: 4, nPush: 4, seed: 1 };
    const r = await runDownpourThreads(o);
    // The Node runner's default server: plain SGD at the local rate.
    const sim = runDownpour({ problem: data, server: sgd({ lr: 0.1 }), workers: 2, steps: 3 * data.n, localLr: 0.1, nFetch: 4, nPush: 4, maxDelay: 0, seed: 1, evalEvery: data.n });
    expect(r.backend).toBe("simulated");
    expect(r.note).toMatch(/runDownpourThreads was simulated.*maxStaleness is not measured there: NaN/);
    expect(r.lossPerEpoch.length).toBe(3);
    expect(r.lossPerEpoch).toEqual(sim.loss.slice(1));
    expect(Array.from(r.w)).toEqual(Array.from(sim.theta));
    expect(r.steps).toBe(3 * data.n);
    expect(r.pushes).toBe(sim.pushes);
    expect(Number.isNaN(r.maxStaleness)).toBe(true);
    expect(r.lossPerEpoch[2]).toBeLessThan(r.initialLoss);
    await expect(runDownpourThreads({ ...o, nPush: 0 })).rejects.toThrow(/nPush must be an integer >= 1, got 0/);
  });
});
