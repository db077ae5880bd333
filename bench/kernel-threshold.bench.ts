/**
 * Where the WebAssembly kernel starts to pay: one optimizer step at small sizes, the JS loop
 * (setKernels("js")) against the kernel at every size (setKernels("wasm"), params and grad copied
 * in and out as usual), interleaved over 7 rounds; prints the median ratio per size. It sets
 * MIN_KERNEL_LENGTH in src/kernels/runtime.ts. Each float type runs in its own process (V8
 * specialises the JS loop to one array type). Not part of `npm run bench`:
 * `npx tsx bench/kernel-threshold.bench.ts`.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { setKernels } from "../src/kernels/runtime";
import { createOptimizer } from "../src/optimizers/index";

const SIZES = [8, 16, 32, 64, 128, 256, 512, 1024, 4096];
const ROUNDS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function perStep(name: string, kind: string, n: number, mode: "js" | "wasm"): number {
  setKernels(mode);
  const opt = name === "adam" ? createOptimizer("adam", { convention: "pytorch" }) : createOptimizer("sgd", { convention: "pytorch", momentum: 0.9 });
  const C = kind === "float32" ? Float32Array : Float64Array;
  const x = new C(n).map((_, i) => Math.cos(i));
  const g = new C(n).map((_, i) => Math.sin(i));
  const state = opt.init(x);
  setKernels("auto");
  const steps = Math.max(200, Math.floor(2e6 / n));
  for (let k = 0; k < 50; k++) opt.step(x, g, state);
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) opt.step(x, g, state);
  return ((performance.now() - t0) / steps) * 1000; // microseconds
}

const kind = process.env.BENCH_KIND;
if (kind) {
  const rows: string[] = [];
  for (const name of ["adam", "momentum"]) {
    for (const n of SIZES) {
      const js: number[] = [];
      const wasm: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        js.push(perStep(name, kind, n, "js"));
        wasm.push(perStep(name, kind, n, "wasm"));
      }
      const ratios = js.map((j, i) => wasm[i] / j);
      rows.push(`| ${name} | ${kind} | ${n} | ${median(js).toFixed(2)} | ${median(wasm).toFixed(2)} | ${median(ratios).toFixed(2)}x [${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}] |`);
    }
  }
  console.log(rows.join("\n"));
} else {
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  console.log("| optimizer | dtype | n | JS us/step | kernel us/step | kernel / JS |\n|---|---|---|---|---|---|");
  for (const k of ["float64", "float32"]) {
    process.stdout.write(execFileSync(process.execPath, [...process.execArgv, __filename], { env: { ...process.env, BENCH_KIND: k }, encoding: "utf8" }));
  }
  console.log(`load average at the end ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
}
