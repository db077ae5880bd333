/**
 * `npm run bench` (first part): one optimizer step on 1,000,000 parameters (Adam, SGD-momentum,
 * RMSprop, PyTorch convention and hyperparameters; Float32Array and Float64Array).
 *
 * Contestants, all in ONE run and interleaved: every round times each contestant in turn
 * (A B C ... A B C ...), ROUNDS rounds (>= 7), STEPS steps each (the round's figure is their
 * median). Each ratio is formed per round and reported as its median and range over the rounds,
 * with the load average, because on a shared 2-core machine one run is not a figure. Each step
 * is timed on the wall clock and in CPU time of its process (user + system), which a loaded
 * machine disturbs less: both sets of ratios are printed.
 *   - Descent: the library's step; by default the WebAssembly kernel, bit-identical to the JS loop
 *     (state resident in WebAssembly memory, params and grad copied in, params out).
 *   - Descent fast32: setKernels("fast"), float32 data in float32 lanes (float32 rows only).
 *   - kernel only: the library's step with params and grad already in the state's WebAssembly
 *     memory (residentArrays(state)): no copies.
 *   - copy all: the state copied in and out every step as well (one scratch memory for all).
 *   - JS: the library with setKernels("js") (the readable loops), and the hand-fused JS loop,
 *     both in a child Node process per float type (V8 specialises a loop to one array type).
 *   - PyTorch 1 thread (/usr/bin/python3 bench/torch_step.py, a server answering per round) and
 *     tfjs-core's cpu backend (float32 only).
 * Memory: the copy bandwidth measured in the same run (on arrays of the benchmark's size, and on
 * 64 MB buffers beyond the 32 MB L3) and the bytes each step moves give a bound per step; the
 * table shows how close each contestant is to it.
 * Not a test: nothing asserts a time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createRng } from "../src/core/rng";
import type { Vec } from "../src/core/vector";
import { setKernels, type KernelMode } from "../src/kernels/runtime";
import { createOptimizer } from "../src/optimizers/index";
import { residentArrays, residentOf } from "../src/optimizers/kernel-step";
import type { Optimizer } from "../src/optimizers/optimizer";
import { fusedAdam, fusedMomentum, fusedRmsprop } from "./fused-loops";

const N = Number(process.env.BENCH_N ?? 1_000_000);
const ROUNDS = Math.max(7, Number(process.env.BENCH_ROUNDS ?? 9));
const STEPS = Number(process.env.BENCH_STEPS ?? 7);
const TFJS_STEPS = Number(process.env.BENCH_TFJS_STEPS ?? 2);

type Kind = "float32" | "float64";
type Name = "adam" | "momentum" | "rmsprop";
const NAMES: Name[] = ["adam", "momentum", "rmsprop"];
const KINDS: Kind[] = ["float32", "float64"];
const LABEL: Record<Name, string> = { adam: "Adam", momentum: "SGD-momentum", rmsprop: "RMSprop" };
/** Arrays each step reads and writes in place (params, grad, buffers): read + write counts. */
const TRAFFIC: Record<Name, { reads: number; writes: number }> = {
  adam: { reads: 4, writes: 3 }, // p g m v ; p m v
  momentum: { reads: 3, writes: 2 }, // p g b ; p b
  rmsprop: { reads: 3, writes: 2 }, // p g sq ; p sq
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function randomVec(kind: Kind, seed: number): Vec {
  const rng = createRng(seed);
  const v = kind === "float32" ? new Float32Array(N) : new Float64Array(N);
  for (let i = 0; i < N; i++) v[i] = rng.normal();
  return v;
}

function makeOurs(name: Name): Optimizer {
  if (name === "adam") return createOptimizer("adam", { convention: "pytorch", lr: 1e-3 });
  if (name === "momentum") return createOptimizer("sgd", { convention: "pytorch", lr: 1e-2, momentum: 0.9 });
  return createOptimizer("rmsprop", { convention: "pytorch", lr: 1e-2, alpha: 0.99 });
}

/** Median wall and CPU (this process, user + system) milliseconds of one call of fn. */
interface Timing {
  wall: number;
  cpu: number;
}

function timeSteps(steps: number, fn: () => void): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < steps; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

// ---------------------------------------------------------------- child: the JS path
/** In a child process: the library's JS loops and the fused loop for one float type. */
function jsChild(kind: Kind): void {
  setKernels("js");
  const made = new Map<Name, { ours: () => void; fused: () => void }>();
  const get = (name: Name): { ours: () => void; fused: () => void } => {
    let m = made.get(name);
    if (m === undefined) {
      const g = randomVec(kind, 2);
      const p = randomVec(kind, 1);
      const pf = randomVec(kind, 1);
      const opt = makeOurs(name);
      const state = opt.init(p);
      const ctor = kind === "float32" ? Float32Array : Float64Array;
      const a = new ctor(N);
      const b = new ctor(N);
      let t = 0;
      m = {
        ours: () => opt.step(p, g, state),
        fused: () => {
          t++;
          if (name === "adam") fusedAdam(pf, g, a, b, t, 1e-3, 0.9, 0.999, 1e-8);
          else if (name === "momentum") fusedMomentum(pf, g, a, t === 1, 1e-2, 0.9);
          else fusedRmsprop(pf, g, a, 1e-2, 0.99, 1e-8);
        },
      };
      for (let k = 0; k < 3; k++) {
        m.ours();
        m.fused();
      }
      made.set(name, m);
    }
    return m;
  };
  console.log(JSON.stringify({ ready: kind }));
  createInterface({ input: process.stdin }).on("line", (line) => {
    const [name, steps] = line.split(" ");
    const m = get(name as Name);
    const ours: Timing[] = [];
    const fused: Timing[] = [];
    for (let k = 0; k < Number(steps); k++) {
      ours.push(timeSteps(1, m.ours));
      fused.push(timeSteps(1, m.fused));
    }
    const mid = (ts: Timing[]): Timing => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });
    console.log(JSON.stringify({ ours: mid(ours), fused: mid(fused) }));
  });
}

// ---------------------------------------------------------------- line servers (children)
class LineServer {
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  readonly first: Promise<string>;

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    createInterface({ input: this.child.stdout }).on("line", (line) => this.waiting.shift()?.(line));
    this.first = new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.child.on("exit", (code) => reject(new Error(`${command} exited with ${code}`)));
    });
  }

  ask<T>(request: string): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(JSON.parse(line) as T));
      this.child.stdin.write(`${request}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

async function startTorch(): Promise<{ server: LineServer; version: string } | null> {
  const python = "/usr/bin/python3";
  if (!existsSync(python)) return null;
  // torch's Adam allocates two temporaries per step; with glibc's default mmap threshold each is
  // a fresh mmap whose page faults cost more than the arithmetic on this VM (27 ms instead of
  // 1.4 ms), so the thresholds are raised: PyTorch is measured at its best.
  const server = new LineServer(python, [join(__dirname, "torch_step.py"), String(N)], {
    ...process.env,
    OMP_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
    MALLOC_MMAP_THRESHOLD_: "268435456",
    MALLOC_TRIM_THRESHOLD_: "536870912",
  });
  try {
    const hello = JSON.parse(await server.first) as { torch: string; threads: number };
    return { server, version: `${hello.torch}, ${hello.threads} thread` };
  } catch {
    server.close();
    return null;
  }
}

// ---------------------------------------------------------------- main process contestants
interface Library {
  step: () => void;
  fast: (() => void) | null;
  kernelOnly: () => void;
  copyAll: () => void;
}

function withMode<T>(mode: KernelMode, fn: () => T): T {
  setKernels(mode);
  try {
    return fn();
  } finally {
    setKernels("auto");
  }
}

function library(name: Name, kind: Kind): Library {
  const g = randomVec(kind, 2);
  const p = randomVec(kind, 1);
  const opt = makeOurs(name);
  const state = opt.init(p);
  const res = residentOf(state);
  if (res === undefined) throw new Error("the library did not take the kernel path");

  // Check before timing: the kernel computes what the JS loop computes (3 steps, every element).
  const pj = randomVec(kind, 1);
  const sj = withMode("js", () => opt.init(pj));
  for (let k = 0; k < 3; k++) {
    opt.step(p, g, state);
    withMode("js", () => opt.step(pj, g, sj));
  }
  for (let i = 0; i < N; i++) if (!Object.is(p[i], pj[i])) throw new Error(`${name}/${kind}: kernel and JS differ at ${i}`);

  let fast: (() => void) | null = null;
  if (kind === "float32") {
    const pf = randomVec(kind, 1);
    const sf = withMode("fast", () => opt.init(pf));
    fast = () => withMode("fast", () => opt.step(pf, g, sf));
  }

  // Kernel only: the library's step on params and grad that live in the state's WebAssembly
  // memory (residentArrays), so nothing is copied: what keeping the parameters there gives.
  const home = residentArrays(state)!;
  home.params.set(p);
  home.grad.set(g);
  const kernelOnly = (): void => opt.step(home.params, home.grad, state);

  // Copy all: the state lives in JS arrays and is copied in and out with params and grad.
  const own: Record<string, Vec> = Object.fromEntries(Object.entries(state.slots).map(([k, v]) => [k, v.slice()]));
  const copyAll = (): void => {
    for (const k of res.slotNames) res.slots[k].set(own[k]);
    opt.step(p, g, state);
    for (const k of res.slotNames) own[k].set(res.slots[k]);
  };
  return { step: () => opt.step(p, g, state), fast, kernelOnly, copyAll };
}

async function startTfjs(): Promise<((name: Name) => Timing) | null> {
  try {
    const tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-cpu");
    await tf.setBackend("cpu");
    await tf.ready();
    const made = new Map<Name, () => void>();
    return (name: Name) => {
      let step = made.get(name);
      if (step === undefined) {
        const w = tf.variable(tf.randomNormal([N], 0, 1, "float32", 1));
        const grad = tf.randomNormal([N], 0, 1, "float32", 2);
        const opt =
          name === "adam" ? tf.train.adam(1e-3, 0.9, 0.999, 1e-8) : name === "momentum" ? tf.train.momentum(1e-2, 0.9) : tf.train.rmsprop(1e-2, 0.99, 0, 1e-8);
        step = () => {
          opt.applyGradients([{ name: w.name, tensor: grad }]);
          w.dataSync(); // force the work to finish
        };
        step();
        made.set(name, step);
      }
      return timeSteps(TFJS_STEPS, step);
    };
  } catch (error) {
    console.error(`tfjs: not measured (${(error as Error).message})`);
    return null;
  }
}

/** Copy bandwidth (bytes read + written per ms) of TypedArray.set over `bytes`-long buffers. */
function copyBandwidth(bytes: number): number {
  const a = new Float64Array(bytes / 8).fill(1);
  const b = new Float64Array(bytes / 8);
  b.set(a);
  // CPU time, as the bound table compares CPU times (a loaded machine preempts the wall clock).
  return (2 * bytes) / timeSteps(5, () => b.set(a)).cpu;
}

// ---------------------------------------------------------------- the run
type Series = Record<string, number[]>;

async function main(): Promise<void> {
  const role = process.env.BENCH_ROLE;
  if (role === "float32" || role === "float64") return jsChild(role);

  const load0 = loadavg();
  console.log(`Descent optimizer-step benchmark: N = ${N.toLocaleString("en")}, ${ROUNDS} interleaved rounds x ${STEPS} steps (median per round)`);
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? "?"} x ${cpus().length}; load average at start ${load0.map((x) => x.toFixed(2)).join(" ")}`);
  const torch = await startTorch();
  console.log(torch ? `PyTorch ${torch.version}` : "PyTorch: not available (/usr/bin/python3 with torch); its columns are n/a");
  const js: Record<Kind, LineServer> = {
    float32: new LineServer(process.execPath, [...process.execArgv, __filename], { ...process.env, BENCH_ROLE: "float32" }),
    float64: new LineServer(process.execPath, [...process.execArgv, __filename], { ...process.env, BENCH_ROLE: "float64" }),
  };
  await Promise.all(KINDS.map((k) => js[k].first));
  const tfjs = await startTfjs();
  const libs = new Map<string, Library>();
  for (const name of NAMES) for (const kind of KINDS) libs.set(`${name}/${kind}`, library(name, kind));

  const series = new Map<string, Series>();
  const push = (key: string, what: string, t: Timing | null): void => {
    if (t === null) return;
    const s = series.get(key) ?? {};
    (s[what] ??= []).push(t.wall);
    (s[`${what}.cpu`] ??= []).push(t.cpu);
    series.set(key, s);
  };
  const bandwidth: number[] = []; // 64 MB buffers: beyond the 32 MB L3, main memory
  const bandwidthAt: Record<Kind, number[]> = { float32: [], float64: [] }; // one parameter array's size
  const loads: number[] = [load0[0]];
  for (let r = 0; r < ROUNDS; r++) {
    bandwidth.push(copyBandwidth(64 << 20));
    for (const kind of KINDS) bandwidthAt[kind].push(copyBandwidth(N * (kind === "float32" ? 4 : 8)));
    for (const name of NAMES) {
      for (const kind of KINDS) {
        const key = `${name}/${kind}`;
        const lib = libs.get(key)!;
        push(key, "descent", timeSteps(STEPS, lib.step));
        push(key, "torch", torch ? await torch.server.ask<Timing>(`${name} ${kind} ${STEPS}`) : null);
        const j = await js[kind].ask<{ ours: Timing; fused: Timing }>(`${name} ${STEPS}`);
        push(key, "js", j.ours);
        push(key, "fused", j.fused);
        if (lib.fast) push(key, "fast32", timeSteps(STEPS, lib.fast));
        push(key, "kernelOnly", timeSteps(STEPS, lib.kernelOnly));
        push(key, "copyAll", timeSteps(STEPS, lib.copyAll));
        if (kind === "float32" && tfjs) push(key, "tfjs", tfjs(name));
      }
    }
    loads.push(loadavg()[0]);
    process.stderr.write(`round ${r + 1}/${ROUNDS} done (load ${loadavg()[0].toFixed(2)})\n`);
  }
  torch?.server.close();
  for (const k of KINDS) js[k].close();

  const fmt = (x: number | undefined): string => (x === undefined ? "n/a" : x < 10 ? x.toFixed(2) : x.toFixed(0));
  const med = (s: Series, what: string): number | undefined => (s[what] ? median(s[what]) : undefined);
  /** Median [min-max] over rounds of a/b (per-round ratio). */
  const ratio = (s: Series, a: string, b: string): string => {
    if (!s[a] || !s[b]) return "n/a";
    const rs = s[a].map((x, i) => x / s[b][i]);
    const f = (x: number): string => (x >= 10 ? x.toFixed(0) : x.toFixed(2));
    return `${f(median(rs))}x [${f(Math.min(...rs))}-${f(Math.max(...rs))}]`;
  };

  for (const [clock, c] of [["wall", ""], ["CPU", ".cpu"]]) {
    console.log(`\nms per step (${clock}), median over rounds:\n`);
    console.log("| optimizer | dtype | Descent (kernel) | fast32 | kernel only | copy all | JS path | fused JS | PyTorch 1 thread | tfjs-cpu |");
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    for (const name of NAMES) {
      for (const kind of KINDS) {
        const s = series.get(`${name}/${kind}`)!;
        const m = (what: string): string => fmt(med(s, what + c));
        console.log(
          `| ${LABEL[name]} | ${kind} | ${m("descent")} | ${m("fast32")} | ${m("kernelOnly")} | ${m("copyAll")} | ${m("js")} | ${m("fused")} | ${m("torch")} | ${m("tfjs")} |`,
        );
      }
    }
  }
  for (const [clock, c] of [["wall", ""], ["CPU", ".cpu"]]) {
    console.log(`\nratios of ${clock} times, median [min-max] of the per-round ratios:\n`);
    console.log("| optimizer | dtype | Descent / PyTorch | fast32 / PyTorch | kernel only / PyTorch | Descent / JS path | tfjs / Descent | tfjs / fast32 | copy all / Descent |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const name of NAMES) {
      for (const kind of KINDS) {
        const s = series.get(`${name}/${kind}`)!;
        const r = (a: string, b: string): string => ratio(s, a + c, b + c);
        console.log(
          `| ${LABEL[name]} | ${kind} | ${r("descent", "torch")} | ${r("fast32", "torch")} | ${r("kernelOnly", "torch")} | ${r("descent", "js")} | ${r("tfjs", "descent")} | ${r("tfjs", "fast32")} | ${r("copyAll", "descent")} |`,
        );
      }
    }
  }
  const gbs = (xs: number[]): string => `${(median(xs) / 1e6).toFixed(1)} GB/s (range ${(Math.min(...xs) / 1e6).toFixed(1)}-${(Math.max(...xs) / 1e6).toFixed(1)})`;
  console.log(`\ncopy bandwidth (TypedArray.set, bytes read + written per CPU second): 64 MB buffers ${gbs(bandwidth)}; ` + KINDS.map((k) => `one ${k} array of N ${gbs(bandwidthAt[k])}`).join("; "));
  console.log("The bound of a row: the bytes it moves at the copy bandwidth of arrays of its size (caches included, as for every contestant); CPU times.\n");
  console.log("| optimizer | dtype | MB moved: kernel only / Descent (+ copies) | bound ms: kernel only / Descent | kernel only / its bound | Descent / its bound | PyTorch / kernel-only bound |");
  console.log("|---|---|---|---|---|---|---|");
  for (const name of NAMES) {
    for (const kind of KINDS) {
      const s = series.get(`${name}/${kind}`)!;
      const size = kind === "float32" ? 4 : 8;
      const bw = median(bandwidthAt[kind]); // bytes per ms
      const t = TRAFFIC[name];
      const kernelBytes = (t.reads + t.writes) * N * size;
      const descentBytes = kernelBytes + 6 * N * size; // grad in, params in, params out: read + write each
      const kb = kernelBytes / bw;
      const db = descentBytes / bw;
      const pt = med(s, "torch.cpu");
      console.log(
        `| ${LABEL[name]} | ${kind} | ${(kernelBytes / 1e6).toFixed(0)} / ${(descentBytes / 1e6).toFixed(0)} | ${kb.toFixed(2)} / ${db.toFixed(2)} | ${(med(s, "kernelOnly.cpu")! / kb).toFixed(2)}x | ${(med(s, "descent.cpu")! / db).toFixed(2)}x | ${pt === undefined ? "n/a" : `${(pt / kb).toFixed(2)}x`} |`,
      );
    }
  }
  console.log(`\nload average (1 min) over the run: ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)}; at the end ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
