/**
 * The browser-safe part of the parallel-SGD lesson (simulations, kernels, reference solution).
 * The runs on real workers live in *-node.ts (worker threads) and their twins *-browser.ts (Web
 * Workers sharing a SharedArrayBuffer on a cross-origin isolated page, else these simulations).
 */
export * from "./sparse-sgd-kernel";
// The per-row kernels live with the model; re-exported so the parallel lesson has them in one place.
export {
  sparseResidual,
  addScaledSparseRow,
  addSparseExampleGradient,
  sparseLeastSquaresLoss,
  type SparseRowsView,
} from "../models/sparse-linear-regression";
export { runSparseSgd, type SparseSgdOptions, type SparseSgdResult } from "./sparse-sgd";
export { solveSparseLeastSquares } from "./least-squares-reference";
export * from "./stochastic-problem";
export { MAX_BUFFER_NUMBERS } from "./budget";
export { runSimulatedHogwild, type SimulatedHogwildOptions, type SimulatedHogwildResult } from "./hogwild-simulated";
export { runDownpour, type DownpourOptions, type DownpourResult } from "./downpour";
export { runDelayedSgd, DELAYED_METHODS, type DelayedMethod, type DelayedSgdOptions, type DelayedSgdResult } from "./delay-tolerant";
export { runEasgd, type EasgdMode, type EasgdOptions, type EasgdResult } from "./easgd";
