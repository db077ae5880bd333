import { diverged, nonFiniteProblem, type Stopped } from "../core/divergence";
import { createRng, type Rng } from "../core/rng";
import { integerAtLeast, positive, assertOptionsObject } from "../core/validate";
import type { SparseDataset } from "../data/dataset";
import type { Optimizer, OptimizerState } from "../optimizers/optimizer";
import { sgd } from "../optimizers/sgd";
import { toStochasticProblem, type StochasticProblem } from "./stochastic-problem";
import { TrajectoryRecorder } from "./trajectory-recorder";
import { workerSeed } from "./sparse-sgd-kernel";
import { startPoint } from "./start-point";
import { checkBufferBudget } from "./budget";

/**
 * Downpour SGD (Dean et al. 2012, "Large Scale Distributed Deep Networks"), simulated with
 * seeded asynchrony. A parameter server holds theta and applies pushed gradients with any
 * `Optimizer` (Adagrad in the paper; plain SGD by default). Each replica k keeps its own copy
 * theta_k and, at its local step s (the client loop of the paper's Algorithm):
 * $$ \text{if } s \bmod n_{fetch} = 0:\ \theta_k \leftarrow \theta_{server} $$
 * $$ g = \nabla J_{\xi}(\theta_k), \quad a_k \leftarrow a_k + g, \quad \theta_k \leftarrow \theta_k - \alpha\, g $$
 * $$ \text{if } (s+1) \bmod n_{push} = 0:\ \text{server.step}(\theta_{server}, a_k),\ a_k \leftarrow 0 $$
 * (The paper's pseudocode tests step mod n_push = 0 BEFORE incrementing step, so its first push
 * carries a single gradient; testing s + 1 makes every push carry exactly n_push gradients. The
 * fetch test is the paper's.)
 *
 * Asynchrony: at every tick a seeded scheduler picks which replica runs one step; a fetch or
 * push travels for a random delay of 0..maxDelay ticks (0 = delivered at once). A fetch
 * returns the server's parameters when it ARRIVES; a push is applied when it arrives. Each
 * replica has at most one fetch and one push in flight (a new one first delivers the old one),
 * so memory stays at two extra vectors per replica (capped by checkBufferBudget).
 *
 * Divergence: checked on the server's theta at every evaluation point with the shared check
 * (src/core/divergence.ts); the run then stops, `stopped` says why, and theta and the records
 * end at the last finite evaluation (replicas keep the values they had).
 */
export interface DownpourOptions {
  problem: StochasticProblem | SparseDataset;
  /** Mini-batch size when `problem` is a SparseDataset. */
  batchSize?: number;
  workers: number;
  /** Total replica steps (ticks) to simulate. */
  steps: number;
  /** The replicas' local learning rate alpha (default: the server optimizer's lr). */
  localLr?: number;
  /** The server's update rule (default plain SGD with lr 0.01). */
  server?: Optimizer;
  nFetch?: number;
  nPush?: number;
  /** Largest message delay in ticks (default 0: synchronous messages). */
  maxDelay?: number;
  seed?: number;
  /** Starting parameters (default zeros). */
  theta0?: ArrayLike<number>;
  /** Record the loss every this many ticks (default: about 100 points). */
  evalEvery?: number;
  /** Record server and replica parameters at each evaluation (default: when dim = 2). */
  recordTrajectories?: boolean;
}

export interface DownpourResult {
  theta: Float64Array;
  /** Ticks at which the loss was recorded (0 = start). */
  steps: number[];
  /** J(server theta) at those ticks. */
  loss: number[];
  /** Server parameters at those ticks (when recorded). */
  server: Float64Array[];
  /** Each replica's parameters at those ticks (when recorded). */
  replicas: Float64Array[][];
  pushes: number;
  fetches: number;
  /** Why the run stopped early (divergence at an evaluation point; `step` = ticks made), else null. */
  stopped: Stopped | null;
}

interface Replica {
  theta: Float64Array;
  acc: Float64Array;
  grad: Float64Array;
  rng: Rng;
  step: number;
  fetchDue: number; // tick at which the in-flight fetch arrives, -1 if none
  pushDue: number;
  pushBuf: Float64Array; // the in-flight accumulated gradient
}

export function runDownpour(options: DownpourOptions): DownpourResult {
  assertOptionsObject("runDownpour", options, "problem, workers and steps");
  const problem = toStochasticProblem(options.problem, options.batchSize ?? 1);
  const W = integerAtLeast("workers", options.workers, 1);
  const steps = integerAtLeast("steps", options.steps, 1);
  const server = options.server ?? sgd({ lr: 0.01 });
  const alpha = positive("localLr", options.localLr ?? server.lr);
  const nFetch = integerAtLeast("nFetch", options.nFetch ?? 1, 1);
  const nPush = integerAtLeast("nPush", options.nPush ?? 1, 1);
  const maxDelay = integerAtLeast("maxDelay", options.maxDelay ?? 0, 0);
  const seed = integerAtLeast("seed", options.seed ?? 0, 0);
  const evalEvery = integerAtLeast("evalEvery", options.evalEvery ?? Math.max(1, Math.ceil(steps / 100)), 1);
  const dim = problem.dim;
  checkBufferBudget("runDownpour", `${W} replicas of dim ${dim}`, 4 * W * dim);

  const theta = startPoint(options.theta0, dim);
  const state: OptimizerState = server.init(theta);
  const scheduler = createRng(seed + 104729);
  const delays = createRng(seed + 130363);
  const replicas: Replica[] = Array.from({ length: W }, (_, k) => ({
    theta: Float64Array.from(theta),
    acc: new Float64Array(dim),
    grad: new Float64Array(dim),
    rng: createRng(workerSeed(seed, k)),
    step: 0,
    fetchDue: -1,
    pushDue: -1,
    pushBuf: new Float64Array(dim),
  }));
  const record = options.recordTrajectories ?? dim === 2;
  const serverTrack = new TrajectoryRecorder(record);
  const replicaTracks = replicas.map(() => new TrajectoryRecorder(record));
  const result: DownpourResult = {
    theta,
    steps: [],
    loss: [],
    server: serverTrack.points,
    replicas: replicaTracks.map((r) => r.points),
    pushes: 0,
    fetches: 0,
    stopped: null,
  };
  const lastGood = Float64Array.from(theta);
  /** Records tick `tick`; true (and `stopped` set, theta restored) when theta or its loss is not finite. */
  const observe = (tick: number): boolean => {
    const loss = problem.loss(theta);
    const bad = nonFiniteProblem(theta, loss);
    if (bad !== null) {
      result.stopped = diverged(tick, `at tick ${tick}`, bad, tick);
      theta.set(lastGood);
      return true;
    }
    lastGood.set(theta);
    result.steps.push(tick);
    result.loss.push(loss);
    serverTrack.record(theta);
    replicas.forEach((r, k) => replicaTracks[k].record(r.theta));
    return false;
  };

  const deliverFetch = (r: Replica): void => {
    r.theta.set(theta);
    r.fetchDue = -1;
    result.fetches++;
  };
  const deliverPush = (r: Replica): void => {
    server.step(theta, r.pushBuf, state);
    r.pushDue = -1;
    result.pushes++;
  };
  const delay = (): number => (maxDelay === 0 ? 0 : delays.int(maxDelay + 1));

  observe(0);
  for (let tick = 0; tick < steps; tick++) {
    // Messages whose travel time is over arrive before anyone acts this tick.
    // (An indexed loop: a for-of would create an iterator every tick.)
    for (let k = 0; k < W; k++) {
      const r = replicas[k];
      if (r.pushDue >= 0 && r.pushDue <= tick) deliverPush(r);
      if (r.fetchDue >= 0 && r.fetchDue <= tick) deliverFetch(r);
    }
    const r = replicas[W === 1 ? 0 : scheduler.int(W)];
    if (r.step % nFetch === 0) {
      if (r.fetchDue >= 0) deliverFetch(r);
      const dt = delay();
      if (dt === 0) deliverFetch(r);
      else r.fetchDue = tick + dt;
    }
    problem.stochasticGradient(r.theta, r.grad, r.rng);
    for (let j = 0; j < dim; j++) {
      r.acc[j] += r.grad[j];
      r.theta[j] -= alpha * r.grad[j];
    }
    r.step++;
    if (r.step % nPush === 0) {
      if (r.pushDue >= 0) deliverPush(r);
      r.pushBuf.set(r.acc);
      r.acc.fill(0);
      const dt = delay();
      if (dt === 0) deliverPush(r);
      else r.pushDue = tick + dt;
    }
    if ((tick + 1) % evalEvery === 0 && tick + 1 < steps && observe(tick + 1)) return result;
  }
  // Deliver what is still travelling so no computed gradient is lost, then take the last reading.
  for (const r of replicas) if (r.pushDue >= 0) deliverPush(r);
  observe(steps);
  return result;
}
