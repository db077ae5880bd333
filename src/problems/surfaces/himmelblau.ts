import type { Vec } from "../../core/vector";
import type { Surface2D } from "../objective";
import { defineSurface, rejectUnknownOptions } from "./surface";

/**
 * Himmelblau's function: four global minima (all with f = 0), one local maximum and four
 * saddles, so which minimum an optimizer reaches depends on its path, not only on its start.
 *
 * $$f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$$
 *
 * The three irrational minima and the saddles were found by Newton's method at 40 digits
 * and are given here to double precision.
 */
export function himmelblau(options: Record<string, never> = {}): Surface2D {
  rejectUnknownOptions("himmelblau", options, []);
  return defineSurface({
    name: "himmelblau",
    title: "Himmelblau",
    latex: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    expression: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    f(x: number, y: number): number {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      return a * a + b * b;
    },
    fg(x: number, y: number, out: Vec): number {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      out[0] = 4 * x * a + 2 * b;
      out[1] = 2 * a + 4 * y * b;
      return a * a + b * b;
    },
    minima: [
      { x: 3, y: 2 },
      { x: -2.8051180869527448, y: 3.131312518250573 },
      { x: -3.779310253377747, y: -3.2831859912861694 },
      { x: 3.5844283403304917, y: -1.8481265269644036 },
    ],
    saddles: [
      { x: 0.08667750455539635, y: 2.884254701174776 },
      { x: 3.385154183607021, y: 0.07385187983774929 },
      { x: -3.0730257507643896, y: -0.08135304428796751 },
      { x: -0.12796134673068007, y: -1.9537149802445764 },
    ],
    domain: { x: [-5, 5], y: [-5, 5] },
    start: [0, 0],
  });
}
