/**
 * `npm run bench`: one optimizer step on 1,000,000 parameters (Adam, SGD-momentum, RMSprop;
 * Float32Array and Float64Array), median of repeated runs, reported as ratios measured in the
 * same run against (1) a hand-fused minimal JS loop, (2) @tensorflow/tfjs-core's cpu backend,
 * (3) PyTorch with one thread via /usr/bin/python3 when torch is installed.
 * Not a test: nothing here asserts a time. Prints a Markdown table for the README.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createOptimizer } from "../src/optimizers/index";
import type { Optimizer, OptimizerState } from "../src/optimizers/optimizer";
import type { Vec } from "../src/core/vector";
import { createRng } from "../src/core/rng";
import { fusedAdam, fusedMomentum, fusedRmsprop } from "./fused-loops";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 31);
const TFJS_REPEATS = Number(process.env.BENCH_TFJS_REPEATS ?? 7);

type Kind = "float32" | "float64";
type Name = "adam" | "momentum" | "rmsprop";
const NAMES: Name[] = ["adam", "momentum", "rmsprop"];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function randomVec(kind: Kind, seed: number): Vec {
  const rng = createRng(seed);
  const v = kind === "float32" ? new Float32Array(N) : new Float64Array(N);
  for (let i = 0; i < N; i++) v[i] = rng.normal();
  return v;
}

function makeOurs(name: Name): Optimizer {
  // PyTorch convention and PyTorch's hyperparameters, so the same arithmetic is compared.
  if (name === "adam") return createOptimizer("adam", { convention: "pytorch", lr: 1e-3 });
  if (name === "momentum") return createOptimizer("sgd", { convention: "pytorch", lr: 1e-2, momentum: 0.9 });
  return createOptimizer("rmsprop", { convention: "pytorch", lr: 1e-2, alpha: 0.99 });
}

/** Times ours and the fused loop alternately, so both see the same machine state. */
function timeJs(name: Name, kind: Kind): { ours: number; fused: number } {
  const g = randomVec(kind, 2);
  const pOurs = randomVec(kind, 1);
  const pFused = randomVec(kind, 1);
  const opt = makeOurs(name);
  const state: OptimizerState = opt.init(pOurs);
  const ctor = kind === "float32" ? Float32Array : Float64Array;
  const a = new ctor(N);
  const b = new ctor(N);
  let t = 0;
  const fused = (): void => {
    t++;
    if (name === "adam") fusedAdam(pFused, g, a, b, t, 1e-3, 0.9, 0.999, 1e-8);
    else if (name === "momentum") fusedMomentum(pFused, g, a, t === 1, 1e-2, 0.9);
    else fusedRmsprop(pFused, g, a, 1e-2, 0.99, 1e-8);
  };
  for (let k = 0; k < 5; k++) {
    opt.step(pOurs, g, state);
    fused();
  }
  const ours: number[] = [];
  const fusedTimes: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    let t0 = performance.now();
    opt.step(pOurs, g, state);
    ours.push(performance.now() - t0);
    t0 = performance.now();
    fused();
    fusedTimes.push(performance.now() - t0);
  }
  // The two must have computed the same thing, or the comparison means nothing.
  let maxDiff = 0;
  for (let i = 0; i < N; i += 997) maxDiff = Math.max(maxDiff, Math.abs(pOurs[i] - pFused[i]));
  if (maxDiff > (kind === "float32" ? 1e-4 : 1e-9)) {
    throw new Error(`${name}/${kind}: library and fused loop disagree by ${maxDiff}`);
  }
  return { ours: median(ours), fused: median(fusedTimes) };
}

async function timeTfjs(name: Name): Promise<number | null> {
  try {
    const tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
    await tf.ready();
    const w = tf.variable(tf.randomNormal([N], 0, 1, "float32", 1));
    const grad = tf.randomNormal([N], 0, 1, "float32", 2);
    const opt =
      name === "adam"
        ? tf.train.adam(1e-3, 0.9, 0.999, 1e-8)
        : name === "momentum"
          ? tf.train.momentum(1e-2, 0.9)
          : tf.train.rmsprop(1e-2, 0.99, 0, 1e-8);
    const step = (): void => {
      opt.applyGradients([{ name: w.name, tensor: grad }]);
      w.dataSync(); // force the work to finish
    };
    step();
    const times: number[] = [];
    for (let k = 0; k < TFJS_REPEATS; k++) {
      const t0 = performance.now();
      step();
      times.push(performance.now() - t0);
    }
    opt.dispose();
    w.dispose();
    grad.dispose();
    return median(times);
  } catch (error) {
    console.error(`tfjs: not measured (${(error as Error).message})`);
    return null;
  }
}

function timeTorch(): { version: string; results: Record<string, number> } | null {
  const python = "/usr/bin/python3";
  if (!existsSync(python)) return null;
  try {
    const out = execFileSync(python, [join(__dirname, "torch_step.py"), String(N), String(REPEATS)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      // torch's Adam allocates two temporary tensors per step. With glibc's default threshold
      // each 4-8 MB temporary is a fresh mmap, and on a virtual machine its page faults can cost
      // more than the arithmetic (seen: 27 ms instead of 1.4 ms). Raising the thresholds keeps
      // freed blocks in the heap, so torch is measured at its best, not at the kernel's.
      env: {
        ...process.env,
        OMP_NUM_THREADS: "1",
        MKL_NUM_THREADS: "1",
        MALLOC_MMAP_THRESHOLD_: "268435456",
        MALLOC_TRIM_THRESHOLD_: "536870912",
      },
    });
    const parsed = JSON.parse(out) as { torch: string; results: Record<string, number> };
    return { version: parsed.torch, results: parsed.results };
  } catch {
    return null;
  }
}

const fmt = (ms: number | null | undefined): string => (ms == null ? "n/a" : ms.toFixed(2));
const ratio = (a: number | null | undefined, b: number | null | undefined): string =>
  a == null || b == null ? "n/a" : `${(a / b).toFixed(2)}x`;

/**
 * Each float type is timed in its own process: V8 specialises a loop for the array type it has
 * seen, and a process that ran both Float32Array and Float64Array through the same code would
 * measure the slower, polymorphic version of both the library and the fused loop.
 */
function timeJsInChild(kind: Kind): Record<Name, { ours: number; fused: number }> {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename], {
    encoding: "utf8",
    env: { ...process.env, BENCH_KIND: kind },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as Record<Name, { ours: number; fused: number }>;
}

async function mainBench(): Promise<void> {
  const childKind = process.env.BENCH_KIND as Kind | undefined;
  if (childKind) {
    const results = Object.fromEntries(NAMES.map((name) => [name, timeJs(name, childKind)]));
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return;
  }
  console.log(`Descent optimizer-step benchmark: N = ${N.toLocaleString("en")} parameters, median of ${REPEATS} steps`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const torch = timeTorch();
  console.log(torch ? `PyTorch ${torch.version}, 1 thread` : "PyTorch: not available (/usr/bin/python3 with torch not found); torch columns are n/a");
  const js = { float32: timeJsInChild("float32"), float64: timeJsInChild("float64") };
  const rows: string[] = [
    "| optimizer | dtype | Descent ms | fused JS ms | PyTorch ms | tfjs-cpu ms | Descent / fused | Descent / PyTorch | tfjs / Descent |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const label: Record<Name, string> = { adam: "Adam", momentum: "SGD-momentum", rmsprop: "RMSprop" };
  for (const name of NAMES) {
    const tf = await timeTfjs(name);
    for (const kind of ["float32", "float64"] as Kind[]) {
      const { ours, fused } = js[kind][name];
      const pt = torch?.results[`${name}/${kind}`];
      const tfMs = kind === "float32" ? tf : null; // tfjs computes in float32 only
      rows.push(
        `| ${label[name]} | ${kind} | ${fmt(ours)} | ${fmt(fused)} | ${fmt(pt)} | ${fmt(tfMs)} | ${ratio(ours, fused)} | ${ratio(ours, pt)} | ${ratio(tfMs, ours)} |`,
      );
    }
  }
  console.log(rows.join("\n"));
}

mainBench().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
