import { DescentInputError, show } from "../../core/errors";
import type { Vec } from "../../core/vector";
import { checkGradientOut } from "../gradient-out";
import type { Point2D, Surface2D } from "../objective";

/**
 * What a hand-written surface supplies; `defineSurface` adds the typed-array plumbing.
 * `fg(x, y, out)` writes df/dx to out[0] and df/dy to out[1] and returns f(x, y): one function
 * for both so the shared subexpressions are computed once, and nothing is allocated per call.
 */
export interface SurfaceSpec {
  name: string;
  title: string;
  latex: string;
  expression: string;
  f(x: number, y: number): number;
  fg(x: number, y: number, out: Vec): number;
  minima: readonly Point2D[];
  saddles: readonly Point2D[];
  domain: { x: readonly [number, number]; y: readonly [number, number] };
  start: readonly [number, number];
}

function checkTheta(name: string, theta: Vec): void {
  if (theta.length !== 2) {
    throw new DescentInputError(`surface ${show(name)} takes 2 parameters (x, y), got ${theta.length}`);
  }
}

export function defineSurface(spec: SurfaceSpec): Surface2D {
  const { name, f, fg } = spec;
  return {
    name,
    dim: 2,
    title: spec.title,
    latex: spec.latex,
    expression: spec.expression,
    f,
    minima: Object.freeze(spec.minima.slice()),
    saddles: Object.freeze(spec.saddles.slice()),
    domain: spec.domain,
    start: spec.start,
    value(theta: Vec): number {
      checkTheta(name, theta);
      return f(theta[0], theta[1]);
    },
    valueAndGradient(theta: Vec, out: Vec): number {
      checkTheta(name, theta);
      checkGradientOut(`surface ${show(name)}`, 2, out);
      return fg(theta[0], theta[1], out);
    },
  };
}

/** Rejects options a surface does not read (a RangeError naming the option, like the schedules). */
export function rejectUnknownOptions(surface: string, options: object, accepts: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!accepts.includes(key)) {
      const what = accepts.length ? `it accepts ${accepts.join(", ")}` : "it takes no options";
      throw new RangeError(`unknown option ${show(key)} for surface ${show(surface)}; ${what}`);
    }
  }
}

/** A number in a mathjs expression or LaTeX formula: plain decimal, parenthesised when negative. */
export function num(v: number): string {
  return v < 0 ? `(${String(v)})` : String(v);
}
