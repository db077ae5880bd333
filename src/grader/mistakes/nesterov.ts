import type { LookaheadCaseData } from "../drivers";
import type { PlainValue } from "../types";

/** DELIBERATELY WRONG (catalogue, see run-mutant.ts): NAG with the gradient at theta + gamma v. */
export function lookaheadWrongSign(d: LookaheadCaseData): PlainValue {
  const theta = Float64Array.from(d.params0);
  const v = new Float64Array(theta.length);
  const { lr, gamma } = d.hyper;
  const trajectory: number[][] = [];
  for (let k = 0; k < d.steps; k++) {
    for (let i = 0; i < theta.length; i++) {
      const g = d.a[i] * (theta[i] + gamma * v[i]) - d.b[i];
      v[i] = gamma * v[i] + lr * g;
      theta[i] -= v[i];
    }
    trajectory.push(Array.from(theta));
  }
  return { trajectory };
}
