import { ADADELTA_EXERCISE } from "./exercises/adadelta";
import { ADAGRAD_EXERCISE } from "./exercises/adagrad";
import { ADAM_EXERCISE } from "./exercises/adam";
import { ADAMAX_EXERCISE } from "./exercises/adamax";
import { AMSGRAD_EXERCISE } from "./exercises/amsgrad";
import { EARLY_STOPPING_EXERCISE } from "./exercises/early-stopping";
import { GRADIENT_NOISE_EXERCISE } from "./exercises/gradient-noise";
import { MINIBATCHES_EXERCISE } from "./exercises/minibatches";
import { MOMENTUM_EXERCISE } from "./exercises/momentum";
import { NADAM_EXERCISE } from "./exercises/nadam";
import { NESTEROV_EXERCISE } from "./exercises/nesterov";
import { RMSPROP_EXERCISE } from "./exercises/rmsprop";
import { SCHEDULES_EXERCISE } from "./exercises/schedules";
import { SGD_EXERCISE } from "./exercises/sgd";
import { STABLE_LR_EXERCISE } from "./exercises/stable-lr";
import { VALLEY_TUNING_EXERCISE } from "./exercises/valley-tuning";
import { NAG_STABLE_LR_EXERCISE } from "./exercises/nag-stable-lr";
import { ADAM_STEP_FACTOR_EXERCISE } from "./exercises/adam-step-factor";
import { HEAVY_BALL_OPTIMUM_EXERCISE } from "./exercises/heavy-ball-optimum";
import { ADADELTA_LOCK_EXERCISE } from "./exercises/adadelta-lock";
import { NOISE_FLOOR_EXERCISE } from "./exercises/noise-floor";
import { DELAYED_STABLE_LR_EXERCISE } from "./exercises/delayed-stable-lr";
import type { ExerciseSpec } from "./types";

/**
 * Every exercise with its VISIBLE cases only, in course order (the order of the files in
 * exercises/). Browser-safe and free of hidden tests: the site and the notebooks use this;
 * registry.ts adds the hidden cases for `descent grade`.
 */
export const VISIBLE_EXERCISES: readonly ExerciseSpec[] = [
  SGD_EXERCISE,
  MOMENTUM_EXERCISE,
  NESTEROV_EXERCISE,
  ADAGRAD_EXERCISE,
  ADADELTA_EXERCISE,
  RMSPROP_EXERCISE,
  ADAM_EXERCISE,
  ADAMAX_EXERCISE,
  NADAM_EXERCISE,
  AMSGRAD_EXERCISE,
  SCHEDULES_EXERCISE,
  MINIBATCHES_EXERCISE,
  EARLY_STOPPING_EXERCISE,
  GRADIENT_NOISE_EXERCISE,
  VALLEY_TUNING_EXERCISE,
  STABLE_LR_EXERCISE,
  NAG_STABLE_LR_EXERCISE,
  ADAM_STEP_FACTOR_EXERCISE,
  HEAVY_BALL_OPTIMUM_EXERCISE,
  ADADELTA_LOCK_EXERCISE,
  NOISE_FLOOR_EXERCISE,
  DELAYED_STABLE_LR_EXERCISE,
];

export const EXERCISE_NAMES: readonly string[] = VISIBLE_EXERCISES.map((e) => e.name);

/** The exercise of `list` called `name` (or whose file is `name`, e.g. "07-adam.ts"); a clear error otherwise. */
export function findIn(list: readonly ExerciseSpec[], name: string): ExerciseSpec {
  const base = name.replace(/^.*[\\/]/, "");
  const found = list.find((e) => e.name === name || e.file === base || e.file.replace(/\.ts$/, "") === base);
  if (!found) throw new RangeError(`unknown exercise "${name}"; expected one of ${EXERCISE_NAMES.join(", ")}`);
  return found;
}
