import { batchCase } from "../exercises/minibatches";
import { curve, earlyCase } from "../exercises/early-stopping";
import { noiseCase, noiseSteps } from "../exercises/gradient-noise";
import { nesterovCases } from "../exercises/nesterov";
import { sgdrCase, stepCase } from "../exercises/schedules";
import { stableCase } from "../exercises/stable-lr";
import { tuningCase } from "../exercises/valley-tuning";
import { nagEdgeCase } from "../exercises/nag-stable-lr";
import { stepFactorCase } from "../exercises/adam-step-factor";
import { optimumCase, stepsCase } from "../exercises/heavy-ball-optimum";
import { lockCase } from "../exercises/adadelta-lock";
import { floorCase } from "../exercises/noise-floor";
import { delayedCase } from "../exercises/delayed-stable-lr";
import { optimizerCases, type OptimizerCasePlan } from "../exercise";
import type { TestCase } from "../types";

/**
 * THE HIDDEN TESTS. This folder is never shipped to students: the handout replaces this file by
 * an empty table (scripts/grading/handout-build.ts), and browser code and notebooks import catalogue.ts,
 * which never imports this folder (test/grader/packages.test.ts checks both). Expected values are not
 * here either: they are computed from src/ by each exercise's reference, in the grader's process.
 */

/** The three hidden plans of an optimizer exercise (2 points each). */
function hiddenPlans(hyper: Record<string, number>, other: Record<string, number>): OptimizerCasePlan[] {
  return [
    // Two independent states interleaved (state kept in module variables mixes them), and `grad` checked unchanged.
    { id: "random-5d", title: "8 steps in 5 dimensions, two states interleaved, grad unchanged", points: 2, visible: false, dim: 5, steps: 8, scale: 1, hyper, interleave: true },
    { id: "other-hyper", title: "a second set of hyperparameters", points: 2, visible: false, dim: 3, steps: 6, scale: 1, hyper: other },
    { id: "scales", title: "small gradients, many steps", points: 2, visible: false, dim: 4, steps: 12, scale: 1e-3, hyper },
  ];
}

/** Hidden cases per exercise name. */
export const HIDDEN_CASES: Readonly<Record<string, readonly TestCase[]>> = {
  sgd: optimizerCases("sgd", "sgdStep", [], hiddenPlans({ lr: 0.1 }, { lr: 0.5 })),
  momentum: optimizerCases("momentum", "momentumStep", ["v"], hiddenPlans({ lr: 0.03, gamma: 0.9 }, { lr: 0.05, gamma: 0.5 })),
  adagrad: optimizerCases("adagrad", "adagradStep", ["G"], hiddenPlans({ lr: 0.5, eps: 1e-3 }, { lr: 0.1, eps: 0.05 })),
  adadelta: optimizerCases("adadelta", "adadeltaStep", ["Eg2", "Edx2"], hiddenPlans({ rho: 0.9, eps: 1e-3 }, { rho: 0.6, eps: 1e-2 })),
  rmsprop: optimizerCases("rmsprop", "rmspropStep", ["Eg2"], hiddenPlans({ lr: 0.01, gamma: 0.9, eps: 1e-3 }, { lr: 0.1, gamma: 0.5, eps: 1e-2 })),
  adam: optimizerCases("adam", "adamStep", ["m", "v"], hiddenPlans({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3 }, { lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 1e-2 })),
  adamax: optimizerCases("adamax", "adamaxStep", ["m", "u"], hiddenPlans({ lr: 0.1, beta1: 0.9, beta2: 0.999 }, { lr: 0.05, beta1: 0.5, beta2: 0.6 })),
  nadam: optimizerCases("nadam", "nadamStep", ["m", "v"], hiddenPlans({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3 }, { lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 1e-2 })),
  amsgrad: optimizerCases("amsgrad", "amsgradStep", ["m", "v", "vHat"], hiddenPlans({ lr: 0.1, beta1: 0.9, beta2: 0.5, eps: 1e-3 }, { lr: 0.05, beta1: 0.5, beta2: 0.3, eps: 1e-2 })),
  nesterov: nesterovCases([
    { id: "random-4d", title: "10 steps in 4 dimensions", points: 2, visible: false, dim: 4, steps: 10, hyper: { lr: 0.05, gamma: 0.9 } },
    { id: "other-hyper", title: "a second set of hyperparameters", points: 2, visible: false, dim: 3, steps: 6, hyper: { lr: 0.2, gamma: 0.5 } },
    { id: "long-run", title: "a long run of 30 look-ahead steps", points: 2, visible: false, dim: 2, steps: 30, hyper: { lr: 0.02, gamma: 0.95 } },
  ]),
  schedules: [
    stepCase("step-hidden", "step decay: other settings, late t", 2, false, 0.3, 0.8, 7, [0, 6, 7, 13, 14, 20, 49, 50, 99]),
    sgdrCase("sgdr-hidden", "SGDR: tMult 3, lrMin > 0, late t", 2, false, 0.5, 3, 3, 0.05, [0, 2, 3, 5, 11, 12, 30, 38, 39, 100]),
  ],
  minibatches: [
    batchCase("exact-epochs", "the specified order over 3 epochs", 2, false, "exact", 12, 5, 3, 14),
    batchCase("exact-large", "n = 50, batch 8", 2, false, "exact", 50, 8, 1, 15),
  ],
  "early-stopping": [
    earlyCase("ties", "an equal loss is not an improvement", 2, false, [
      [[0.5, 0.4, 0.4, 0.4, 0.3], 2, 0],
      [[0.5, 0.5, 0.45, 0.45, 0.45, 0.2], 3, 0],
    ]),
    earlyCase("min-delta", "improvements smaller than minDelta do not count", 2, false, [
      [[1.0, 0.97, 0.95, 0.93, 0.92, 0.91], 2, 0.05],
      [[1.0, 0.98, 0.96, 0.94, 0.92, 0.9, 0.88], 2, 0.03],
    ]),
    earlyCase("curves", "noisy validation curves", 2, false, [
      [curve("a", 20), 3, 0],
      [curve("b", 25), 5, 0.005],
      [curve("c", 15), 1, 0],
    ]),
  ],
  "gradient-noise": [
    noiseCase("hidden-gamma", "another gamma and many coordinates", 2, false, 0.01, 1.5, 3, noiseSteps("hidden-gamma", 6, [0, 3, 4, 50])),
    noiseCase("hidden-late", "late steps, t up to 5000", 2, false, 0.3, 0.55, 4, noiseSteps("hidden-late", 4, [1000, 1001, 5000])),
  ],
  "valley-tuning": [tuningCase("precise", "within 1e-6 after 100 steps", 2, false, 1e-6)],
  "stable-lr": [stableCase("tight", "within 1% (0.99x converges, 1.01x does not)", 2, false, 0.99, 1.01)],
  "nag-stable-lr": [nagEdgeCase("tight", "within 1% (0.99x converges, 1.01x does not)", 2, false, 0.99, 1.01)],
  "adam-step-factor": [stepFactorCase("other-betas", "other betas, including beta1 above beta2", 2, false, [[0.99, 0.9, 1], [0.5, 0.5, 3], [0.8, 0.99, 50], [0.95, 0.9999, 5000]])],
  "heavy-ball-optimum": [
    optimumCase("wide", "very ill-conditioned ranges", 2, false, [[2e-3, 10], [0.25, 400]]),
    stepsCase("steps-exact", "steps to J < 1e-6, within 1", 2, false, 1),
  ],
  "adadelta-lock": [lockCase("more-curvatures", "curvatures h = 20, 100 and 400", 2, false, [20, 100, 400])],
  "delayed-stable-lr": [delayedCase("large-delays", "tau = 2, 16 and 64, within 1%", 2, false, [2, 16, 64], 0.99, 1.01)],
  "noise-floor": [floorCase("mixed", "other rates, batches and curvatures", 2, false, [[0.3, 0.5, 4, 5], [0.002, 9, 1, 0.5], [0.19, 1, 64, 10]])],
};
