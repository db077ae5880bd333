/** The models (browser-safe). Each file documents its loss, gradient and parameter layout. */
export { modelObjective, type Model } from "./model";
export { linearRegression } from "./linear-regression";
export { logisticRegression, sigmoid, softplus } from "./logistic-regression";
export { softmaxRegression } from "./softmax-regression";
export { softmaxCrossEntropy, argmax } from "./softmax";
export { mlp, ACTIVATIONS, type Activation, type MlpOptions } from "./mlp";
export { BatchNorm, type BatchNormOptions } from "./batchnorm";
export {
  sparseLeastSquaresObjective,
  sparseLeastSquaresLoss,
  sparseResidual,
  addScaledSparseRow,
  addSparseExampleGradient,
  type SparseRowsView,
} from "./sparse-linear-regression";
