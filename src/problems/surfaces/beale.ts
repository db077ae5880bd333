import type { Vec } from "../../core/vector";
import type { Surface2D } from "../objective";
import { defineSurface, rejectUnknownOptions } from "./surface";

/**
 * Beale's function: flat plateaus next to steep, curving walls, with a sharp minimum in a
 * narrow valley. Adaptive methods cross the plateaus; plain SGD stalls on them.
 *
 * $$f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2,
 *   \qquad \min f = f(3, 0.5) = 0$$
 *
 * It is constant (14.203125) on the whole line x = 0, and has a saddle point at (0, 1).
 */
export function beale(options: Record<string, never> = {}): Surface2D {
  rejectUnknownOptions("beale", options, []);
  return defineSurface({
    name: "beale",
    title: "Beale",
    latex: String.raw`(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2`,
    expression: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    f(x: number, y: number): number {
      // Same operations, in the same order, as fg: f and valueAndGradient agree to the last bit.
      const y2 = y * y;
      const p = 1.5 - x + x * y;
      const q = 2.25 - x + x * y2;
      const r = 2.625 - x + x * (y2 * y);
      return p * p + q * q + r * r;
    },
    fg(x: number, y: number, out: Vec): number {
      const y2 = y * y;
      const y3 = y2 * y;
      const p = 1.5 - x + x * y;
      const q = 2.25 - x + x * y2;
      const r = 2.625 - x + x * y3;
      out[0] = 2 * p * (y - 1) + 2 * q * (y2 - 1) + 2 * r * (y3 - 1);
      out[1] = 2 * p * x + 4 * q * x * y + 6 * r * x * y2;
      return p * p + q * q + r * r;
    },
    minima: [{ x: 3, y: 0.5 }],
    saddles: [{ x: 0, y: 1 }],
    domain: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
    start: [1, 1.5],
  });
}
