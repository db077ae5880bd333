/**
 * Exercise 21 (derive and predict, lesson 01): SGD's noise floor.
 *
 * SGD with a constant rate lr on J(theta) = lambda theta^2 / 2, where each mini-batch gradient is
 * lambda theta + xi with independent noise xi of mean 0 and variance sigma2 / b (per-example variance
 * sigma2, batch size b). The error e = theta never settles; its second moment E[e^2] does.
 *
 * Task: return the expected excess loss E[J - J*] once the run has settled (t -> infinity). Derive
 * it: write e_{t+1} from e_t and xi_t, square, take expectations, and find the fixed point.
 * (Notebook 01 measures it on real runs.)
 *
 * Check: `check("noise-floor", noiseFloorPrediction)`, or `npx descent grade exercises/21-noise-floor.ts`.
 */
export function noiseFloorPrediction(lr: number, sigma2: number, b: number, lambda: number): number {
  // E[e^2] = (1 - lr lambda)^2 E[e^2] + lr^2 sigma2 / b at the fixed point; J - J* = lambda e^2 / 2.
  const errorVariance = (lr * sigma2) / (b * lambda * (2 - lr * lambda));
  return (lambda / 2) * errorVariance;
}
