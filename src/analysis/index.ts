/** Analysis helpers for the lessons (browser-safe): curvature at a point and its classification. */
export { hessian } from "./hessian";
export { symmetricEigenvalues } from "./symmetric-eigenvalues";
export { classifyCriticalPoint, type CriticalKind, type CriticalPointReport } from "./critical-point";
export { watchOptimizer, type StepView } from "./watch-optimizer";
export { overshoot, type OvershootReport } from "./overshoot";
export { firstBelow } from "./first-below";
export { adamStepScale, withoutBiasCorrection } from "./without-bias-correction";
export { copyState, trialStep } from "./trial-step";
export { tuneLr, type LrTrial, type TuneLrOptions, type TuneLrResult } from "./tune-lr";
export { rescaleObjective, type RescaleOptions } from "./rescale-objective";
export { classProbabilities, ensembleAccuracy } from "./class-probabilities";
export {
  iterationMatrix,
  matrixRoots,
  spectralRadius,
  convergenceFactor,
  regime,
  predictQuadraticRun,
  type LinearMethod,
  type Matrix2,
  type Regime,
  type Roots2,
} from "./iteration-matrix";
export { gdOptimal, momentumOptimal, bestMomentumAtLr, stabilityEdge, stepsForRate } from "./quadratic-theory";
export { noiseFloor, adamNoiseFloor } from "./noise-floor";
export { runOnGradients } from "./gradient-sequence";
export { mcnemar, pairedDifference } from "./paired-test";
