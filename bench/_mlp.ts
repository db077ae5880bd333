import { loadMnist } from "../src/data/mnist-node";
import { mlp } from "../src/models/mlp";
import { createOptimizer, setKernels } from "../src/optimizers/index";
import { loadavg } from "node:os";
const data = loadMnist({ perClass: "all", seed: 1 }) as any;
const model = mlp({ sizes: [784, 128, 10], activation: "relu" });
const idx = Int32Array.from({ length: data.n }, (_, i) => i);
const epoch = (mode: "js" | "auto", which: string) => {
  setKernels(mode);
  const opt = which === "adam" ? createOptimizer("adam", { convention: "pytorch", lr: 1e-3 }) : createOptimizer("sgd", { convention: "pytorch", lr: 0.05, momentum: 0.9 });
  const p = model.initParams(1); const g = new Float64Array(model.dim); const s = opt.init(p);
  setKernels("auto");
  let stepMs = 0; const t0 = performance.now();
  for (let st = 0; st < data.n; st += 64) {
    model.lossAndGradient(p, data, idx, st, Math.min(data.n, st + 64), g);
    const a = performance.now(); opt.step(p, g, s); stepMs += performance.now() - a;
  }
  return { total: performance.now() - t0, stepMs, loss: model.loss(p, data) };
};
console.log("load", loadavg()[0]);
for (const which of ["sgd", "adam"]) for (let r = 0; r < 3; r++) {
  const j = epoch("js", which), w = epoch("auto", which);
  console.log(which, "js epoch", j.total.toFixed(0), "steps", j.stepMs.toFixed(1), "| kernel epoch", w.total.toFixed(0), "steps", w.stepMs.toFixed(1), "same loss", j.loss === w.loss);
}
