// The messages between the playground page (playground-compute.ts) and its worker
// (playground-worker.ts). The worker does every evaluation of f: the contour grid, the runs and
// the figures (built by src/plot); the page only draws what it receives.
import type { Figure, OptimizerName, OptimizerOptions } from "../../../src/index";

export interface ComputeRequest {
  id: number;
  /** A built-in surface name, or "formula". */
  surface: string;
  formula: string;
  /** null: the surface's own start point. */
  start: [number, number] | null;
  runs: { name: OptimizerName; options: OptimizerOptions }[];
  steps: number;
  /** Also send static SVG drawings of the figures (the first view, before Plotly is loaded). */
  staticSvg?: boolean;
}

/** Where the time goes, so the page can say how far along it is. */
export interface ProgressMessage {
  id: number;
  type: "progress";
  phase: "surface" | "contour" | "runs";
  /** Fraction of this phase done, 0..1. */
  fraction: number;
  /** What is being done, as a sentence the page shows with "…" after it ("Running adam: step 120 of 200"). */
  text: string;
}

export interface RunOutcome {
  name: OptimizerName;
  error: string | null;
  /** Why the run stopped early (divergence), or null. */
  stopped: string | null;
  xs: number[];
  ys: number[];
  loss: number[];
  final: [number, number] | null;
}

export interface ResultMessage {
  id: number;
  type: "result";
  title: string;
  domain: { x: [number, number]; y: [number, number] };
  /** The start point used (the surface's, the state's, or the state's moved into the domain). */
  start: [number, number];
  /** Set when the requested start was outside the plotted domain and was moved onto its edge. */
  startNote: string | null;
  contour: Figure;
  loss: Figure;
  runs: RunOutcome[];
  /** Contour points per axis actually used (lower than asked for a slow formula). */
  resolution: number;
  /** Set when the formula is too slow for the runs asked (the contour is still drawn). */
  slowNote: string | null;
  /** The figures as static SVG (site/lib/figure-svg.mjs), when the request asked for them. */
  svg?: { contour: string; loss: string };
  ms: number;
}

/** The contour alone, sent as soon as it is ready (the runs follow in the result). */
export interface ContourMessage {
  id: number;
  type: "contour";
  contour: Figure;
  resolution: number;
  ms: number;
}

/** The formula does not parse or cannot be used (the message names the character when it can). */
export interface FormulaErrorMessage {
  id: number;
  type: "formula-error";
  message: string;
}

/** Anything else that went wrong in the worker (it should not happen; the page says so). */
export interface FailureMessage {
  id: number;
  type: "failure";
  message: string;
}

export type WorkerReply = ProgressMessage | ContourMessage | ResultMessage | FormulaErrorMessage | FailureMessage;
