import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { makeSparseRegression } from "../../src/data/sparse";
import { runDelayedSgd, DELAYED_METHODS } from "../../src/parallel/delay-tolerant";
import { runDownpour } from "../../src/parallel/downpour";
import { runDownpourThreads } from "../../src/parallel/downpour-node";
import { runEasgd } from "../../src/parallel/easgd";
import { runHogwild, runLockedSgd, runSequentialSgdWorker } from "../../src/parallel/hogwild-node";
import { runSimulatedHogwild } from "../../src/parallel/hogwild-simulated";
import { runSparseSgd } from "../../src/parallel/sparse-sgd";
import { MAX_BUFFER_NUMBERS } from "../../src/parallel/budget";
import { maxWorkers } from "../../src/parallel/worker-cap-node";
import { measureHogwildScaling } from "../../src/parallel/scaling-node";
import { sgd } from "../../src/optimizers/index";
import { noisyQuadratic } from "./helpers";

/** Issue 5 for the parallel runners: one divergence check, finite data, bounded memory and threads. */

const data = makeSparseRegression({ n: 120, d: 30, nnzPerRow: 4, noise: 0.01, seed: 5 });
const quad = noisyQuadratic([1, 4], [1, -1], 0.1);
/** One shared reason format (src/core/divergence.ts), whatever the runner and its unit. */
const SHAPE = /^diverged (at (step|tick|round) \d+|after epoch \d+): (loss|parameter \d+|center coordinate \d+|worker \d+ coordinate \d+) is (NaN|-?Infinity) \(try a smaller lr\)$/;

function withBadY(value: number): typeof data {
  const y = Float64Array.from(data.y);
  y[17] = value;
  return { ...data, y };
}

describe("every runner stops on divergence with the same kind of reason (issue 5: they ran on to NaN)", () => {
  it("simulated runners: stopped, a reason in the shared format, finite records and a finite last point", () => {
    const runs = [
      runSparseSgd({ data, epochs: 5, lr: 50 }),
      runSimulatedHogwild({ data, workers: 3, epochs: 5, lr: 50, staleness: 2 }),
      ...DELAYED_METHODS.map((method) => runDelayedSgd({ problem: quad, method, lr: method === "sgd" ? 20 : 1e307, steps: 2000, delay: 3, initialAccumulator: 1e-300 })),
      runDownpour({ problem: quad, workers: 3, steps: 400, localLr: 3, server: sgd({ lr: 3 }) }),
      runEasgd({ problem: quad, workers: 2, lr: 3, rho: 0.1, steps: 300, mode: "sync" }),
      runEasgd({ problem: quad, workers: 2, lr: 3, rho: 0.1, steps: 300, mode: "async" }),
    ];
    const labels = ["sparse-sgd", "hogwild-simulated", ...DELAYED_METHODS.map((m) => `delayed ${m}`), "downpour", "easgd sync", "easgd async"];
    runs.forEach((r, k) => {
      const label = labels[k];
      expect(r.stopped, label).not.toBeNull();
      expect(r.stopped?.reason, label).toMatch(SHAPE);
      expect(r.stopped?.step, label).toBeGreaterThan(0);
      const losses = "lossPerEpoch" in r ? r.lossPerEpoch : r.loss;
      expect(losses.every(Number.isFinite), label).toBe(true);
      const last = "w" in r ? r.w : "theta" in r ? r.theta : r.center;
      expect(Array.from(last).every(Number.isFinite), label).toBe(true);
    });
  });

  it("a run that converges reports stopped: null", () => {
    expect(runSparseSgd({ data, epochs: 2, lr: 0.05 }).stopped).toBeNull();
    expect(runDelayedSgd({ problem: quad, lr: 0.1, steps: 50, delay: 2 }).stopped).toBeNull();
    expect(runEasgd({ problem: quad, workers: 2, lr: 0.1, rho: 0.5, steps: 20 }).stopped).toBeNull();
  });

  it("Hogwild! on threads (lock-free, locked, sequential baseline) stops at the barrier after the first non-finite epoch", async () => {
    for (const run of [runHogwild, runLockedSgd]) {
      const r = await run({ data, workers: 2, epochs: 6, lr: 50 });
      expect(r.stopped?.reason).toMatch(SHAPE);
      expect(r.threadsExited).toBe(2);
      expect(r.lossPerEpoch.length).toBe(r.stopped!.step - 1);
      expect(r.lossPerEpoch.every(Number.isFinite)).toBe(true);
      expect(Array.from(r.w).every(Number.isFinite)).toBe(true);
      expect(r.updates).toBeLessThan(6 * data.n);
    }
    const seq = await runSequentialSgdWorker({ data, epochs: 6, lr: 50 });
    expect(seq.stopped?.reason).toMatch(SHAPE);
    expect(seq.sequential).toBe(true);
  });

  it("Downpour on threads stops and returns the last finite server parameters", async () => {
    const r = await runDownpourThreads({ data, workers: 2, epochs: 8, localLr: 50, nFetch: 1, nPush: 1 });
    expect(r.stopped?.reason).toMatch(SHAPE);
    expect(r.threadsExited).toBe(2);
    expect(Array.from(r.w).every(Number.isFinite)).toBe(true);
    expect(r.lossPerEpoch.every(Number.isFinite)).toBe(true);
  });
});

describe("NaN or Infinity in the data is refused up front, naming the field and index (issue 5)", () => {
  it("every runner that takes a sparse data set", async () => {
    const bad = withBadY(NaN);
    const message = 'data "sparse-regression": y[17] must be finite, got NaN';
    const problemMessage = 'problem "sparse-regression": y[17] must be finite, got NaN';
    expect(() => runSparseSgd({ data: bad, epochs: 1, lr: 0.1 })).toThrow(message);
    expect(() => runSimulatedHogwild({ data: bad, workers: 2, epochs: 1, lr: 0.1, staleness: 1 })).toThrow(message);
    expect(() => runDelayedSgd({ problem: withBadY(Infinity), lr: 0.1, steps: 1 })).toThrow('problem "sparse-regression": y[17] must be finite, got Infinity');
    expect(() => runDownpour({ problem: bad, workers: 2, steps: 1 })).toThrow(problemMessage);
    expect(() => runEasgd({ problem: bad, workers: 2, lr: 0.1, rho: 0.1, steps: 1 })).toThrow(DescentInputError);
    await expect(runHogwild({ data: bad, workers: 1, epochs: 1, lr: 0.1 })).rejects.toThrow(message);
    await expect(runDownpourThreads({ data: bad, workers: 1, epochs: 1, localLr: 0.1, nFetch: 1, nPush: 1 })).rejects.toThrow(message);
  });
});

describe("memory and machine caps (issue 5)", () => {
  it("delayed SGD with delay 1e9 for 10 steps allocates 11 slots and equals delay = steps (every update arrives at the end)", () => {
    for (const method of DELAYED_METHODS) {
      const far = runDelayedSgd({ problem: quad, method, lr: 0.1, steps: 10, delay: 1e9, seed: 3 });
      const atEnd = runDelayedSgd({ problem: quad, method, lr: 0.1, steps: 10, delay: 10, seed: 3 });
      expect(Array.from(far.theta), method).toEqual(Array.from(atEnd.theta));
      expect(far.meanDelay).toBe(1e9);
      expect(far.stopped).toBeNull();
    }
    // Random delays up to 1e9: also bounded.
    const r = runDelayedSgd({ problem: quad, lr: 0.1, steps: 20, delay: 1e9, randomDelay: true });
    expect(r.loss.every(Number.isFinite)).toBe(true);
  });

  it("a delay buffer beyond the memory budget is refused with the limit named", () => {
    const wide = { name: "wide", dim: 2 ** 20, stochasticGradient: () => undefined, loss: () => 0 };
    expect(() => runDelayedSgd({ problem: wide, lr: 0.1, steps: 1000, delay: 1000 })).toThrow(RangeError);
    expect(() => runDelayedSgd({ problem: wide, lr: 0.1, steps: 1000, delay: 1000 })).toThrow(
      new RegExp(`^runDelayedSgd: min\\(delay, steps\\) \\+ 1 = 1001 in-flight gradients of dim 1048576 would need 7\\.8 GiB of buffers; the limit is 1 GiB \\(${MAX_BUFFER_NUMBERS} numbers\\)`),
    );
  });

  it("1000 worker threads are refused before any thread starts, naming the cap and the cores", async () => {
    const cap = maxWorkers();
    expect(cap).toBe(Math.max(4 * availableParallelism(), 16));
    const expected = `workers must be at most ${cap} for runHogwild on this machine (${availableParallelism()} cores; the cap is max(4 x cores, 16)`;
    await expect(runHogwild({ data, workers: 1000, epochs: 1, lr: 0.1 })).rejects.toThrow(RangeError);
    await expect(runHogwild({ data, workers: 1000, epochs: 1, lr: 0.1 })).rejects.toThrow(expected);
    await expect(runDownpourThreads({ data, workers: 1000, epochs: 1, localLr: 0.1, nFetch: 1, nPush: 1 })).rejects.toThrow(
      `workers must be at most ${cap} for runDownpourThreads on this machine`,
    );
    await expect(runSequentialSgdWorker({ data, epochs: 1, lr: 0.1, workers: 2 as 1 })).rejects.toThrow("workers must be 1 for the sequential baseline, got 2");
  });

  it("lrDecay above 1 is refused by Hogwild! and its sequential peers; 1 is accepted", async () => {
    await expect(runHogwild({ data, workers: 1, epochs: 1, lr: 0.1, lrDecay: 1.5 })).rejects.toThrow("lrDecay must be a number in (0, 1], got 1.5");
    expect(() => runSparseSgd({ data, epochs: 1, lr: 0.1, lrDecay: 1.01 })).toThrow("lrDecay must be a number in (0, 1], got 1.01");
    expect(() => runSimulatedHogwild({ data, workers: 2, epochs: 1, lr: 0.1, staleness: 0, lrDecay: 2 })).toThrow(RangeError);
    expect(runSparseSgd({ data, epochs: 1, lr: 0.1, lrDecay: 1 }).stopped).toBeNull();
  });

  it("Downpour's batch size above n is refused (n = 120)", () => {
    expect(() => runDownpour({ problem: data, batchSize: 121, workers: 2, steps: 1 })).toThrow(
      'batchSize must be an integer in [1, n = 120] for data "sparse-regression", got 121',
    );
    expect(runDownpour({ problem: data, batchSize: 120, workers: 1, steps: 2 }).loss.every(Number.isFinite)).toBe(true);
  });
});

describe("the scaling benchmark's baseline is the same kernel in the same kind of thread (issue 5)", () => {
  it("runSequentialSgdWorker computes exactly what one Hogwild! worker and runSparseSgd compute", async () => {
    const opts = { data, epochs: 3, lr: 0.05, lrDecay: 0.9, seed: 4 };
    const seq = await runSequentialSgdWorker(opts);
    const one = await runHogwild({ ...opts, workers: 1 });
    const ref = runSparseSgd(opts);
    expect(Array.from(seq.w)).toEqual(Array.from(one.w));
    expect(Array.from(seq.w)).toEqual(Array.from(ref.w));
    expect(seq.lossPerEpoch).toEqual(ref.lossPerEpoch);
    expect(seq.workers).toBe(1);
    expect(seq.threadsExited).toBe(1);
  });

  it("measureHogwildScaling runs the sequential baseline once per repeat and reports median and range", async () => {
    const rows = await measureHogwildScaling({ data, epochs: 1, workersList: [1, 2], modes: ["sequential", "lock-free"], repeats: 3 });
    expect(rows.map((r) => `${r.mode}:${r.workers}`)).toEqual(["sequential:1", "lock-free:1", "lock-free:2"]);
    for (const r of rows) {
      expect(r.updatesPerSecondRuns).toHaveLength(3);
      const sorted = [...r.updatesPerSecondRuns].sort((a, b) => a - b);
      expect(r.updatesPerSecond).toBe(sorted[1]);
      expect(r.updatesPerSecondMin).toBe(sorted[0]);
      expect(r.updatesPerSecondMax).toBe(sorted[2]);
      expect(r.updates).toBe(data.n);
      expect(Number.isFinite(r.finalLoss)).toBe(true);
    }
    await expect(measureHogwildScaling({ data, epochs: 1, workersList: [1], modes: ["fast" as "sequential"] })).rejects.toThrow(/mode must be one of "sequential", "lock-free", "locked", got "fast"/);
  });
});

describe("runners called without options name what they need (not a TypeError)", () => {
  it("each simulated runner", () => {
    const runners: [string, (o: never) => unknown][] = [
      ["runSparseSgd", runSparseSgd],
      ["runSimulatedHogwild", runSimulatedHogwild],
      ["runDelayedSgd", runDelayedSgd],
      ["runDownpour", runDownpour],
      ["runEasgd", runEasgd],
    ];
    for (const [name, run] of runners) {
      expect(() => run(undefined as never)).toThrow(DescentInputError);
      expect(() => run(undefined as never)).toThrow(new RegExp(`^${name} options must be an object with .+, got undefined$`));
    }
  });

  it("each threaded runner rejects before starting a thread", async () => {
    await expect(runHogwild(undefined as never)).rejects.toThrow(/^runHogwild options must be an object with data, workers, epochs and lr, got undefined$/);
    await expect(runLockedSgd(null as never)).rejects.toThrow(/^runLockedSgd options must be an object/);
    await expect(runSequentialSgdWorker(undefined as never)).rejects.toThrow(/^runSequentialSgdWorker options must be an object/);
    await expect(runDownpourThreads(undefined as never)).rejects.toThrow(/^runDownpourThreads options must be an object/);
    await expect(measureHogwildScaling({ data, epochs: 1 } as never)).rejects.toThrow("workersList must name at least one worker count, got undefined");
  });
});
