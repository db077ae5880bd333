/**
 * `npm run bench` (third part): one training epoch of the MLP that notebook 15 trains, on real
 * MNIST digits, with src/ against PyTorch (one thread, /usr/bin/python3) and tfjs-core's cpu
 * backend, all in the same run.
 *
 * The network: 784-128-10, ReLU, softmax cross-entropy (mean over the batch), mini-batches of 64,
 * SGD with momentum 0.9 (lr 0.05) and Adam (lr 1e-3), PyTorch's conventions. All three start from
 * the SAME parameters (src/'s He-scaled initParams, handed over) and see the SAME batches (one
 * seeded permutation per epoch), so they do the same arithmetic and their losses must agree:
 * PyTorch in float64 to rounding, the float32 runs roughly. The bench prints a warning when they
 * do not. Descent computes in float64 (its models use Float64Array); PyTorch runs in float64 (the
 * fair comparison) and in float32; tfjs computes in float32 only.
 *
 * Timed: the updates of one epoch (gradient of each batch + optimizer step), median over
 * BENCH_MLP_EPOCHS epochs after one warm-up epoch. Not timed: loading data, starting Python, the
 * evaluation after training. Not a test: nothing asserts a time.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "../src/core/rng";
import { loadMnist } from "../src/data/mnist-node";
import type { ClassificationDataset } from "../src/data/dataset";
import { mlp } from "../src/models/mlp";
import { createOptimizer } from "../src/optimizers/index";
import type { Optimizer } from "../src/optimizers/optimizer";

// 863 digits per class is the most a balanced loadMnist gives (class 5 has 863 in the package).
const PER_CLASS = Number(process.env.BENCH_MLP_PER_CLASS ?? 863);
const TIMED_EPOCHS = Number(process.env.BENCH_MLP_EPOCHS ?? 3);
const EPOCHS = 1 + TIMED_EPOCHS; // the first one is the warm-up
const SIZES = [784, 128, 10] as const;
const BATCH = 64;
const SEED = 1;

interface OptimizerSpec {
  readonly label: string;
  readonly kind: "sgd" | "adam";
  readonly lr: number;
  readonly momentum?: number;
  readonly betas?: readonly [number, number];
  readonly eps?: number;
}
const OPTIMIZERS: Record<string, OptimizerSpec> = {
  sgd: { label: "SGD-momentum (lr 0.05, 0.9)", kind: "sgd", lr: 0.05, momentum: 0.9 },
  adam: { label: "Adam (lr 1e-3)", kind: "adam", lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8 },
};
type OptName = keyof typeof OPTIMIZERS;

interface RunResult {
  epochMs: number[];
  /** Mean mini-batch loss of each epoch (before each update). */
  epochBatchLoss: number[];
  /** Mean loss over the whole set after the last epoch. */
  finalLoss: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function makeOurs(spec: OptimizerSpec): Optimizer {
  if (spec.kind === "sgd") return createOptimizer("sgd", { convention: "pytorch", lr: spec.lr, momentum: spec.momentum });
  return createOptimizer("adam", { convention: "pytorch", lr: spec.lr, betas: spec.betas, eps: spec.eps });
}

/** Descent: src/'s MLP and optimizer, the same per-update work as src/train's loop. */
function runDescent(data: ClassificationDataset, init: Float64Array, perms: Int32Array[], spec: OptimizerSpec): RunResult {
  const model = mlp({ sizes: SIZES, activation: "relu" });
  const params = Float64Array.from(init);
  const grad = new Float64Array(model.dim);
  const opt = makeOurs(spec);
  const state = opt.init(params);
  const epochMs: number[] = [];
  const epochBatchLoss: number[] = [];
  for (const idx of perms) {
    let total = 0;
    let batches = 0;
    const t0 = performance.now();
    for (let start = 0; start < data.n; start += BATCH) {
      total += model.lossAndGradient(params, data, idx, start, Math.min(data.n, start + BATCH), grad);
      opt.step(params, grad, state);
      batches++;
    }
    epochMs.push(performance.now() - t0);
    epochBatchLoss.push(total / batches);
  }
  return { epochMs, epochBatchLoss, finalLoss: model.loss(params, data) };
}

/** tfjs-core on its cpu backend: the same network written with its ops, its own optimizers. */
async function runTfjs(data: ClassificationDataset, init: Float64Array, perms: Int32Array[], spec: OptimizerSpec): Promise<RunResult> {
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  // tfjs-core registers the gradients of its ops only on request (the union package does it).
  await import("@tensorflow/tfjs-core/dist/register_all_gradients");
  await tf.setBackend("cpu");
  await tf.ready();
  const [d, h, K] = SIZES;
  // Same layout as src/: W [out x in] row-major, then b; matMul(x, W, false, true) = x W^T.
  let off = 0;
  const take = (count: number, shape: number[]): ReturnType<typeof tf.variable> => {
    const v = tf.variable(tf.tensor(Float32Array.from(init.subarray(off, off + count)), shape, "float32"));
    off += count;
    return v;
  };
  const W1 = take(h * d, [h, d]);
  const b1 = take(h, [h]);
  const W2 = take(K * h, [K, h]);
  const b2 = take(K, [K]);
  const X = tf.tensor2d(Float32Array.from(data.X), [data.n, d]);
  const Y = tf.oneHot(tf.tensor1d(data.labels, "int32"), K);
  const opt = spec.kind === "sgd" ? tf.train.momentum(spec.lr, spec.momentum ?? 0) : tf.train.adam(spec.lr, spec.betas?.[0], spec.betas?.[1], spec.eps);
  const lossOf = (x: ReturnType<typeof tf.tensor2d>, y: ReturnType<typeof tf.tensor2d>) => {
    const hidden = tf.relu(tf.add(tf.matMul(x, W1, false, true), b1));
    const logits = tf.add(tf.matMul(hidden, W2, false, true), b2);
    return tf.losses.softmaxCrossEntropy(y, logits); // mean over the batch
  };
  const epochMs: number[] = [];
  const epochBatchLoss: number[] = [];
  for (const perm of perms) {
    const permT = tf.tensor1d(perm, "int32");
    let total = 0;
    let batches = 0;
    const t0 = performance.now();
    for (let start = 0; start < data.n; start += BATCH) {
      const size = Math.min(BATCH, data.n - start);
      const loss = tf.tidy(() => {
        const idx = tf.slice(permT, start, size);
        const x = tf.gather(X, idx) as ReturnType<typeof tf.tensor2d>;
        const y = tf.gather(Y, idx) as ReturnType<typeof tf.tensor2d>;
        return opt.minimize(() => lossOf(x, y) as ReturnType<typeof tf.scalar>, true, [W1, b1, W2, b2]);
      });
      total += loss ? loss.dataSync()[0] : NaN; // dataSync also waits for the step to finish
      loss?.dispose();
      batches++;
    }
    epochMs.push(performance.now() - t0);
    epochBatchLoss.push(total / batches);
    permT.dispose();
  }
  const finalT = tf.tidy(() => lossOf(X, Y as ReturnType<typeof tf.tensor2d>));
  const finalLoss = finalT.dataSync()[0];
  tf.dispose([finalT, X, Y, W1, b1, W2, b2]);
  opt.dispose();
  return { epochMs, epochBatchLoss, finalLoss };
}

interface TorchOutput {
  torch: string;
  threads: number;
  results: Record<string, RunResult>;
}

/** PyTorch: data, start point and batch order go through files in a temporary folder. */
function runTorch(data: ClassificationDataset, init: Float64Array, perms: Int32Array[]): TorchOutput | string {
  const folder = mkdtempSync(join(tmpdir(), "descent-mlp-bench-"));
  try {
    const allPerms = new Int32Array(EPOCHS * data.n);
    perms.forEach((p, e) => allPerms.set(p, e * data.n));
    const bytes = (a: Float64Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(folder, "X.f64"), bytes(data.X));
    writeFileSync(join(folder, "labels.i32"), bytes(data.labels));
    writeFileSync(join(folder, "params.f64"), bytes(init));
    writeFileSync(join(folder, "perms.i32"), bytes(allPerms));
    writeFileSync(
      join(folder, "config.json"),
      JSON.stringify({ n: data.n, sizes: SIZES, batchSize: BATCH, epochs: EPOCHS, optimizers: OPTIMIZERS }),
    );
    const out = execFileSync("/usr/bin/python3", [join(__dirname, "..", "scripts", "torch_mlp_bench.py"), folder], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(out) as TorchOutput;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    const last = (e.stderr ?? e.message).trim().split("\n").pop() ?? e.message;
    return `not measured (${last})`;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const fmt = (ms: number | undefined): string => (ms === undefined ? "n/a" : ms.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? "n/a" : `${(a / b).toFixed(2)}x`);
const spread = (r: RunResult | undefined): string => {
  if (!r) return "n/a";
  const timed = r.epochMs.slice(1);
  return `${Math.min(...timed).toFixed(0)}-${Math.max(...timed).toFixed(0)}`;
};

/** Relative gap between two losses; the runs did the same arithmetic, so it should be small. */
function checkLoss(what: string, ours: number, theirs: number, tolerance: number): void {
  const gap = Math.abs(ours - theirs) / Math.max(1e-12, Math.abs(ours));
  if (!(gap <= tolerance)) {
    console.warn(`WARNING: ${what}: final loss ${theirs} vs Descent's ${ours} (relative gap ${gap.toExponential(2)} > ${tolerance}); they should do the same arithmetic`);
  }
}

async function main(): Promise<void> {
  const data = loadMnist({ perClass: PER_CLASS, seed: SEED });
  const model = mlp({ sizes: SIZES, activation: "relu" });
  const init = model.initParams(SEED);
  const rng = createRng(SEED + 1);
  const perms: Int32Array[] = [];
  for (let e = 0; e < EPOCHS; e++) {
    const p = new Int32Array(data.n);
    for (let i = 0; i < data.n; i++) p[i] = i;
    rng.shuffle(p);
    perms.push(p);
  }
  console.log(
    `Descent MLP-epoch benchmark: ${SIZES.join("-")} ReLU MLP, ${model.dim.toLocaleString("en")} parameters, ` +
      `${data.n.toLocaleString("en")} MNIST digits, batch ${BATCH} (${Math.ceil(data.n / BATCH)} updates per epoch); ` +
      `median of ${TIMED_EPOCHS} epochs after 1 warm-up`,
  );
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const torch = runTorch(data, init, perms);
  console.log(typeof torch === "string" ? `PyTorch: ${torch}` : `PyTorch ${torch.torch}, ${torch.threads} thread`);
  const rows = [
    "| optimizer | Descent f64 ms | PyTorch f64 ms | PyTorch f32 ms | tfjs-cpu f32 ms | Descent / PyTorch f64 | Descent / PyTorch f32 | tfjs / Descent | final loss Descent / PyTorch f64 / tfjs |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const spreads: string[] = [];
  for (const name of Object.keys(OPTIMIZERS) as OptName[]) {
    const spec = OPTIMIZERS[name];
    const ours = runDescent(data, init, perms, spec);
    const tfjs = await runTfjs(data, init, perms, spec).catch((error: unknown) => {
      console.error(`tfjs: not measured (${(error as Error).message})`);
      return undefined;
    });
    const t64 = typeof torch === "string" ? undefined : torch.results[`${name}/float64`];
    const t32 = typeof torch === "string" ? undefined : torch.results[`${name}/float32`];
    const med = (r: RunResult | undefined): number | undefined => (r ? median(r.epochMs.slice(1)) : undefined);
    const [mOurs, m64, m32, mTf] = [med(ours), med(t64), med(t32), med(tfjs)];
    const loss = (r: RunResult | undefined): string => (r ? r.finalLoss.toFixed(5) : "n/a");
    rows.push(
      `| ${spec.label} | ${fmt(mOurs)} | ${fmt(m64)} | ${fmt(m32)} | ${fmt(mTf)} | ${ratio(mOurs, m64)} | ${ratio(mOurs, m32)} | ${ratio(mTf, mOurs)} | ${loss(ours)} / ${loss(t64)} / ${loss(tfjs)} |`,
    );
    spreads.push(`${name}: Descent ${spread(ours)}, PyTorch f64 ${spread(t64)}, f32 ${spread(t32)}, tfjs ${spread(tfjs)}`);
    // float64 against float64 from the same start and batches: only summation order differs.
    if (t64) checkLoss(`PyTorch float64 ${name}`, ours.finalLoss, t64.finalLoss, 1e-6);
    if (t32) checkLoss(`PyTorch float32 ${name}`, ours.finalLoss, t32.finalLoss, 2e-2);
    if (tfjs) checkLoss(`tfjs float32 ${name}`, ours.finalLoss, tfjs.finalLoss, 2e-2);
  }
  console.log(rows.join("\n"));
  console.log(`min-max of the timed epochs (ms): ${spreads.join("; ")}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
