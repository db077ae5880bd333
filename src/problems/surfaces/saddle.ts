import type { Vec } from "../../core/vector";
import type { Surface2D } from "../objective";
import { defineSurface, rejectUnknownOptions } from "./surface";

/**
 * The simplest saddle point: curving up along x, down along y, unbounded below.
 * The gradient vanishes at the origin, so an optimizer started almost on the x axis
 * (y_0 = 10^-3) slows down near the saddle; how fast it escapes along y shows how it
 * handles the "saddle points, not local minima" problem of deep learning (Dauphin et al., 2014).
 *
 * $$f(x, y) = x^2 - y^2, \qquad \nabla^2 f = \operatorname{diag}(2, -2)$$
 */
export function saddle(options: Record<string, never> = {}): Surface2D {
  rejectUnknownOptions("saddle", options, []);
  return defineSurface({
    name: "saddle",
    title: "Saddle",
    latex: "x^2 - y^2",
    expression: "x^2 - y^2",
    f: (x, y) => x * x - y * y,
    fg(x: number, y: number, out: Vec): number {
      out[0] = 2 * x;
      out[1] = -2 * y;
      return x * x - y * y;
    },
    minima: [],
    saddles: [{ x: 0, y: 0 }],
    domain: { x: [-1.5, 1.5], y: [-1.5, 1.5] },
    start: [-1, 1e-3],
  });
}
