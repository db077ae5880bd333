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

/** What `scheduleInfo` tells the CLI, the docs and the playground about one schedule. */
export interface ScheduleInfo {
  readonly name: ScheduleName;
  /** One sentence: what the schedule does and when to use it. */
  readonly summary: string;
  /** eta_t in LaTeX. */
  readonly formula: string;
  /** Default values of the options that have one (`lr` never has one: it must be given). */
  readonly defaults: Readonly<Record<string, number>>;
  /** Every option name the schedule reads. */
  readonly accepts: readonly string[];
}
