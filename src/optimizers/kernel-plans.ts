import type { KernelName } from "../kernels/runtime";
import type { OptimizerState } from "./optimizer";
import type { HyperValue } from "./options";

/**
 * Which WebAssembly kernel (src/kernels/optimizers.wat) runs each optimizer's loop, and its
 * per-step arguments. The scalars are the ones the JS `step` computes before its loop, with the
 * same expressions (so the kernel sees the same bits); test/kernels/optimizers.test.ts checks
 * every optimizer, convention, variant and float type against the JS loop, bit for bit.
 */
export interface KernelPlan {
  readonly kernel: KernelName;
  /**
   * Writes this step's f64 scalars and i32 flags, in the kernel's order (KERNEL_SIGNATURES), after
   * `state.t` was incremented to `t`; may update `state.scalars` as the JS step does (NAdam's product).
   */
  fill(scalars: Float64Array, flags: Int32Array, eta: number, t: number, state: OptimizerState): void;
}

type Hyper = Readonly<Record<string, HyperValue>>;

const num = (h: Hyper, k: string, fallback = 0): number => (typeof h[k] === "number" ? (h[k] as number) : fallback);
const flag = (h: Hyper, k: string): boolean => h[k] === true;
const betas = (h: Hyper): readonly number[] => (h.betas as readonly number[]) ?? [0.9, 0.999];

/**
 * The plan of the optimizer `name` in `convention` with resolved hyperparameters `hyper`; `key`
 * is its state key ("sgd/seed/v+nag", ...), which tells seed SGD's three rules apart. Null when
 * no kernel exists for it (then the JavaScript loop always runs).
 */
export function kernelPlan(name: string, convention: string, hyper: Hyper, key: string): KernelPlan | null {
  const wd = num(hyper, "weightDecay");
  const seed = convention === "seed";
  switch (name) {
    case "adam":
    case "adamw":
    case "amsgrad": {
      const [beta1, beta2] = betas(hyper);
      const oneMinusBeta1 = 1 - beta1;
      const oneMinusBeta2 = 1 - beta2;
      const eps = num(hyper, "eps");
      if (name === "amsgrad" && seed) {
        return {
          kernel: "amsgrad_seed",
          fill(s, _f, eta) {
            s[0] = wd;
            s[1] = beta1;
            s[2] = oneMinusBeta1;
            s[3] = beta2;
            s[4] = oneMinusBeta2;
            s[5] = eta;
            s[6] = eps;
          },
        };
      }
      const decoupled = name === "adamw";
      const amsgrad = name === "amsgrad" || flag(hyper, "amsgrad");
      const l2 = decoupled ? 0 : wd;
      if (seed) {
        return {
          kernel: "adam_seed",
          fill(s, f, eta, t) {
            s[0] = decoupled ? 1 - eta * wd : 1;
            s[1] = l2;
            s[2] = beta1;
            s[3] = oneMinusBeta1;
            s[4] = beta2;
            s[5] = oneMinusBeta2;
            s[6] = 1 / (1 - Math.pow(beta1, t));
            s[7] = 1 / (1 - Math.pow(beta2, t));
            s[8] = eta;
            s[9] = eps;
            f[0] = amsgrad ? 1 : 0;
          },
        };
      }
      return {
        kernel: "adam_torch",
        fill(s, f, eta, t) {
          s[0] = 1 - eta * wd;
          s[1] = l2;
          s[2] = beta1;
          s[3] = oneMinusBeta1;
          s[4] = beta2;
          s[5] = oneMinusBeta2;
          s[6] = -(eta / (1 - Math.pow(beta1, t)));
          s[7] = 1 / Math.sqrt(1 - Math.pow(beta2, t));
          s[8] = eps;
          f[0] = decoupled ? 1 : 0;
          f[1] = !decoupled && l2 !== 0 ? 1 : 0;
          f[2] = amsgrad ? 1 : 0;
        },
      };
    }
    case "sgd":
    case "momentum":
    case "nesterov": {
      const mu = num(hyper, "momentum");
      if (seed) {
        if (key.endsWith("/none")) {
          return {
            kernel: "sgd_seed",
            fill(s, _f, eta) {
              s[0] = eta;
              s[1] = wd;
            },
          };
        }
        return {
          kernel: key.endsWith("+nag") ? "nesterov_seed" : "momentum_seed",
          fill(s, _f, eta) {
            s[0] = mu;
            s[1] = eta;
            s[2] = wd;
          },
        };
      }
      if (mu === 0) {
        return {
          kernel: "sgd_torch",
          fill(s, f, eta) {
            s[0] = -eta;
            s[1] = wd;
            f[0] = wd !== 0 ? 1 : 0;
          },
        };
      }
      const keep = 1 - num(hyper, "dampening");
      const nesterov = key.endsWith("+nesterov");
      return {
        kernel: "momentum_torch",
        fill(s, f, eta, t) {
          s[0] = -eta;
          s[1] = wd;
          s[2] = mu;
          s[3] = keep;
          f[0] = wd !== 0 ? 1 : 0;
          f[1] = t === 1 ? 1 : 0;
          f[2] = nesterov ? 1 : 0;
        },
      };
    }
    case "rmsprop": {
      const alpha = num(hyper, "alpha");
      const eps = num(hyper, "eps");
      const mu = num(hyper, "momentum");
      const centered = flag(hyper, "centered");
      return {
        kernel: seed ? "rmsprop_seed" : "rmsprop_torch",
        fill(s, f, eta) {
          s[0] = wd;
          s[1] = alpha;
          s[2] = 1 - alpha;
          s[3] = seed ? eta : -eta;
          s[4] = eps;
          s[5] = mu;
          let k = 0;
          if (!seed) f[k++] = wd !== 0 ? 1 : 0;
          f[k++] = centered ? 1 : 0;
          f[k] = mu > 0 ? 1 : 0;
        },
      };
    }
    case "adagrad": {
      const eps = num(hyper, "eps");
      if (seed) {
        return {
          kernel: "adagrad_seed",
          fill(s, _f, eta) {
            s[0] = wd;
            s[1] = eta;
            s[2] = eps;
          },
        };
      }
      const lrDecay = num(hyper, "lrDecay");
      return {
        kernel: "adagrad_torch",
        fill(s, f, eta, t) {
          s[0] = wd;
          s[1] = -(eta / (1 + (t - 1) * lrDecay));
          s[2] = eps;
          f[0] = wd !== 0 ? 1 : 0;
        },
      };
    }
    case "adadelta": {
      const rho = num(hyper, "rho");
      const eps = num(hyper, "eps");
      return {
        kernel: seed ? "adadelta_seed" : "adadelta_torch",
        fill(s, f, eta) {
          s[0] = wd;
          s[1] = rho;
          s[2] = 1 - rho;
          s[3] = eps;
          if (!seed) {
            s[4] = -eta;
            f[0] = wd !== 0 ? 1 : 0;
          }
        },
      };
    }
    case "adamax": {
      const [beta1, beta2] = betas(hyper);
      const eps = num(hyper, "eps");
      return {
        kernel: seed ? "adamax_seed" : "adamax_torch",
        fill(s, f, eta, t) {
          s[0] = wd;
          s[1] = beta1;
          s[2] = 1 - beta1;
          s[3] = beta2;
          if (seed) {
            s[4] = eta;
            s[5] = 1 - Math.pow(beta1, t);
          } else {
            s[4] = eps;
            s[5] = -(eta / (1 - Math.pow(beta1, t)));
            f[0] = wd !== 0 ? 1 : 0;
          }
        },
      };
    }
    case "nadam": {
      const [beta1, beta2] = betas(hyper);
      const eps = num(hyper, "eps");
      const psi = num(hyper, "momentumDecay");
      return {
        kernel: seed ? "nadam_seed" : "nadam_torch",
        fill(s, f, eta, t, state) {
          s[0] = wd;
          s[1] = beta1;
          s[2] = 1 - beta1;
          s[3] = beta2;
          s[4] = 1 - beta2;
          if (seed) {
            s[5] = 1 - Math.pow(beta1, t);
            s[6] = 1 - Math.pow(beta2, t);
            s[7] = eta;
            s[8] = eps;
            return;
          }
          // nadam.ts torchStep: the momentum schedule and its running product.
          const mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * psi));
          const muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
          const muProduct = state.scalars.muProduct * mu;
          state.scalars.muProduct = muProduct;
          s[5] = 1 - Math.pow(beta2, t);
          s[6] = eps;
          s[7] = -((eta * (1 - mu)) / (1 - muProduct));
          s[8] = -((eta * muNext) / (1 - muProduct * muNext));
          f[0] = wd !== 0 ? 1 : 0;
        },
      };
    }
    default:
      return null;
  }
}
