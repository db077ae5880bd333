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
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "../src/core/rng";
import { loadMnist } from "../src/data/mnist-node";
import type { Scalar, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { ClassificationDataset } from "../src/data/dataset";
import { mlp } from "../src/models/mlp";
import { createOptimizer, setKernels } from "../src/optimizers/index";
import type { KernelMode } from "../src/kernels/runtime";
import type { Optimizer } from "../src/optimizers/optimizer";

// All 10,000 digits of the package by default (as the issue asks: one epoch on 10,000 digits);
// BENCH_MLP_PER_CLASS=N takes a balanced N per class instead (at most 863, the number of fives).
const PER_CLASS: number | "all" = process.env.BENCH_MLP_PER_CLASS === undefined ? "all" : positiveInteger("BENCH_MLP_PER_CLASS", 863);
const TIMED_EPOCHS = positiveInteger("BENCH_MLP_EPOCHS", 3);
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
  /** Wall-clock time of each epoch, the warm-up first. */
  epochMs: number[];
  /**
   * CPU time of the process during each epoch. Every implementation runs on one thread, so on a
   * quiet machine this equals the wall time; on a shared one it leaves out the time spent waiting
   * for a core, which wall time does not.
   */
  epochCpuMs: number[];
  /** Mean mini-batch loss of each epoch (before each update). */
  epochBatchLoss: number[];
  /** Mean loss over the whole set after the last epoch. */
  finalLoss: number;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: ${name} must be an integer >= 1, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function makeOurs(spec: OptimizerSpec): Optimizer {
  if (spec.kind === "sgd") return createOptimizer("sgd", { convention: "pytorch", lr: spec.lr, momentum: spec.momentum });
  return createOptimizer("adam", { convention: "pytorch", lr: spec.lr, betas: spec.betas, eps: spec.eps });
}

/**
 * Descent: src/'s MLP and optimizer, the same per-update work as src/train's loop. The products
 * (lossAndGradient) run under `productsMode` and the optimizer's step under `stepMode`
 * (setKernels between the two calls: the mode is read at each call), so the bench can show what
 * each kernel brings.
 */
function runDescent(
  data: ClassificationDataset,
  init: Float64Array,
  perms: Int32Array[],
  spec: OptimizerSpec,
  productsMode: KernelMode,
  stepMode: KernelMode,
): RunResult {
  setKernels(stepMode);
  const model = mlp({ sizes: SIZES, activation: "relu" });
  const params = Float64Array.from(init);
  const grad = new Float64Array(model.dim);
  const opt = makeOurs(spec);
  const state = opt.init(params);
  const both = productsMode === stepMode;
  const epochMs: number[] = [];
  const epochCpuMs: number[] = [];
  const epochBatchLoss: number[] = [];
  for (const idx of perms) {
    let total = 0;
    let batches = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let start = 0; start < data.n; start += BATCH) {
      if (!both) setKernels(productsMode);
      total += model.lossAndGradient(params, data, idx, start, Math.min(data.n, start + BATCH), grad);
      if (!both) setKernels(stepMode);
      opt.step(params, grad, state);
      batches++;
    }
    epochMs.push(performance.now() - t0);
    epochCpuMs.push(cpuMsSince(c0));
    epochBatchLoss.push(total / batches);
  }
  setKernels("auto");
  return { epochMs, epochCpuMs, epochBatchLoss, finalLoss: model.loss(params, data) };
}

/**
 * tfjs-core on its cpu backend: the same network and backpropagation written with its ops, and
 * its own optimizer (tf.train.momentum / tf.train.adam) applying the gradients. The backward pass
 * is written out because tfjs-core's Node build (tf-core.node.js) does not carry the gradient
 * functions of its ops (only the union package @tensorflow/tfjs registers them), so
 * `optimizer.minimize` fails with "gradient function not found"; the arithmetic is the same.
 */
async function runTfjs(data: ClassificationDataset, init: Float64Array, perms: Int32Array[], spec: OptimizerSpec): Promise<RunResult> {
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  await tf.setBackend("cpu");
  await tf.ready();
  const [d, h, K] = SIZES;
  // Same layout as src/: W [out x in] row-major, then b; matMul(x, W, false, true) = x W^T.
  let off = 0;
  const take = (name: string, count: number, shape: number[]): Variable => {
    const v = tf.variable(tf.tensor(Float32Array.from(init.subarray(off, off + count)), shape, "float32"), true, name);
    off += count;
    return v;
  };
  const W1 = take("W1", h * d, [h, d]);
  const b1 = take("b1", h, [h]);
  const W2 = take("W2", K * h, [K, h]);
  const b2 = take("b2", K, [K]);
  const X = tf.tensor2d(Float32Array.from(data.X), [data.n, d]);
  const Y = tf.oneHot(tf.tensor1d(data.labels, "int32"), K) as Tensor2D;
  const opt =
    spec.kind === "sgd"
      ? tf.train.momentum(spec.lr, spec.momentum ?? 0)
      : tf.train.adam(spec.lr, spec.betas?.[0], spec.betas?.[1], spec.eps);
  const forward = (x: Tensor2D): { hidden: Tensor2D; logits: Tensor2D } => {
    const hidden = tf.relu(tf.add(tf.matMul(x, W1, false, true), b1)) as Tensor2D;
    return { hidden, logits: tf.add(tf.matMul(hidden, W2, false, true), b2) as Tensor2D };
  };
  // Mean softmax cross-entropy: mean_i [logsumexp(z_i) - z_{i, c_i}].
  const meanLoss = (logits: Tensor2D, y: Tensor2D): Scalar => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as Scalar;
  /** One update on the rows idx of X; returns the batch loss before it. */
  const step = (idx: ReturnType<typeof tf.tensor1d>): Scalar => {
    const x = tf.gather(X, idx) as Tensor2D;
    const y = tf.gather(Y, idx) as Tensor2D;
    const { hidden, logits } = forward(x);
    const m = x.shape[0];
    const dz2 = tf.div(tf.sub(tf.softmax(logits), y), m); // dJ/dz2 = (p - onehot) / m
    const dz1 = tf.mul(tf.matMul(dz2, W2), tf.step(hidden)); // through W2, then ReLU'
    opt.applyGradients({
      W1: tf.matMul(dz1, x, true, false),
      b1: tf.sum(dz1, 0),
      W2: tf.matMul(dz2, hidden, true, false),
      b2: tf.sum(dz2, 0),
    });
    return meanLoss(logits, y);
  };
  const epochMs: number[] = [];
  const epochCpuMs: number[] = [];
  const epochBatchLoss: number[] = [];
  for (const perm of perms) {
    const permT = tf.tensor1d(perm, "int32");
    let total = 0;
    let batches = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let start = 0; start < data.n; start += BATCH) {
      const size = Math.min(BATCH, data.n - start);
      const loss = tf.tidy(() => step(tf.slice(permT, start, size)));
      total += loss.dataSync()[0]; // dataSync also waits for the step to finish
      loss.dispose();
      batches++;
    }
    epochMs.push(performance.now() - t0);
    epochCpuMs.push(cpuMsSince(c0));
    epochBatchLoss.push(total / batches);
    permT.dispose();
  }
  const finalT = tf.tidy(() => meanLoss(forward(X).logits, Y));
  const finalLoss = finalT.dataSync()[0];
  tf.dispose([finalT, X, Y, W1, b1, W2, b2]);
  opt.dispose();
  return { epochMs, epochCpuMs, epochBatchLoss, finalLoss };
}

interface TorchOutput {
  torch: string;
  threads: number;
  /** The BLAS library files the Python process loaded. */
  blas: string[];
  results: Record<string, RunResult>;
}

/**
 * PyTorch: data, start point and batch order go through files in a temporary folder.
 * `blasDir`, when given, is put first on LD_LIBRARY_PATH, so torch loads the libblas.so.3 found
 * there instead of the system's (see BENCH_TORCH_BLAS_DIR below).
 */
function runTorch(data: ClassificationDataset, init: Float64Array, perms: Int32Array[], blasDir?: string): TorchOutput | string {
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
      env: {
        ...process.env,
        OMP_NUM_THREADS: "1",
        MKL_NUM_THREADS: "1",
        OPENBLAS_NUM_THREADS: "1",
        ...(blasDir ? { LD_LIBRARY_PATH: [blasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":") } : {}),
      },
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

const timed = (xs: readonly number[]): number[] => xs.slice(1); // drop the warm-up epoch
const fmt = (ms: number): string => ms.toFixed(0);
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
  const describe = (t: TorchOutput | string): string =>
    typeof t === "string" ? t : `PyTorch ${t.torch}, ${t.threads} thread, BLAS ${t.blas.join(", ") || "none loaded"}`;
  console.log(describe(torch));
  console.log(`load average after the PyTorch runs: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  // Debian's python3-torch calls the system libblas.so.3, which is the slow reference BLAS unless
  // an optimised one is installed. BENCH_TORCH_BLAS_DIR=<folder holding an optimised
  // libblas.so.3>, e.g. OpenBLAS's serial build, adds a second PyTorch run with it.
  const blasDir = process.env.BENCH_TORCH_BLAS_DIR;
  const torchBlas = blasDir ? runTorch(data, init, perms, blasDir) : undefined;
  if (torchBlas) console.log(`second run: ${describe(torchBlas)}`);
  const rows = [
    "| optimizer | implementation | dtype | ms per epoch (wall) | wall min-max | CPU ms per epoch | time / Descent's (wall, CPU) | final loss |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const verdicts: string[] = [];
  for (const name of Object.keys(OPTIMIZERS) as OptName[]) {
    const spec = OPTIMIZERS[name];
    // Everything on the JS loops (setKernels("js")), the products in JS with the step's kernel,
    // and the default (products and step on the WebAssembly kernels): the same bits, so the same
    // final loss; the epochs differ by the time of what runs where.
    const oursJs = runDescent(data, init, perms, spec, "js", "js");
    const oursStep = runDescent(data, init, perms, spec, "js", "auto");
    const ours = runDescent(data, init, perms, spec, "auto", "auto");
    for (const [what, r] of [["JS loops", oursJs], ["step-only kernel", oursStep]] as const) {
      if (r.finalLoss !== ours.finalLoss) console.error(`WARNING: ${name}: the kernels' final loss ${ours.finalLoss} is not the ${what}' ${r.finalLoss}`);
    }
    const tfjs = await runTfjs(data, init, perms, spec).catch((error: unknown) => {
      console.error(`tfjs: not measured (${(error as Error).message})`);
      return undefined;
    });
    const pick = (t: TorchOutput | string | undefined, dtype: string): RunResult | undefined =>
      t === undefined || typeof t === "string" ? undefined : t.results[`${name}/${dtype}`];
    const t64 = pick(torch, "float64");
    const t32 = pick(torch, "float32");
    const b64 = pick(torchBlas, "float64");
    const b32 = pick(torchBlas, "float32");
    const wall = (r: RunResult): number => median(timed(r.epochMs));
    const cpu = (r: RunResult): number => median(timed(r.epochCpuMs));
    const row = (who: string, dtype: string, r: RunResult | undefined): void => {
      if (!r) {
        rows.push(`| ${spec.label} | ${who} | ${dtype} | n/a | n/a | n/a | n/a | n/a |`);
        return;
      }
      const w = timed(r.epochMs);
      const vs = `${(wall(r) / wall(ours)).toFixed(2)}x, ${(cpu(r) / cpu(ours)).toFixed(2)}x`;
      rows.push(
        `| ${spec.label} | ${who} | ${dtype} | ${fmt(wall(r))} | ${fmt(Math.min(...w))}-${fmt(Math.max(...w))} | ${fmt(cpu(r))} | ${vs} | ${r.finalLoss.toFixed(6)} |`,
      );
    };
    row("Descent (src/, kernels: products and step)", "float64", ours);
    row("Descent, products in JS, step on its kernel", "float64", oursStep);
    row("Descent, all JS (setKernels(\"js\"))", "float64", oursJs);
    row("PyTorch, 1 thread", "float64", t64);
    row("PyTorch, 1 thread", "float32", t32);
    if (torchBlas) {
      row(`PyTorch, 1 thread, BLAS from ${blasDir}`, "float64", b64);
      row(`PyTorch, 1 thread, BLAS from ${blasDir}`, "float32", b32);
    }
    row("tfjs-core cpu", "float32", tfjs);
    const both = (a: RunResult | undefined, b: RunResult | undefined): string =>
      a && b ? `${(wall(a) / wall(b)).toFixed(2)}x wall, ${(cpu(a) / cpu(b)).toFixed(2)}x CPU` : "n/a";
    verdicts.push(
      `${name}: Descent / PyTorch f64 = ${both(ours, t64)}; Descent / PyTorch f32 = ${both(ours, t32)} (target <= 1x with the reference BLAS); ` +
        `tfjs / Descent = ${both(tfjs, ours)}; Descent / all-JS = ${both(ours, oursJs)}` +
        (torchBlas ? `; with the other BLAS: Descent / PyTorch f64 = ${both(ours, b64)}, f32 = ${both(ours, b32)} (target <= 2x with OpenBLAS)` : ""),
    );
    // float64 against float64 from the same start and batches: only summation order differs.
    if (t64) checkLoss(`PyTorch float64 ${name}`, ours.finalLoss, t64.finalLoss, 1e-6);
    if (t32) checkLoss(`PyTorch float32 ${name}`, ours.finalLoss, t32.finalLoss, 2e-2);
    if (b64) checkLoss(`PyTorch float64 (other BLAS) ${name}`, ours.finalLoss, b64.finalLoss, 1e-6);
    if (b32) checkLoss(`PyTorch float32 (other BLAS) ${name}`, ours.finalLoss, b32.finalLoss, 2e-2);
    if (tfjs) checkLoss(`tfjs float32 ${name}`, ours.finalLoss, tfjs.finalLoss, 2e-2);
  }
  console.log(rows.join("\n"));
  console.log(verdicts.join("\n"));
  console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
