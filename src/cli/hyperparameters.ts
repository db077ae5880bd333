import { DescentInputError } from "../core/errors";
import type { OptimizerOptions } from "../optimizers/optimizer";
import { parseBoolean, parseNumber, parseNumberList, type ParsedArgs } from "./args";

/**
 * The optimizer flags of `descent run`: PyTorch's hyperparameter names in kebab-case, each mapped
 * to the camelCase option the optimizers take.
 */
type Kind = "number" | "boolean" | "pair";

export const HYPERPARAMETER_FLAGS: ReadonlyArray<{ flag: string; key: keyof OptimizerOptions; kind: Kind }> = [
  { flag: "lr", key: "lr", kind: "number" },
  { flag: "momentum", key: "momentum", kind: "number" },
  { flag: "dampening", key: "dampening", kind: "number" },
  { flag: "nesterov", key: "nesterov", kind: "boolean" },
  { flag: "weight-decay", key: "weightDecay", kind: "number" },
  { flag: "betas", key: "betas", kind: "pair" },
  { flag: "eps", key: "eps", kind: "number" },
  { flag: "rho", key: "rho", kind: "number" },
  { flag: "alpha", key: "alpha", kind: "number" },
  { flag: "centered", key: "centered", kind: "boolean" },
  { flag: "amsgrad", key: "amsgrad", kind: "boolean" },
  { flag: "lr-decay", key: "lrDecay", kind: "number" },
  { flag: "initial-accumulator-value", key: "initialAccumulatorValue", kind: "number" },
  { flag: "momentum-decay", key: "momentumDecay", kind: "number" },
];

export const BOOLEAN_FLAGS: ReadonlySet<string> = new Set(
  HYPERPARAMETER_FLAGS.filter((h) => h.kind === "boolean").map((h) => h.flag),
);

/** Flag name for an option key (`weightDecay` -> `--weight-decay`), for messages. */
export function flagFor(key: string): string {
  const found = HYPERPARAMETER_FLAGS.find((h) => h.key === key);
  return found ? `--${found.flag}` : key;
}

/** Collects the hyperparameters the user gave; options not given are left to the optimizer's defaults. */
export function readHyperparameters(flags: ParsedArgs["flags"]): OptimizerOptions {
  const options: Record<string, number | boolean | readonly [number, number]> = {};
  for (const { flag, key, kind } of HYPERPARAMETER_FLAGS) {
    const raw = flags.get(flag);
    if (raw === undefined) continue;
    if (kind === "boolean") {
      options[key] = parseBoolean(flag, raw);
      continue;
    }
    if (raw === true) {
      throw new DescentInputError(`--${flag} needs a value (write --${flag}=VALUE if the value starts with --)`);
    }
    if (kind === "number") {
      options[key] = parseNumber(flag, raw);
    } else {
      const pair = parseNumberList(flag, raw);
      if (pair.length !== 2) {
        throw new DescentInputError(`--${flag} expects two numbers "b1,b2", got ${JSON.stringify(raw)}`);
      }
      options[key] = [pair[0], pair[1]];
    }
  }
  return options as OptimizerOptions;
}

/**
 * Rewrites a validation message that names an option (`weightDecay must be ...`) so it names the
 * flag the user typed (`--weight-decay must be ...`).
 */
export function withFlagNames(message: string): string {
  let out = message;
  for (const { flag, key } of [...HYPERPARAMETER_FLAGS].sort((a, b) => b.key.length - a.key.length)) {
    out = out.replace(new RegExp(`(^|[^-\\w])${key}(?![\\w])`, "g"), `$1--${flag}`);
  }
  return out;
}
