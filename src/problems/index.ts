import type { Point2D } from "./objective";
import { getSurface, SURFACE_NAMES, SURFACE_OPTIONS, type SurfaceName } from "./surfaces/index";

export type { Objective, Point2D, Surface2D } from "./objective";
export * from "./surfaces/index";
export {
  surfaceFromExpression,
  ALLOWED_FUNCTIONS,
  type ExpressionOptions,
  type ExpressionSurface,
} from "./expression";
export {
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_NESTING,
  MAX_FORMULA_NODES,
  MAX_FORMULA_DEPTH,
  MAX_DERIVATIVE_NODES,
} from "./formula-bounds";
export { checkStartPoint } from "./start-point";
export { checkGradientOut } from "./gradient-out";
export {
  leastSquares,
  solveLeastSquares,
  parseLeastSquaresJson,
  MAX_DATA_NESTING,
  type LeastSquaresObjective,
  type MatrixInput,
} from "./least-squares";

/** One row of `descent list`'s problem table. */
export interface ProblemInfo {
  readonly name: SurfaceName;
  readonly title: string;
  /** LaTeX. */
  readonly latex: string;
  /** mathjs syntax. */
  readonly expression: string;
  readonly minima: readonly Point2D[];
  readonly saddles: readonly Point2D[];
  readonly start: readonly [number, number];
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  /** Option names `getSurface(name, options)` accepts. */
  readonly options: readonly string[];
}

/** The built-in surfaces with their default options, for `descent list` and the docs. */
export function problemInfo(): ProblemInfo[] {
  return SURFACE_NAMES.map((name) => {
    const s = getSurface(name);
    return {
      name,
      title: s.title,
      latex: s.latex,
      expression: s.expression,
      minima: s.minima,
      saddles: s.saddles,
      start: s.start,
      domain: s.domain,
      options: SURFACE_OPTIONS[name],
    };
  });
}
