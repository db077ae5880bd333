import type { Vec } from "../../src/core/vector";
import type { Objective } from "../../src/problems/objective";

/** J(x) = 1/2 sum_i a_i x_i^2: gradient descent has the closed form x_k = (1 - lr a_i)^k x_0. */
export function quadratic(a: readonly number[]): Objective {
  return {
    name: "quadratic",
    dim: a.length,
    value(x: Vec): number {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += 0.5 * a[i] * x[i] * x[i];
      return s;
    },
    valueAndGradient(x: Vec, out: Vec): number {
      let s = 0;
      for (let i = 0; i < a.length; i++) {
        s += 0.5 * a[i] * x[i] * x[i];
        out[i] = a[i] * x[i];
      }
      return s;
    },
  };
}
