import { positive } from "../../core/validate";
import type { Vec } from "../../core/vector";
import type { Surface2D } from "../objective";
import { defineSurface, num, rejectUnknownOptions } from "./surface";

/**
 * An ill-conditioned quadratic: a long, narrow valley (a "ravine"). Its Hessian has eigenvalues
 * 1 and kappa, so its condition number is kappa (default 50): gradient descent must keep
 * lr < 2/kappa to stay stable across the valley, and then crawls along it at rate
 * (1 - lr) per step; momentum and adaptive methods are judged by how they beat that.
 *
 * $$f(x, y) = \tfrac12\left(u^2 + \kappa v^2\right),\quad
 *   u = x\cos\varphi + y\sin\varphi,\ v = -x\sin\varphi + y\cos\varphi$$
 *
 * With the default angle phi = 0 the valley runs along the x axis, which per-coordinate methods
 * (Adagrad, RMSprop, Adam) exploit; a rotated valley (e.g. phi = pi/6) takes that advantage away.
 */
export interface LongValleyOptions {
  /** Condition number kappa >= 1. */
  kappa?: number;
  /** Rotation phi of the valley in radians (finite). */
  angle?: number;
}

export function longValley(options: LongValleyOptions = {}): Surface2D {
  rejectUnknownOptions("long-valley", options, ["kappa", "angle"]);
  const kappa = positive("kappa", options.kappa ?? 50);
  if (kappa < 1) throw new RangeError(`kappa must be a finite number >= 1, got ${kappa}`);
  const angle = options.angle ?? 0;
  if (typeof angle !== "number" || !Number.isFinite(angle)) {
    throw new RangeError(`angle must be a finite number (radians), got ${String(angle)}`);
  }
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const rotated = angle !== 0;
  // The start is (-1.8, 0.5) in the valley's own (u, v) frame, so rotation keeps the difficulty.
  const su = -1.8;
  const sv = 0.5;
  const half = rotated ? 2 : 1;
  return defineSurface({
    name: "long-valley",
    title: `Long valley (condition number ${kappa}${rotated ? `, rotated ${angle} rad` : ""})`,
    latex: rotated
      ? String.raw`\tfrac12\left(u^2 + ${kappa}\,v^2\right),\ u = x\cos\varphi + y\sin\varphi,\ v = -x\sin\varphi + y\cos\varphi,\ \varphi = ${angle}`
      : String.raw`\tfrac12\left(x^2 + ${kappa}\,y^2\right)`,
    expression: rotated
      ? `0.5 * ((${num(c)} * x + ${num(s)} * y)^2 + ${num(kappa)} * (${num(-s)} * x + ${num(c)} * y)^2)`
      : `0.5 * (x^2 + ${num(kappa)} * y^2)`,
    f(x: number, y: number): number {
      const u = c * x + s * y;
      const v = -s * x + c * y;
      return 0.5 * (u * u + kappa * v * v);
    },
    fg(x: number, y: number, out: Vec): number {
      const u = c * x + s * y;
      const v = -s * x + c * y;
      // Chain rule through the rotation: grad = R^T (u, kappa v).
      out[0] = c * u - s * kappa * v;
      out[1] = s * u + c * kappa * v;
      return 0.5 * (u * u + kappa * v * v);
    },
    minima: [{ x: 0, y: 0 }],
    saddles: [],
    domain: { x: [-2, 2], y: [-half, half] },
    start: [c * su - s * sv, s * su + c * sv],
  });
}
