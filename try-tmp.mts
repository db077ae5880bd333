import { computeExplorable } from "./site/src/scripts/explorables/compute.ts";
import { parseSpec, type ExplorableSpec } from "./site/src/scripts/explorables/spec.ts";
const mod = await import(process.argv[2]);
const key = process.argv[3];
const raw = mod.SPECS[key]; raw.caption = "a caption long enough to pass the check";
const spec = parseSpec(JSON.stringify(raw), key) as ExplorableSpec;
const combos: number[][] = [[]];
for (const s of spec.sliders) { const vs = s.values ?? [s.min!, s.value, s.max!]; const next: number[][] = []; for (const c of combos) for (const v of vs) next.push([...c, v]); combos.splice(0, combos.length, ...next); }
const fn = process.argv[4] ? new Function("r", "spec", process.argv[4]) : null;
for (const vals of combos) {
  const t = performance.now();
  const r = computeExplorable(spec, vals);
  const ms = performance.now() - t;
  console.log(JSON.stringify(vals), ms.toFixed(1) + "ms", r.runs.map((x) => `${x.label}: ${x.stopped ? "DIVERGED" : "J=" + x.loss.at(-1)!.toExponential(2)} reached=${x.reached} end=(${x.xs.at(-1)?.toPrecision(3)},${x.ys.at(-1)?.toPrecision(3)})` + (fn ? " " + fn(x, spec) : "")).join(" | "));
}
