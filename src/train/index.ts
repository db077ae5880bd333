/** The training loops and their helpers (browser-safe). */
export { minimize, type MinimizeOptions, type MinimizeResult } from "./minimize";
export { train, type TrainOptions, type TrainHistory, type EpochReport, type StopKind } from "./train";
export { clipByGlobalNorm } from "./clip";
export { createGradientNoise, gradientNoiseVariance, type GradientNoise, type GradientNoiseOptions } from "./noise";
export { createEpochOrder, ORDER_KINDS, type EpochOrder, type OrderKind } from "./order";
