/**
 * Descent: the browser-safe library, in one import. Everything here runs in Node, in tslab
 * notebooks and in the browser; Node-only pieces (MNIST from disk, Hogwild! on worker threads)
 * are in `./node`.
 *
 * Each area also has its own entry (`./optimizers`, `./schedules`, `./problems`, `./models`,
 * `./data`, `./train`, `./parallel`, `./plot`) for readers who want one topic at a time.
 */
export * from "./core/vector";
export * from "./core/errors";
export * from "./core/rng";
export { firstNonFinite, type Stopped } from "./core/divergence";
export * from "./optimizers/index";
export * from "./schedules/index";
export * from "./problems/index";
export * from "./data/index";
export * from "./models/index";
export * from "./train/index";
export * as parallel from "./parallel/index";
export * from "./plot/index";
