// How the sliders' values enter the runs: which runs a slider sets, and the runs' options,
// schedule and noise once the values are applied. No library code here (only types), so the
// page can build the playground link without loading src/.
import type { OptimizerOptions } from "../../../../src/index";
import type { ExplorableSpec, SliderSpec } from "./spec";

/** Sets a slider's value into a run's options (betas are a pair: beta1 and beta2 each set one half). */
function setOption(o: OptimizerOptions & Record<string, unknown>, param: string, v: number, fallbackBetas: [number, number]): void {
  if (param === "beta1" || param === "beta2") {
    const b = (Array.isArray(o.betas) ? [...o.betas] : [...fallbackBetas]) as [number, number];
    b[param === "beta1" ? 0 : 1] = v;
    o.betas = b;
  } else o[param] = v;
}

const takes = (optimizer: string, param: string): boolean => {
  if (param === "lr") return optimizer !== "adadelta";
  if (param === "momentum") return optimizer === "momentum" || optimizer === "nesterov";
  if (param === "beta1" || param === "beta2") return ["adam", "adamax", "nadam", "amsgrad", "adamw"].includes(optimizer);
  if (param === "alpha") return optimizer === "rmsprop";
  if (param === "rho") return optimizer === "adadelta";
  if (param === "eps") return optimizer !== "sgd" && optimizer !== "momentum" && optimizer !== "nesterov";
  return false;
};

/** Which runs a slider sets. */
export function runsOf(spec: ExplorableSpec, s: SliderSpec): number[] {
  if (s.runs) return s.runs;
  if (s.param.startsWith("schedule.") || s.param.startsWith("noise.") || s.param === "startScale") return spec.runs.map((_, i) => i);
  return spec.runs.map((r, i) => (takes(r.optimizer, s.param) ? i : -1)).filter((i) => i >= 0);
}

/** The runs' options, schedule and noise once the sliders' values are applied. */
export function resolve(spec: ExplorableSpec, values: number[]) {
  const options = spec.runs.map((r) => ({ ...(r.options ?? {}) }) as OptimizerOptions & Record<string, unknown>);
  const schedule = spec.schedule ? { name: spec.schedule.name, options: { ...spec.schedule.options } } : undefined;
  const noise = spec.noise ? { ...spec.noise } : undefined;
  let startScale = 1;
  spec.sliders.forEach((s, k) => {
    const v = values[k];
    if (s.param.startsWith("schedule.") && schedule) schedule.options[s.param.slice(9)] = v;
    else if (s.param.startsWith("noise.") && noise) (noise as Record<string, number>)[s.param.slice(6)] = v;
    else if (s.param === "startScale") startScale = v;
    else for (const i of runsOf(spec, s)) setOption(options[i], s.param, v, [0.9, 0.999]);
  });
  return { options, schedule, noise, startScale };
}

