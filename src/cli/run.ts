import { readFileSync } from "node:fs";
import { DescentInputError, show } from "../core/errors";
import { integerAtLeast } from "../core/validate";
import { createOptimizer, optimizerInfo, OPTIMIZER_NAMES } from "../optimizers/index";
import { CONVENTIONS, type Convention, type Optimizer, type OptimizerName } from "../optimizers/optimizer";
import type { Objective } from "../problems/objective";
import { surfaceFromExpression } from "../problems/expression";
import { getSurface, SURFACE_NAMES } from "../problems/surfaces/index";
import { closest } from "./suggest";
import { leastSquares, parseLeastSquaresJson } from "../problems/least-squares";
import { createSchedule } from "../schedules/index";
import type { Schedule } from "../schedules/schedule";
import { minimize, type MinimizeResult } from "../train/minimize";
import { parseNumber, parseNumberList, stringFlag, type ParsedArgs } from "./args";
import { flagFor, HYPERPARAMETER_FLAGS, readHyperparameters, withFlagNames } from "./hyperparameters";

export const RUN_HELP = `descent run: minimise one problem with one optimizer and print the trajectory

Problem (one of):
  --problem NAME          a test surface: rosenbrock, beale, saddle, long-valley, himmelblau, rastrigin
  --expr "FORMULA"        any f(x, y) in mathjs syntax, e.g. --expr "x^2 + 10*y^2"
  --problem least-squares --data FILE.json
                          J(w) = 1/2 mean((Xw - y)^2) on {"X": [[...], ...], "y": [...]}
Start and length:
  --x0=a,b                start point (default: the surface's start; zeros for least squares)
  --steps N               number of updates (default 100)
Optimizer:
  --optimizer NAME        ${OPTIMIZER_NAMES.join(", ")} (default sgd)
  --convention seed|pytorch
                          seed: the course's equations (default); pytorch: torch.optim exactly
  --lr --momentum --dampening --nesterov --weight-decay --betas b1,b2 --eps --rho --alpha
  --centered --amsgrad --lr-decay --initial-accumulator-value --momentum-decay
                          hyperparameters under PyTorch's names (see \`descent list\`)
  --schedule NAME[:key=value,...]
                          a learning-rate schedule, e.g. --schedule cosine:tMax=100,lrMin=0.001
Output:
  --format json|csv       json (default): {"trajectory": [[...], ...], "loss": [...]}
                          trajectory[0] = x0, steps + 1 rows, loss[k] = f(trajectory[k])

Example: descent run --problem rosenbrock --optimizer adam --lr 0.05 --steps 500 --format csv`;

const RUN_FLAGS = new Set([
  "problem", "expr", "data", "x0", "steps", "optimizer", "convention", "format", "schedule", "help",
  ...HYPERPARAMETER_FLAGS.map((h) => h.flag),
]);

/** Longest run `descent run` prints (about 60 MB of JSON for a 2-D problem). */
export const MAX_STEPS = 1_000_000;

export interface RunOutput {
  readonly text: string;
  /** A line for stderr when the run stopped early (divergence), else null. */
  readonly warning: string | null;
}

/** `descent run`: returns what to print; throws DescentInputError/RangeError on bad input. */
export function runCommand(args: ParsedArgs): RunOutput {
  for (const name of args.flags.keys()) {
    if (!RUN_FLAGS.has(name)) {
      throw new DescentInputError(`unknown option --${name} for "descent run" (see descent run --help)`);
    }
  }
  if (args.positionals.length > 0) {
    throw new DescentInputError(`unexpected argument ${show(args.positionals[0])} for "descent run"`);
  }
  const flags = args.flags;

  const format = stringFlag(flags, "format") ?? "json";
  if (format !== "json" && format !== "csv") {
    throw new DescentInputError(`--format must be json or csv, got ${show(format)}`);
  }
  const convention = (stringFlag(flags, "convention") ?? "seed") as Convention;
  if (!CONVENTIONS.includes(convention)) {
    throw new DescentInputError(`--convention must be seed or pytorch, got ${show(convention)}`);
  }
  const stepsText = stringFlag(flags, "steps") ?? "100";
  const steps = integerAtLeast("--steps", parseNumber("steps", stepsText), 0);
  if (steps > MAX_STEPS) {
    // Every point is kept and printed: a billion rows would exhaust memory before printing any.
    throw new RangeError(`--steps must be at most ${MAX_STEPS} (every point is printed), got ${steps}`);
  }

  const { objective, start, label } = readProblem(flags);

  const x0Text = stringFlag(flags, "x0");
  const x0 = x0Text === undefined ? start : parseNumberList("x0", x0Text);
  if (x0.length !== objective.dim) {
    throw new DescentInputError(
      `--x0 must have ${objective.dim} number${objective.dim === 1 ? "" : "s"} for ${label}, got ${x0.length} (${show(x0Text)})`,
    );
  }

  const optimizerName = stringFlag(flags, "optimizer") ?? "sgd";
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(optimizerName)) {
    const hint = closest(optimizerName, OPTIMIZER_NAMES);
    throw new DescentInputError(
      `unknown optimizer ${show(optimizerName)}; expected one of ${OPTIMIZER_NAMES.join(", ")}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
    );
  }
  const name = optimizerName as OptimizerName;
  const hyper = readHyperparameters(flags);
  const info = optimizerInfo(name, convention);
  const accepts = info.accepts as readonly string[];
  for (const key of Object.keys(hyper)) {
    if (!accepts.includes(key)) {
      const takes = accepts.filter((k) => k !== "convention").map(flagFor).join(", ");
      const why = info.refuses[key as keyof typeof info.refuses];
      throw new DescentInputError(
        `${flagFor(key)} is not a hyperparameter of ${name} in the ${convention} convention${why ? `: ${why}` : ""}; it takes ${takes || "none"}`,
      );
    }
  }
  let optimizer: Optimizer;
  try {
    optimizer = createOptimizer(name, { ...hyper, convention });
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(withFlagNames(error.message));
    throw error;
  }

  const schedule = readSchedule(stringFlag(flags, "schedule"), optimizer.lr);
  const result = minimize(objective, x0, optimizer, { steps, schedule, record: "all" });
  const warning = result.stopped ? `descent: warning: ${result.stopped.reason}` : null;
  const text = format === "json" ? toJson(result, label, name, convention, optimizer.hyper) : toCsv(result);
  return { text, warning };
}

function readProblem(flags: ParsedArgs["flags"]): { objective: Objective; start: number[]; label: string } {
  const problem = stringFlag(flags, "problem");
  const expr = stringFlag(flags, "expr");
  const dataPath = stringFlag(flags, "data");
  if (problem !== undefined && expr !== undefined) {
    throw new DescentInputError("give either --problem or --expr, not both");
  }
  if (problem === "least-squares") {
    if (dataPath === undefined) {
      throw new DescentInputError("--problem least-squares needs --data FILE.json");
    }
    const { X, y } = parseLeastSquaresJson(readDataFile(dataPath), dataPath);
    const objective = leastSquares(X, y);
    return { objective, start: new Array<number>(objective.dim).fill(0), label: "least-squares" };
  }
  if (dataPath !== undefined) {
    throw new DescentInputError("--data is only used with --problem least-squares");
  }
  if (expr !== undefined) {
    const surface = surfaceFromExpression(expr);
    return { objective: surface, start: [...surface.start], label: `f(x, y) = ${expr}` };
  }
  const name = problem ?? "rosenbrock";
  if (!(SURFACE_NAMES as readonly string[]).includes(name)) {
    const names = [...SURFACE_NAMES, "least-squares"];
    const hint = closest(name, names);
    throw new DescentInputError(
      `unknown problem ${show(name)}; expected one of ${names.join(", ")}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
    );
  }
  const surface = getSurface(name);
  return { objective: surface, start: [...surface.start], label: surface.name };
}

function readDataFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code ?? "unreadable";
    throw new DescentInputError(`cannot read data file ${show(path)}: ${why}`);
  }
}

/** `--schedule NAME[:key=value,...]`; the schedule's lr defaults to the optimizer's. */
function readSchedule(text: string | undefined, lr: number): Schedule | undefined {
  if (text === undefined) return undefined;
  const colon = text.indexOf(":");
  const name = colon === -1 ? text : text.slice(0, colon);
  const options: Record<string, number> = {};
  if (colon !== -1 && text.length > colon + 1) {
    for (const pair of text.slice(colon + 1).split(",")) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new DescentInputError(`--schedule expects NAME:key=value,..., got ${show(text)}`);
      options[pair.slice(0, eq).trim()] = parseNumber(`schedule ${pair.slice(0, eq).trim()}`, pair.slice(eq + 1));
    }
  }
  if (!Number.isFinite(lr)) {
    throw new DescentInputError(
      "--schedule has no learning rate to set: the seed convention's Adadelta has none (use --convention pytorch)",
    );
  }
  if (options.lr === undefined) options.lr = lr;
  return createSchedule(name, options);
}

/** JSON cannot hold NaN or Infinity: they become null (the run's `stopped` says why). */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function toJson(
  result: MinimizeResult,
  problem: string,
  optimizer: OptimizerName,
  convention: Convention,
  hyper: Readonly<Record<string, unknown>>,
): string {
  const out = {
    problem,
    optimizer,
    convention,
    hyperparameters: hyper,
    trajectory: result.trajectory.map((row) => Array.from(row, finiteOrNull)),
    loss: result.loss.map(finiteOrNull),
    ...(result.stopped ? { stopped: result.stopped } : {}),
  };
  return JSON.stringify(out);
}

function toCsv(result: MinimizeResult): string {
  const dim = result.trajectory[0]?.length ?? 0;
  const names = dim === 2 ? ["x", "y"] : Array.from({ length: dim }, (_, i) => `theta${i}`);
  const lines = [["step", ...names, "loss"].join(",")];
  result.trajectory.forEach((row, k) => {
    lines.push([String(k), ...Array.from(row, String), String(result.loss[k])].join(","));
  });
  return lines.join("\n");
}
