import { nonNegative } from "../../core/validate";
import type { Vec } from "../../core/vector";
import type { Surface2D } from "../objective";
import { defineSurface, num, rejectUnknownOptions } from "./surface";

/**
 * The 2-D Rastrigin function: a bowl covered in a grid of local minima (near every integer
 * point), so gradient methods stop in the first dimple they reach; the global minimum is 0 at
 * the origin.
 *
 * $$f(x, y) = 2A + x^2 - A\cos(2\pi x) + y^2 - A\cos(2\pi y), \qquad A = 10$$
 */
export interface RastriginOptions {
  /** Amplitude of the ripples, A >= 0 (A = 0 leaves the plain bowl x^2 + y^2). */
  A?: number;
}

const TWO_PI = 2 * Math.PI;

export function rastrigin(options: RastriginOptions = {}): Surface2D {
  rejectUnknownOptions("rastrigin", options, ["A"]);
  const A = nonNegative("A", options.A ?? 10);
  return defineSurface({
    name: "rastrigin",
    title: A === 10 ? "Rastrigin" : `Rastrigin (A = ${A})`,
    latex: String.raw`${2 * A} + x^2 - ${A}\cos(2\pi x) + y^2 - ${A}\cos(2\pi y)`,
    expression: `${num(2 * A)} + x^2 - ${num(A)} * cos(2 * pi * x) + y^2 - ${num(A)} * cos(2 * pi * y)`,
    f: (x, y) => 2 * A + x * x - A * Math.cos(TWO_PI * x) + y * y - A * Math.cos(TWO_PI * y),
    fg(x: number, y: number, out: Vec): number {
      out[0] = 2 * x + A * TWO_PI * Math.sin(TWO_PI * x);
      out[1] = 2 * y + A * TWO_PI * Math.sin(TWO_PI * y);
      return 2 * A + x * x - A * Math.cos(TWO_PI * x) + y * y - A * Math.cos(TWO_PI * y);
    },
    minima: [{ x: 0, y: 0 }],
    saddles: [],
    domain: { x: [-5.12, 5.12], y: [-5.12, 5.12] },
    start: [-3.3, 2.7],
  });
}
