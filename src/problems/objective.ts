import type { Vec } from "../core/vector";

/**
 * A differentiable function J(theta) to minimise: the one shape shared by the 2-D test surfaces,
 * typed formulas, least squares and the models' full-batch losses.
 */
export interface Objective {
  readonly name: string;
  /** Number of parameters. */
  readonly dim: number;
  /** J(theta). */
  value(theta: Vec): number;
  /** Writes the gradient of J at theta into `out` (length `dim`) and returns J(theta). Allocates nothing. */
  valueAndGradient(theta: Vec, out: Vec): number;
}

/** A known minimum (or other stationary point) of a surface. */
export interface Point2D {
  readonly x: number;
  readonly y: number;
}

/** A 2-D test surface f(x, y) with what a lesson needs to plot it. */
export interface Surface2D extends Objective {
  readonly dim: 2;
  /** Human title, e.g. "Rosenbrock". */
  readonly title: string;
  /** The formula in LaTeX, e.g. `(1-x)^2 + 100(y-x^2)^2`. */
  readonly latex: string;
  /** The formula in mathjs syntax (variables x, y), so it can be re-parsed or shown in the playground. */
  readonly expression: string;
  /** f at (x, y), without typed arrays (for contour grids). */
  f(x: number, y: number): number;
  /** Global minima (empty when unbounded below, e.g. the saddle). */
  readonly minima: readonly Point2D[];
  /** Saddle points worth marking on a plot. */
  readonly saddles: readonly Point2D[];
  /** Plotting window. */
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /** A start point that shows the surface's difficulty. */
  readonly start: readonly [number, number];
}
