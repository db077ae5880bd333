// The playground's state and its URL form. Everything the page shows follows from this state,
// and the state is written to the hash on every change, so a link reproduces a run exactly:
//   #s=rosenbrock&o=adam,sgd&lr.adam=0.05&p.adam=0.9&n=200&c=seed&x0=-1.2,1
//   #s=formula&f=x%5E2%20%2B%2010*y%5E2&o=momentum   (a "+" typed in a link is a plus)
import type { Convention, OptimizerName } from "../../../src/index";

export interface PlaygroundState {
  surface: string; // a built-in surface name, or "formula"
  formula: string;
  optimizers: OptimizerName[];
  lr: Partial<Record<OptimizerName, number>>;
  /** The second hyperparameter of each optimizer (momentum, beta1, alpha or rho). */
  p2: Partial<Record<OptimizerName, number>>;
  steps: number;
  convention: Convention;
  start: [number, number] | null; // null = the surface's own start point
}

export const DEFAULT_STATE: PlaygroundState = {
  surface: "rosenbrock",
  formula: "x^2 + 10*y^2",
  optimizers: ["sgd", "momentum", "adam"],
  lr: {},
  p2: {},
  steps: 200,
  convention: "seed",
  start: null,
};

/** The steps slider's range and step; a link's `n` is brought into it, so slider and label agree. */
export const MIN_STEPS = 10;
export const MAX_STEPS = 5000;
export const STEP_STEP = 10;

const num = (s: string | null): number | undefined => {
  if (s === null || s.trim() === "") return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
};

/** Reads a state from a hash; what is missing or malformed falls back to the default. */
export function parseState(hash: string, isOptimizer: (n: string) => n is OptimizerName): PlaygroundState {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const s: PlaygroundState = structuredClone(DEFAULT_STATE);
  if (q.get("s")) s.surface = q.get("s")!;
  // The formula is read as written: a "+" in a hand-made link is a plus, not a space (form
  // encoding's rule, which would turn f=(1-x)^(5/3)+y^2 into a product). Links made here encode
  // spaces as %20 (stateToHash).
  const rawFormula = /(?:^|&)f=([^&]*)/.exec(hash.replace(/^#/, ""))?.[1];
  if (rawFormula !== undefined) {
    try {
      // Older links were form-encoded (a plus as %2B, a space as "+"): read those as they were meant.
      s.formula = decodeURIComponent(/%2B/i.test(rawFormula) ? rawFormula.replace(/\+/g, "%20") : rawFormula);
    } catch {
      s.formula = rawFormula; // a stray % is kept as typed; the parser names the problem
    }
  }
  if (q.get("o") !== null) s.optimizers = q.get("o")!.split(",").filter(isOptimizer);
  const n = num(q.get("n"));
  if (n !== undefined) s.steps = Math.min(MAX_STEPS, Math.max(MIN_STEPS, Math.round(n / STEP_STEP) * STEP_STEP));
  if (q.get("c") === "pytorch") s.convention = "pytorch";
  const x0 = (q.get("x0") ?? "").split(",").map(Number);
  if (x0.length === 2 && x0.every(Number.isFinite)) s.start = [x0[0], x0[1]];
  for (const [k, v] of q) {
    const m = /^(lr|p)\.([a-z]+)$/.exec(k);
    const value = num(v);
    if (!m || value === undefined || !isOptimizer(m[2])) continue;
    if (m[1] === "lr") s.lr[m[2]] = value;
    else s.p2[m[2]] = value;
  }
  return s;
}

const short = (v: number): string => String(Number(v.toPrecision(4)));

export function stateToHash(s: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set("s", s.surface);
  const formula = s.surface === "formula" ? `&f=${encodeURIComponent(s.formula)}` : "";
  q.set("o", s.optimizers.join(","));
  for (const o of s.optimizers) {
    if (s.lr[o] !== undefined) q.set(`lr.${o}`, short(s.lr[o]!));
    if (s.p2[o] !== undefined) q.set(`p.${o}`, short(s.p2[o]!));
  }
  q.set("n", String(s.steps));
  q.set("c", s.convention);
  if (s.start) q.set("x0", `${short(s.start[0])},${short(s.start[1])}`);
  const text = q.toString();
  // f goes right after s, percent-encoded (spaces as %20, never "+": see parseState).
  return "#" + text.replace(/^(s=[^&]*)/, `$1${formula}`);
}
