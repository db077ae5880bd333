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
  throw new Error("TODO");
}
