/**
 * A learning-rate schedule: the learning rate to use for each update, for any optimizer.
 *
 * `at(t)` takes the 0-based index of the update (t = 0 is the first step) and returns the
 * absolute learning rate eta_t. The training loop passes it to `optimizer.step(..., lr)`.
 */
export interface Schedule {
  readonly name: ScheduleName;
  /** The resolved options (defaults filled in). */
  readonly hyper: Readonly<Record<string, number>>;
  at(t: number): number;
}

export type ScheduleName =
  | "constant"
  | "step"
  | "exponential"
  | "inverse-time"
  | "cosine"
  | "warmup"
  | "sgdr";
