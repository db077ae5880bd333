import type { Vec } from "../../src/core/vector";
import type { Objective } from "../../src/problems/objective";

/** Central finite-difference gradient, the independent check for every analytic gradient. */
export function numericGradient(obj: Objective, theta: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(theta.length);
  const t = Float64Array.from(theta);
  for (let i = 0; i < theta.length; i++) {
    const step = h * Math.max(1, Math.abs(theta[i]));
    t[i] = theta[i] + step;
    const up = obj.value(t);
    t[i] = theta[i] - step;
    const down = obj.value(t);
    t[i] = theta[i];
    g[i] = (up - down) / (2 * step);
  }
  return g;
}

export function analyticGradient(obj: Objective, theta: Vec): { value: number; grad: Float64Array } {
  const grad = new Float64Array(obj.dim);
  const value = obj.valueAndGradient(theta, grad);
  return { value, grad };
}

/** Hessian of a 2-D objective by central differences of its analytic gradient. */
export function hessian2(obj: Objective, x: number, y: number, h = 1e-5): [number, number, number, number] {
  const g = (px: number, py: number): Float64Array => analyticGradient(obj, Float64Array.of(px, py)).grad;
  const gxp = g(x + h, y);
  const gxm = g(x - h, y);
  const gyp = g(x, y + h);
  const gym = g(x, y - h);
  const hxx = (gxp[0] - gxm[0]) / (2 * h);
  const hyy = (gyp[1] - gym[1]) / (2 * h);
  const hxy = ((gxp[1] - gxm[1]) / (2 * h) + (gyp[0] - gym[0]) / (2 * h)) / 2;
  return [hxx, hxy, hxy, hyy];
}
