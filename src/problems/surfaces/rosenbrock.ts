import { nonNegative, positive } from "../../core/validate";
import type { Vec } from "../../core/vector";
import type { Surface2D } from "../objective";
import { defineSurface, num, rejectUnknownOptions } from "./surface";

/**
 * Rosenbrock's banana function: a curved, narrow, nearly flat valley. Gradient descent finds the
 * valley at once and then crawls along it, which is what momentum is meant to fix.
 *
 * $$f(x, y) = (a - x)^2 + b\,(y - x^2)^2, \qquad \min f = f(a, a^2) = 0$$
 *
 * Defaults a = 1, b = 100, start (-1.2, 1) (Rosenbrock, 1960).
 */
export interface RosenbrockOptions {
  /** Position of the minimum along x; a >= 0. */
  a?: number;
  /** Steepness of the valley walls; b > 0. */
  b?: number;
}

export function rosenbrock(options: RosenbrockOptions = {}): Surface2D {
  rejectUnknownOptions("rosenbrock", options, ["a", "b"]);
  const a = nonNegative("a", options.a ?? 1);
  const b = positive("b", options.b ?? 100);
  const isDefault = a === 1 && b === 100;
  return defineSurface({
    name: "rosenbrock",
    title: isDefault ? "Rosenbrock" : `Rosenbrock (a = ${a}, b = ${b})`,
    latex: `(${a} - x)^2 + ${b}\\,(y - x^2)^2`,
    expression: `(${num(a)} - x)^2 + ${num(b)} * (y - x^2)^2`,
    f: (x, y) => (a - x) * (a - x) + b * (y - x * x) * (y - x * x),
    fg(x: number, y: number, out: Vec): number {
      const u = a - x;
      const v = y - x * x;
      out[0] = -2 * u - 4 * b * x * v;
      out[1] = 2 * b * v;
      return u * u + b * v * v;
    },
    minima: [{ x: a, y: a * a }],
    saddles: [],
    domain: { x: [-2, 2], y: [-1, 3] },
    start: [-1.2, 1],
  });
}
