/**
 * The Node-only part of Descent (reads files, starts threads), on top of everything in `./index`.
 */
export * from "./index";
export { loadMnist, mnistClassSizes } from "./data/mnist-node";
export { runHogwild, runLockedSgd, runSequentialSgdWorker } from "./parallel/hogwild-node";
export { measureHogwildScaling } from "./parallel/scaling-node";
export { maxWorkers } from "./parallel/worker-cap-node";
export { runDownpourThreads } from "./parallel/downpour-node";
