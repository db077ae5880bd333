/**
 * Student files with one catalogued mistake each, written as edits of the reference solution
 * (so each is real, independently written wrong code, not the grader's own mutant). The test
 * checks that grading each one names exactly that mistake.
 */
export interface MutantFile {
  readonly exercise: string;
  readonly file: string;
  readonly mistake: string;
  /** [search, replace] pairs applied to solutions/<file>; each search must occur. */
  readonly edits: readonly (readonly [string, string])[];
}

const m = (exercise: string, file: string, mistake: string, ...edits: [string, string][]): MutantFile => ({ exercise, file, mistake, edits });

export const MUTANT_FILES: readonly MutantFile[] = [
  m("sgd", "01-sgd.ts", "wrong-sign", ["params[i] -= hyper.lr", "params[i] += hyper.lr"]),
  m("sgd", "01-sgd.ts", "lr-ignored", ["params[i] -= hyper.lr * grad[i]", "params[i] -= grad[i]"]),

  m("momentum", "02-momentum.ts", "wrong-sign", ["params[i] -= state.v[i]", "params[i] += state.v[i]"]),
  m("momentum", "02-momentum.ts", "state-not-carried", ["state.v[i] = gamma * state.v[i] + lr * grad[i];\n    params[i] -= state.v[i];", "const v = lr * grad[i];\n    params[i] -= v;"]),
  m("momentum", "02-momentum.ts", "old-velocity", ["state.v[i] = gamma * state.v[i] + lr * grad[i];\n    params[i] -= state.v[i];", "params[i] -= state.v[i];\n    state.v[i] = gamma * state.v[i] + lr * grad[i];"]),
  m("momentum", "02-momentum.ts", "averaged-gradient", ["gamma * state.v[i] + lr * grad[i]", "gamma * state.v[i] + (1 - gamma) * lr * grad[i]"]),

  m("nesterov", "03-nesterov.ts", "lookahead-missing", ["lookAhead[i] = params[i] - gamma * state.v[i]", "lookAhead[i] = params[i]"]),
  m("nesterov", "03-nesterov.ts", "lookahead-sign", ["lookAhead[i] = params[i] - gamma * state.v[i]", "lookAhead[i] = params[i] + gamma * state.v[i]"]),
  m("nesterov", "03-nesterov.ts", "returns-lookahead", ["params[i] -= state.v[i];", "params[i] -= state.v[i] + gamma * state.v[i];"]),
  m("nesterov", "03-nesterov.ts", "state-not-carried", ["lookAhead[i] = params[i] - gamma * state.v[i]", "lookAhead[i] = params[i]"], ["state.v[i] = gamma * state.v[i] + lr * g[i];\n    params[i] -= state.v[i];", "params[i] -= lr * g[i];"]),

  m("adagrad", "04-adagrad.ts", "eps-outside", ["Math.sqrt(state.G[i] + eps)", "(Math.sqrt(state.G[i]) + eps)"]),
  m("adagrad", "04-adagrad.ts", "g-not-squared", ["state.G[i] += g * g", "state.G[i] += g"]),
  m("adagrad", "04-adagrad.ts", "no-root", ["Math.sqrt(state.G[i] + eps)", "(state.G[i] + eps)"]),
  m("adagrad", "04-adagrad.ts", "state-not-carried", ["state.G[i] += g * g;\n    params[i] -= (lr / Math.sqrt(state.G[i] + eps)) * g;", "const G = g * g;\n    params[i] -= (lr / Math.sqrt(G + eps)) * g;"]),

  m("adadelta", "05-adadelta.ts", "accumulators-swapped", ["Math.sqrt(state.Edx2[i] + eps) / Math.sqrt(state.Eg2[i] + eps)", "Math.sqrt(state.Eg2[i] + eps) / Math.sqrt(state.Edx2[i] + eps)"]),
  m("adadelta", "05-adadelta.ts", "rho-swapped", ["state.Eg2[i] = rho * state.Eg2[i] + (1 - rho) * g * g", "state.Eg2[i] = (1 - rho) * state.Eg2[i] + rho * g * g"], ["state.Edx2[i] = rho * state.Edx2[i] + (1 - rho) * delta * delta", "state.Edx2[i] = (1 - rho) * state.Edx2[i] + rho * delta * delta"]),
  m("adadelta", "05-adadelta.ts", "eps-outside", ["Math.sqrt(state.Edx2[i] + eps) / Math.sqrt(state.Eg2[i] + eps)", "(Math.sqrt(state.Edx2[i]) + eps) / (Math.sqrt(state.Eg2[i]) + eps)"]),
  m("adadelta", "05-adadelta.ts", "state-not-carried", ["    const g = grad[i];\n", "    const g = grad[i];\n    state.Eg2[i] = 0;\n    state.Edx2[i] = 0;\n"]),

  m("rmsprop", "06-rmsprop.ts", "eps-outside", ["Math.sqrt(state.Eg2[i] + eps)", "(Math.sqrt(state.Eg2[i]) + eps)"]),
  m("rmsprop", "06-rmsprop.ts", "g-not-squared", ["(1 - gamma) * g * g", "(1 - gamma) * g"]),
  m("rmsprop", "06-rmsprop.ts", "gamma-swapped", ["state.Eg2[i] = gamma * state.Eg2[i] + (1 - gamma) * g * g", "state.Eg2[i] = (1 - gamma) * state.Eg2[i] + gamma * g * g"]),
  m("rmsprop", "06-rmsprop.ts", "state-not-carried", ["state.Eg2[i] = gamma * state.Eg2[i]", "state.Eg2[i] = 0 * state.Eg2[i]"]),

  m("adam", "07-adam.ts", "no-bias-correction", ["const mHat = state.m[i] / bc1;", "const mHat = state.m[i];"], ["const vHat = state.v[i] / bc2;", "const vHat = state.v[i];"]),
  m("adam", "07-adam.ts", "eps-inside", ["(Math.sqrt(vHat) + eps)", "Math.sqrt(vHat + eps)"]),
  m("adam", "07-adam.ts", "t-off-by-one", ["  state.t += 1;\n  const bc1 = 1 - Math.pow(beta1, state.t);\n  const bc2 = 1 - Math.pow(beta2, state.t);", "  const bc1 = 1 - Math.pow(beta1, state.t + 2);\n  const bc2 = 1 - Math.pow(beta2, state.t + 2);\n  state.t += 1;"]),
  m("adam", "07-adam.ts", "g-not-squared", ["(1 - beta2) * g * g", "(1 - beta2) * g"]),
  m("adam", "07-adam.ts", "state-not-carried", ["  state.t += 1;", "  state.t = 1;"], ["state.m[i] = beta1 * state.m[i]", "state.m[i] = beta1 * 0"], ["state.v[i] = beta2 * state.v[i]", "state.v[i] = beta2 * 0"]),

  m("adamax", "08-adamax.ts", "no-bias-correction", ["(state.m[i] / bc1)", "state.m[i]"]),
  m("adamax", "08-adamax.ts", "no-decay", ["Math.max(beta2 * state.u[i]", "Math.max(state.u[i]"]),
  m("adamax", "08-adamax.ts", "no-abs", ["Math.abs(g)", "g"]),
  m("adamax", "08-adamax.ts", "state-not-carried", ["  state.t += 1;", "  state.t = 1;"], ["state.m[i] = beta1 * state.m[i]", "state.m[i] = 0"], ["Math.max(beta2 * state.u[i], Math.abs(g))", "Math.abs(g)"]),

  m("nadam", "09-nadam.ts", "no-lookahead", ["const lookAhead = beta1 * mHat + ((1 - beta1) * g) / bc1;", "const lookAhead = mHat;"]),
  m("nadam", "09-nadam.ts", "gradient-term-uncorrected", ["((1 - beta1) * g) / bc1", "(1 - beta1) * g"]),
  m("nadam", "09-nadam.ts", "state-not-carried", ["  state.t += 1;", "  state.t = 1;"], ["state.m[i] = beta1 * state.m[i]", "state.m[i] = 0 * state.m[i]"], ["state.v[i] = beta2 * state.v[i]", "state.v[i] = 0 * state.v[i]"]),

  m("amsgrad", "10-amsgrad.ts", "bias-corrected", ["params[i] -= (lr / (Math.sqrt(state.vHat[i]) + eps)) * state.m[i];", "params[i] -= (lr / (Math.sqrt(state.vHat[i] / (1 - beta2 ** state.t)) + eps)) * (state.m[i] / (1 - beta1 ** state.t));"]),
  m("amsgrad", "10-amsgrad.ts", "no-max", ["Math.sqrt(state.vHat[i])", "Math.sqrt(state.v[i])"]),
  m("amsgrad", "10-amsgrad.ts", "state-not-carried", ["state.m[i] = beta1 * state.m[i]", "state.m[i] = 0 * state.m[i]"], ["state.v[i] = beta2 * state.v[i]", "state.v[i] = 0 * state.v[i]"], ["Math.max(state.vHat[i], state.v[i])", "state.v[i]"]),

  m("schedules", "11-schedules.ts", "step-no-floor", ["Math.floor(t / stepSize)", "t / stepSize"]),
  m("schedules", "11-schedules.ts", "step-early", ["Math.floor(t / stepSize)", "Math.floor((t + 1) / stepSize)"]),
  m("schedules", "11-schedules.ts", "sgdr-no-restart", ["  while (tCur >= cycle) {", "  while (false) {"]),
  m("schedules", "11-schedules.ts", "sgdr-no-growth", ["cycle *= tMult;", "cycle *= 1;"]),
  m("schedules", "11-schedules.ts", "sgdr-lrmin-ignored", ["return lrMin + 0.5 * (lr - lrMin) *", "return 0.5 * lr *"]),

  m("minibatches", "12-minibatches.ts", "no-shuffle", ["for (let i = n - 1; i > 0; i--) {", "for (let i = n - 1; i > n; i--) {"]),
  m("minibatches", "12-minibatches.ts", "last-dropped", ["start < n; start += batchSize", "start + batchSize <= n; start += batchSize"]),
  m("minibatches", "12-minibatches.ts", "sattolo", ["Math.floor(random() * (i + 1))", "Math.floor(random() * i)"]),
  m("minibatches", "12-minibatches.ts", "forward-shuffle", ["for (let i = n - 1; i > 0; i--) {\n    const j = Math.floor(random() * (i + 1));", "for (let i = 0; i < n - 1; i++) {\n    const j = i + Math.floor(random() * (n - i));"]),

  m("early-stopping", "13-early-stopping.ts", "non-strict", ["e === 0 || valLosses[e] < best - minDelta", "e === 0 || valLosses[e] <= best - minDelta"]),
  m("early-stopping", "13-early-stopping.ts", "min-delta-ignored", ["e === 0 || valLosses[e] < best - minDelta", "e === 0 || valLosses[e] < best"]),
  m("early-stopping", "13-early-stopping.ts", "late", ["if (since >= patience)", "if (since > patience)"]),
  m("early-stopping", "13-early-stopping.ts", "best-is-last", ["if (since >= patience) return { stopEpoch: e, bestEpoch };\n  }\n  return { stopEpoch: null, bestEpoch };", "if (since >= patience) return { stopEpoch: e, bestEpoch: e };\n  }\n  return { stopEpoch: null, bestEpoch: valLosses.length - 1 };"]),

  m("gradient-noise", "14-gradient-noise.ts", "variance-as-std", ["Math.sqrt(eta / Math.pow(1 + t, gamma))", "eta / Math.pow(1 + t, gamma)"]),
  m("gradient-noise", "14-gradient-noise.ts", "t-off-by-one", ["Math.pow(1 + t, gamma)", "Math.pow(2 + t, gamma)"]),
  m("gradient-noise", "14-gradient-noise.ts", "no-decay", ["Math.sqrt(eta / Math.pow(1 + t, gamma))", "Math.sqrt(eta)"]),
  m("gradient-noise", "14-gradient-noise.ts", "shared-draw", ["for (let i = 0; i < grad.length; i++) out[i] = grad[i] + sigma * normal();", "const z = normal();\n  for (let i = 0; i < grad.length; i++) out[i] = grad[i] + sigma * z;"]),

  m("valley-tuning", "15-valley-tuning.ts", "diverges", ["return { lr: 4 / (k + 1) ** 2, momentum: ((k - 1) / (k + 1)) ** 2 };", "return { lr: 0.1, momentum: 0.2 };"]),
  m("valley-tuning", "15-valley-tuning.ts", "no-momentum", ["return { lr: 4 / (k + 1) ** 2, momentum: ((k - 1) / (k + 1)) ** 2 };", "return { lr: 0.035, momentum: 0 };"]),
  m("valley-tuning", "15-valley-tuning.ts", "too-much-momentum", ["return { lr: 4 / (k + 1) ** 2, momentum: ((k - 1) / (k + 1)) ** 2 };", "return { lr: 0.02, momentum: 0.95 };"]),

  m("stable-lr", "16-stable-lr.ts", "one-over-kappa", ["return 2 / 50;", "return 1 / 50;"]),
  m("stable-lr", "16-stable-lr.ts", "flat-direction", ["return 2 / 50;", "return 2;"]),

  m("nag-stable-lr", "17-nag-stable-lr.ts", "momentum-edge", ["return (2 * (1 + gamma)) / ((1 + 2 * gamma) * 50);", "return (2 * (1 + gamma)) / 50;"]),
  m("nag-stable-lr", "17-nag-stable-lr.ts", "gd-edge", ["return (2 * (1 + gamma)) / ((1 + 2 * gamma) * 50);", "return 2 / 50;"]),
  m("nag-stable-lr", "17-nag-stable-lr.ts", "lost-one-plus-gamma", ["return (2 * (1 + gamma)) / ((1 + 2 * gamma) * 50);", "return 2 / ((1 + 2 * gamma) * 50);"]),

  m("adam-step-factor", "18-adam-step-factor.ts", "corrected", ["return (1 - Math.pow(beta1, t)) / Math.sqrt(1 - Math.pow(beta2, t));", "return 1;"]),
  m("adam-step-factor", "18-adam-step-factor.ts", "first-step-only", ["return (1 - Math.pow(beta1, t)) / Math.sqrt(1 - Math.pow(beta2, t));", "return (1 - beta1) / Math.sqrt(1 - beta2);"]),
  m("adam-step-factor", "18-adam-step-factor.ts", "inverted", ["return (1 - Math.pow(beta1, t)) / Math.sqrt(1 - Math.pow(beta2, t));", "return Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));"]),
  m("adam-step-factor", "18-adam-step-factor.ts", "no-root", ["return (1 - Math.pow(beta1, t)) / Math.sqrt(1 - Math.pow(beta2, t));", "return (1 - Math.pow(beta1, t)) / (1 - Math.pow(beta2, t));"]),

  m("heavy-ball-optimum", "19-heavy-ball-optimum.ts", "gd-optimum", ["return { lr: 4 / (a + b) ** 2, momentum: ((b - a) / (b + a)) ** 2 };", "return { lr: 2 / (mu + L), momentum: 0 };"]),
  m("heavy-ball-optimum", "19-heavy-ball-optimum.ts", "rate-as-momentum", ["momentum: ((b - a) / (b + a)) ** 2 };", "momentum: (b - a) / (b + a) };"]),
  m("heavy-ball-optimum", "19-heavy-ball-optimum.ts", "kappa-not-root", ["return { lr: 4 / (a + b) ** 2, momentum: ((b - a) / (b + a)) ** 2 };", "return { lr: 4 / (mu + L), momentum: ((L / mu - 1) / (L / mu + 1)) ** 2 };"]),
  m(
    "heavy-ball-optimum",
    "19-heavy-ball-optimum.ts",
    "rate-only",
    ["  // Iterate the 2x2 matrix", "  const J0 = 0.5 * (1.8 ** 2 + 100 * 0.5 ** 2);\n  const rate = Math.sqrt(heavyBallOptimum(1, 100).momentum);\n  return Math.ceil(Math.log(J0 / 1e-6) / (-2 * Math.log(rate)));\n  // Iterate the 2x2 matrix"],
  ),

  m("adadelta-lock", "20-adadelta-lock.ts", "newton", ["return 2 / h;", "return 1 / h;"]),
  m("adadelta-lock", "20-adadelta-lock.ts", "squares", ["return 2 / h;", "return 4 / (h * h);"]),

  m("noise-floor", "21-noise-floor.ts", "no-batch", ["const errorVariance = (lr * sigma2) / (b * lambda * (2 - lr * lambda));", "const errorVariance = (lr * sigma2) / (lambda * (2 - lr * lambda));"]),
  m("noise-floor", "21-noise-floor.ts", "error-not-loss", ["return (lambda / 2) * errorVariance;", "return errorVariance;"]),
  m("noise-floor", "21-noise-floor.ts", "small-rate-only", ["const errorVariance = (lr * sigma2) / (b * lambda * (2 - lr * lambda));", "const errorVariance = (lr * sigma2) / (b * lambda * 2);"]),
  m("delayed-stable-lr", "22-delayed-stable-lr.ts", "no-delay", ["return 2 * Math.sin(Math.PI / (2 * (2 * tau + 1)));", "return 2;"]),
  m("delayed-stable-lr", "22-delayed-stable-lr.ts", "averaged-delay", ["return 2 * Math.sin(Math.PI / (2 * (2 * tau + 1)));", "return 2 / (tau + 1);"]),
  m("noise-floor", "21-noise-floor.ts", "no-half", ["return (lambda / 2) * errorVariance;", "return lambda * errorVariance;"]),
];
