// An explorable: a compact interactive figure placed in a lesson's prose by a marker line in the
// notebook's markdown (invisible in Jupyter, an HTML comment):
//
//   <!-- explorable: {"surface":"long-valley","steps":150,"runs":[...],"sliders":[...],"caption":"..."} -->
//
// The JSON is an ExplorableSpec. It is read at build time (site/lib/explorables.mjs renders the
// seeded state as a static SVG with render.ts) and again in the browser (widget.ts), where each
// slider move is recomputed by compute.ts in a Web Worker. The same three modules serve the build,
// the page and the tests, so the static figure, the live one and the check cannot drift apart.
import type { OptimizerName } from "../../../../src/index";

/** A hyperparameter a slider sets: an optimizer option, or a schedule's / the noise's option. */
export type SliderParam =
  | "lr" | "momentum" | "beta1" | "beta2" | "alpha" | "rho" | "eps" | "weightDecay"
  | `schedule.${string}` | `noise.${string}` | "startScale";

export interface SliderSpec {
  param: SliderParam;
  /** The label read by screen readers and shown beside the value, e.g. "momentum γ". */
  label: string;
  /** A list of values (the slider moves through them: a log grid of rates, say) ... */
  values?: number[];
  /** ... or a linear range. */
  min?: number;
  max?: number;
  step?: number;
  /** The seeded value (must be one of `values`, or in [min, max]). */
  value: number;
  /** Which runs the slider sets (indices into runs); default: every run whose optimizer takes it. */
  runs?: number[];
}

export interface RunSpec {
  optimizer: OptimizerName;
  /** Legend text; "{lr}" etc. are replaced by the current values. Default: the optimizer's name. */
  label?: string;
  /** Options as in createOptimizer (lr, momentum, betas, alpha, rho, eps, ...). */
  options?: Record<string, number | number[] | string | boolean>;
}

export interface ScheduleSpec {
  name: string;
  options: Record<string, number>;
}

export interface ExplorableSpec {
  /** "race": runs of the library's optimizers on a surface (the default); "reddi": notebook 10's online problem. */
  kind?: "race" | "reddi";
  surface?: string;
  surfaceOptions?: Record<string, number>;
  /** Start point; default the surface's. */
  start?: [number, number];
  steps: number;
  runs: RunSpec[];
  sliders: SliderSpec[];
  /** Applied to the first run only when `scheduleRuns` is absent (the others keep a constant rate). */
  schedule?: ScheduleSpec;
  /** Which runs use the schedule (default [0]). */
  scheduleRuns?: number[];
  /** Annealed Gaussian gradient noise, as minimize's gradientNoise (for every run). */
  noise?: { eta: number; gamma?: number; seed?: number };
  /** What to draw, left to right: "path" (contour and paths), "loss", "lr" (the schedule), "x" (first coordinate). */
  panels: ("path" | "loss" | "lr" | "x")[];
  /** Plotted window for "path" (default the surface's domain). */
  window?: { x: [number, number]; y: [number, number] };
  /** Loss axis: "log" (default when every loss is positive) or "linear", with an optional range. */
  lossScale?: "log" | "linear";
  lossRange?: [number, number];
  /** The readout counts the first step with J below this ... */
  tol?: number;
  /** ... times J(θ_0) when true. */
  tolRelative?: boolean;
  /** Which runs get the noise (default every run). */
  noiseRuns?: number[];
  /** What to try and what to notice (shown under the figure). */
  caption: string;
  /** Reddi's problem: C, and the rate alpha / sqrt(t). */
  reddi?: { C: number; lr: number };
}

export const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"];

/** The slider's position (what the <input type=range> holds) for a value, and back. */
export function sliderPosition(s: SliderSpec, value: number): number {
  if (s.values) {
    let best = 0;
    s.values.forEach((v, i) => { if (Math.abs(v - value) < Math.abs(s.values![best] - value)) best = i; });
    return best;
  }
  return value;
}
export function sliderValue(s: SliderSpec, position: number): number {
  if (s.values) return s.values[Math.max(0, Math.min(s.values.length - 1, Math.round(position)))];
  const step = s.step ?? 0.01;
  const v = Math.round(position / step) * step;
  return Number(Math.max(s.min ?? -Infinity, Math.min(s.max ?? Infinity, v)).toPrecision(10));
}
/** A value as the page shows it ("0.9", "1e-6", "0.003"). */
export function showValue(v: number): string {
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(0).replace("e+", "e");
  return String(Number(v.toPrecision(4)));
}

/** Reads a marker's JSON and checks what a typo would silently break; the message names the problem. */
export function parseSpec(json: string, where: string): ExplorableSpec {
  let spec: ExplorableSpec;
  try {
    spec = JSON.parse(json) as ExplorableSpec;
  } catch (e) {
    throw new Error(`${where}: the explorable marker's JSON does not parse (${e instanceof Error ? e.message : String(e)})`);
  }
  const fail = (m: string): never => { throw new Error(`${where}: explorable: ${m}`); };
  if (!Number.isInteger(spec.steps) || spec.steps < 1 || spec.steps > 20000) fail(`steps must be an integer in 1..20000, got ${spec.steps}`);
  if (!Array.isArray(spec.runs) || spec.runs.length < 1) fail("runs must list at least one run");
  if (!Array.isArray(spec.sliders) || spec.sliders.length < 1 || spec.sliders.length > 2) fail("an explorable has one or two sliders");
  if (!Array.isArray(spec.panels) || spec.panels.length < 1) fail("panels must list what to draw");
  if (typeof spec.caption !== "string" || spec.caption.length < 20) fail("caption must say what to try and what to notice");
  if (spec.caption.includes("--")) fail("the caption may not contain '--' (it would end the HTML comment)");
  if ((spec.kind ?? "race") === "race" && !spec.surface) fail("a race needs a surface");
  for (const s of spec.sliders) {
    if (s.values) {
      if (!s.values.includes(s.value)) fail(`slider ${s.param}: the seeded value ${s.value} is not one of its values ${s.values.join(", ")}`);
    } else if (!(s.min! <= s.value && s.value <= s.max!)) fail(`slider ${s.param}: the seeded value ${s.value} is outside [${s.min}, ${s.max}]`);
  }
  return spec;
}
