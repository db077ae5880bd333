import { DescentInputError, show } from "../core/errors";
import { constant, CONSTANT_INFO } from "./constant";
import { cosine, COSINE_INFO } from "./cosine";
import { exponential, EXPONENTIAL_INFO } from "./exponential";
import { inverseTime, INVERSE_TIME_INFO } from "./inverse-time";
import { unknownSchedule } from "./options";
import type { Schedule, ScheduleInfo, ScheduleName } from "./schedule";
import { sgdr, SGDR_INFO } from "./sgdr";
import { stepDecay, STEP_INFO } from "./step";
import { warmup, WARMUP_INFO } from "./warmup";

export type { Schedule, ScheduleInfo, ScheduleName } from "./schedule";
export { scheduledLr } from "./options";
export { constant, type ConstantOptions } from "./constant";
export { stepDecay, type StepOptions } from "./step";
export { exponential, type ExponentialOptions } from "./exponential";
export { inverseTime, type InverseTimeOptions } from "./inverse-time";
export { cosine, type CosineOptions } from "./cosine";
export { warmup, type WarmupOptions, type WarmupSchedule } from "./warmup";
export { sgdr, type SgdrOptions, type SgdrSchedule } from "./sgdr";

/** Every schedule name, in the order the course introduces them. */
export const SCHEDULE_NAMES: readonly ScheduleName[] = [
  "constant",
  "step",
  "exponential",
  "inverse-time",
  "cosine",
  "warmup",
  "sgdr",
];

const INFO: Record<ScheduleName, ScheduleInfo> = {
  constant: CONSTANT_INFO,
  step: STEP_INFO,
  exponential: EXPONENTIAL_INFO,
  "inverse-time": INVERSE_TIME_INFO,
  cosine: COSINE_INFO,
  warmup: WARMUP_INFO,
  sgdr: SGDR_INFO,
};

function isScheduleName(name: string): name is ScheduleName {
  return (SCHEDULE_NAMES as readonly string[]).includes(name);
}

/** Name, one-line summary, LaTeX formula, default options and accepted options of a schedule. */
export function scheduleInfo(name: string): ScheduleInfo {
  if (!isScheduleName(name)) unknownSchedule(name, SCHEDULE_NAMES);
  return INFO[name];
}

/**
 * Makes a schedule from its name and numeric options, for the CLI and the playground, e.g.
 * `createSchedule("cosine", { lr: 0.1, tMax: 500 })`. An unknown name is a DescentInputError
 * listing the names; an unknown or out-of-range option is a RangeError naming it.
 * `after` is the schedule a `warmup` hands over to (only `warmup` takes one).
 */
export function createSchedule(name: string, options: Record<string, number>, after?: Schedule): Schedule {
  if (!isScheduleName(name)) unknownSchedule(name, SCHEDULE_NAMES);
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new DescentInputError(`options for schedule ${show(name)} must be an object of numbers, got ${show(options)}`);
  }
  if (after !== undefined && name !== "warmup") {
    throw new DescentInputError(`only "warmup" hands over to another schedule, not ${show(name)}`);
  }
  // Copy so that a caller's object with extra inherited keys cannot leak in.
  const o = { ...options };
  switch (name) {
    case "constant":
      return constant(o as { lr: number });
    case "step":
      return stepDecay(o as { lr: number });
    case "exponential":
      return exponential(o as { lr: number });
    case "inverse-time":
      return inverseTime(o as { lr: number });
    case "cosine":
      return cosine(o as { lr: number });
    case "warmup":
      return warmup(after ? { ...o, after } : o);
    case "sgdr":
      return sgdr(o as { lr: number });
  }
}
