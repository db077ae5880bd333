// The full playground's URL for an explorable's current state (playground-state.ts's format):
// the surface, the runs' optimizers with their learning rates and second hyperparameters, the
// steps and the start. Reddi's online problem has no playground form: null.
import { DEFAULT_STATE, MAX_STEPS, MIN_STEPS, STEP_STEP, stateToHash, type PlaygroundState } from "../playground-state";
import type { OptimizerName } from "../../../../src/index";
import type { ExplorableSpec } from "./spec";

/** The playground's second hyperparameter of each optimizer (playground.ts's SECOND). */
function secondOf(name: string, o: Record<string, unknown>): number | undefined {
  if (name === "momentum" || name === "nesterov") return typeof o.momentum === "number" ? o.momentum : undefined;
  if (["adam", "adamax", "nadam", "amsgrad", "adamw"].includes(name)) return Array.isArray(o.betas) ? Number(o.betas[0]) : undefined;
  if (name === "rmsprop") return typeof o.alpha === "number" ? o.alpha : undefined;
  if (name === "adadelta") return typeof o.rho === "number" ? o.rho : undefined;
  return undefined;
}

/** The link's words: what of the explorable the playground can show (it has no schedules and no gradient noise). */
export function playgroundLinkText(spec: ExplorableSpec): string {
  if (spec.noise) return "Open this run without the gradient noise in the playground";
  if (spec.schedule) return "Open these runs at a constant rate in the playground";
  return "Open this in the playground";
}

/** `options` are the runs' resolved options (compute.ts's resolve). */
export function playgroundHref(spec: ExplorableSpec, options: Record<string, unknown>[], startScale = 1): string | null {
  if (spec.kind === "reddi" || !spec.surface || spec.surfaceOptions) return null;
  const state: PlaygroundState = { ...structuredClone(DEFAULT_STATE), surface: spec.surface, optimizers: [], lr: {}, p2: {} };
  spec.runs.forEach((r, i) => {
    const name = r.optimizer as OptimizerName;
    if (state.optimizers.includes(name)) return; // the playground has one run per optimizer
    state.optimizers.push(name);
    const o = options[i];
    if (typeof o.lr === "number") state.lr[name] = o.lr;
    const p2 = secondOf(name, o);
    if (p2 !== undefined) state.p2[name] = p2;
    if (o.convention === "pytorch") state.convention = "pytorch";
  });
  state.steps = Math.min(MAX_STEPS, Math.max(MIN_STEPS, Math.round(spec.steps / STEP_STEP) * STEP_STEP));
  if (spec.start || startScale !== 1) {
    const s = spec.start ?? null;
    if (s) state.start = [s[0] * startScale, s[1] * startScale];
  }
  return "/playground/" + stateToHash(state);
}
