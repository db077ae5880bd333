/** Browser-safe data sets and preprocessing. MNIST (reads files) is in ./mnist-node.ts. */
export type { ClassificationDataset, Dataset, RegressionDataset, SparseDataset } from "./dataset";
export { makeSparseRegression, type SparseRegressionOptions } from "./sparse";
export { makeBlobs, makeLinearRegression, makeSpirals, makeTwoMoons } from "./synthetic";
export type { BlobsOptions, LinearRegressionOptions, SpiralsOptions, TwoMoonsOptions } from "./synthetic";
export { featureStats, oneHot, standardize, subset, trainValidationSplit, type Standardization } from "./split";
export { saltedSeed } from "./salt";
export { checkDataset, checkSparseRows, maxLabel, type SparseRowsShape } from "./check";
