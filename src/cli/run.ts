import { DescentInputError, show } from "../core/errors";
import { integerAtLeast } from "../core/validate";
import { createOptimizer, optimizerInfo, OPTIMIZER_NAMES } from "../optimizers/index";
import { CONVENTIONS, type Convention, type Optimizer, type OptimizerName } from "../optimizers/optimizer";
import type { Objective } from "../problems/objective";
import { parse } from "mathjs";
import { surfaceFromExpression, type ExpressionSurface } from "../problems/expression";
import { getSurface, SURFACE_NAMES } from "../problems/surfaces/index";
import { MAX_FORMULA_LENGTH, MAX_FORMULA_NESTING, MAX_FORMULA_NODES, treeSize } from "../problems/formula-bounds";
import { leastSquares, parseLeastSquaresJson } from "../problems/least-squares";
import { FORMULA_TIME_BUDGET_S, secondsPerEvaluation, stepsThatFit } from "../problems/formula-cost";
import { checkStartPoint } from "../problems/start-point";
import { createSchedule } from "../schedules/index";
import type { Schedule } from "../schedules/schedule";
import { minimize } from "../train/minimize";
import { parseNumber, parseNumberList, stringFlag, type ParsedArgs } from "./args";
import {
  FORMULA_STEP_OVERHEAD,
  formatBytes,
  MAX_DATA_BYTES,
  MAX_FORMULA_WORK,
  MAX_LEAST_SQUARES_WORK,
  MAX_RECORDED_VALUES,
  MAX_STEPS,
  recordStride,
} from "./bounds";
import { readDataFile } from "./data-file";
import { flagFor, HYPERPARAMETER_FLAGS, readHyperparameters, withFlagNames } from "./hyperparameters";
import type { CliIo } from "./output";
import { recordEvery } from "./recorder";
import { writeCsv, writeJson, type RunHeader } from "./run-format";
import { parseScheduleFlag } from "./schedule-flag";
import { brief, guardNesting } from "./stack-guard";
import { closest } from "./suggest";

/** With no --optimizer: Adam at lr 0.1, which takes Rosenbrock's valley to (1, 1) in the default 1000 steps. */
const DEFAULT_OPTIMIZER: OptimizerName = "adam";
const DEFAULT_OPTIMIZER_LR = 0.1;
const DEFAULT_STEPS = 1000;

export const RUN_HELP = `descent run: minimise one problem with one optimizer and print the trajectory

Problem (one of):
  --problem NAME          a test surface: ${SURFACE_NAMES.join(", ")} (default rosenbrock)
  --expr "FORMULA"        any f(x, y) in mathjs syntax, e.g. --expr "x^2 + 10*y^2"
  --problem least-squares --data FILE.json
                          J(w) = 1/2 mean((Xw - y)^2) on {"X": [[...], ...], "y": [...]}
Start and length:
  --x0 a,b                start point (default: the surface's start; zeros for least squares)
  --steps N               number of updates (default ${DEFAULT_STEPS})
Optimizer:
  --optimizer NAME        ${OPTIMIZER_NAMES.join(", ")}
                          (default ${DEFAULT_OPTIMIZER} with --lr ${DEFAULT_OPTIMIZER_LR}; a named optimizer starts
                          from its own defaults, see \`descent list\`)
  --convention seed|pytorch
                          seed: the course's equations (default); pytorch: torch.optim exactly
  --lr --momentum --dampening --nesterov --weight-decay --betas b1,b2 --eps --rho --alpha
  --centered --amsgrad --lr-decay --initial-accumulator-value --momentum-decay
                          hyperparameters under PyTorch's names (see \`descent list\`); switches
                          such as --nesterov are given bare or as --nesterov true|false
  --schedule NAME[:key=value,...]
                          a learning-rate schedule, e.g. --schedule cosine:tMax=100,lrMin=0.001;
                          its lr is --lr's (give the rate once, in either place)
Output:
  --format json|csv       json (default): {"step": [...], "trajectory": [[...], ...], "loss": [...]}
                          with what ran (problem, hyperparameters, schedule); loss[k] = f(trajectory[k])
Values may start with "-" (--x0 -1,2, --expr "-x^2 + y^2"); numbers are decimal (1e-3, not 0x10).

Bounds (each keeps a run within seconds and a few hundred MB):
  --steps at most ${MAX_STEPS}
  recorded values (points x dimension) at most ${MAX_RECORDED_VALUES}: beyond that every k-th point
    is printed (always the first and the last), "recordEvery" says k, and stderr says so
  formulas at most ${MAX_FORMULA_NODES} nodes (numbers, variables, operators, functions),
    ${MAX_FORMULA_LENGTH} characters and ${MAX_FORMULA_NESTING} levels of brackets
  formula runs at most ${MAX_FORMULA_WORK.toExponential(0)} steps x (nodes of f and its gradient + ${FORMULA_STEP_OVERHEAD})
  --data files at most ${formatBytes(MAX_DATA_BYTES)}; least squares at most ${MAX_LEAST_SQUARES_WORK.toExponential(0)} steps x rows x features

Example: descent run --problem rosenbrock --optimizer adam --lr 0.05 --steps 500 --format csv`;

const RUN_FLAGS = new Set([
  "problem", "expr", "data", "x0", "steps", "optimizer", "convention", "format", "schedule", "help",
  ...HYPERPARAMETER_FLAGS.map((h) => h.flag),
]);

/**
 * `descent run`: prints what ran and the trajectory through `io`, and returns the lines for stderr
 * (a note when points were thinned, a warning when the run diverged). Throws DescentInputError or
 * RangeError on bad input, before anything is printed.
 */
export function runCommand(args: ParsedArgs, io: CliIo): string[] {
  for (const name of args.flags.keys()) {
    if (!RUN_FLAGS.has(name)) {
      const hint = closest(name, [...RUN_FLAGS]);
      throw new DescentInputError(
        `unknown option --${name} for "descent run"${hint ? ` (did you mean --${hint}?)` : ""} (see descent run --help)`,
      );
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
  const stepsText = stringFlag(flags, "steps");
  const steps = integerAtLeast("--steps", parseNumber("steps", stepsText ?? String(DEFAULT_STEPS)), 0);
  if (steps > MAX_STEPS) {
    throw new RangeError(`--steps must be at most ${MAX_STEPS}, got ${stepsText}`);
  }

  // The optimizer first: its flags are cheap to check, the problem may mean reading a file.
  const { optimizer, name, schedule } = readOptimizer(flags, convention);

  const x0Text = stringFlag(flags, "x0");
  const x0Given = x0Text === undefined ? undefined : parseNumberList("x0", x0Text);
  const { objective, start, label } = readProblem(flags, x0Given);
  const x0 = x0Given ?? start;
  if (x0.length !== objective.dim) {
    throw new DescentInputError(
      `--x0 must have ${objective.dim} number${objective.dim === 1 ? "" : "s"} for ${label}, got ${x0.length} (${show(x0Text)})`,
    );
  }
  // At the point the run starts from (--x0 or the default), not at some other point.
  checkStartPoint(objective, x0);
  checkLeastSquaresWork(objective, steps);
  checkFormulaWork(objective, steps);
  checkFormulaTime(objective, steps, x0);

  const every = recordStride(steps, objective.dim);
  if (every === undefined) {
    throw new RangeError(
      `${label} has ${objective.dim} parameters: even its first and last points exceed the ${MAX_RECORDED_VALUES} values a run may record`,
    );
  }
  const recorder = recordEvery(objective, steps, every);
  const result = minimize(recorder.objective, x0, optimizer, { steps, schedule, record: "none" });
  const run = recorder.finish(result);

  const header: RunHeader = {
    problem: label,
    optimizer: name,
    convention,
    hyperparameters: optimizer.hyper,
    schedule: schedule ? { name: schedule.name, options: schedule.hyper } : null,
    steps,
    recordEvery: every,
  };
  if (format === "json") writeJson(io, header, run, result.stopped);
  else writeCsv(io, run);

  const notes: string[] = [];
  if (every > 1) {
    notes.push(
      `descent: note: ${steps + 1} points x ${objective.dim} parameters exceed the ${MAX_RECORDED_VALUES} values a run records; printed one point in every ${every} (and the last point), ${run.rows} rows`,
    );
  }
  if (result.stopped) notes.push(`descent: warning: ${result.stopped.reason}`);
  return notes;
}

function readProblem(
  flags: ParsedArgs["flags"],
  x0: readonly number[] | undefined,
): { objective: Objective; start: number[]; label: string } {
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
    const text = readDataFile(dataPath);
    const { X, y } = guardNesting(`data file ${show(dataPath)}`, () => parseLeastSquaresJson(text, dataPath));
    const objective = leastSquares(X, y);
    return { objective, start: new Array<number>(objective.dim).fill(0), label: "least-squares" };
  }
  if (dataPath !== undefined) {
    throw new DescentInputError("--data is only used with --problem least-squares");
  }
  if (expr !== undefined) {
    // The formula's own finiteness check runs at the start point the run will use.
    if (x0 !== undefined && x0.length !== 2) {
      throw new DescentInputError(`--x0 must have 2 numbers for a formula in x and y, got ${x0.length} (${show(x0.join(","))})`);
    }
    const start = x0 !== undefined ? { start: [x0[0], x0[1]] as const } : {};
    const surface = guardNesting(`formula ${brief(expr)}`, () => surfaceFromExpression(expr, start));
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

/** Least squares costs rows x features per step: bound the whole run's work, not only its steps. */
function checkLeastSquaresWork(objective: Objective, steps: number): void {
  const ls = objective as Objective & { n?: number; d?: number };
  if (objective.name !== "least-squares" || ls.n === undefined || ls.d === undefined) return;
  const work = steps * ls.n * ls.d;
  if (work > MAX_LEAST_SQUARES_WORK) {
    const most = Math.floor(MAX_LEAST_SQUARES_WORK / (ls.n * ls.d));
    throw new RangeError(
      `--steps ${steps} on ${ls.n} rows x ${ls.d} features is ${work.toExponential(1)} steps x rows x features, ` +
        `above the limit of ${MAX_LEAST_SQUARES_WORK.toExponential(0)} (a few seconds); use --steps ${most} or less, or a smaller data set`,
    );
  }
}

/** A formula costs its size (with its gradient's) per step: bound the run's work, not only its steps. */
function checkFormulaWork(objective: Objective, steps: number): void {
  const surface = objective as Partial<ExpressionSurface>;
  if (objective.name !== "expression" || surface.gradientExpressions === undefined || surface.expression === undefined) return;
  const expressions = [surface.expression, surface.gradientExpressions.x, surface.gradientExpressions.y];
  // Counted on the printed derivatives, iteratively (treeSize does not recurse), once per run.
  const nodes = expressions.reduce((sum, e) => sum + guardNesting(`formula ${brief(surface.expression ?? "")}`, () => treeSize(parse(e)).nodes), 0);
  const work = steps * (nodes + FORMULA_STEP_OVERHEAD);
  if (work > MAX_FORMULA_WORK) {
    const most = Math.floor(MAX_FORMULA_WORK / (nodes + FORMULA_STEP_OVERHEAD));
    throw new RangeError(
      `--steps ${steps} on formula ${brief(surface.expression)} is too long a run: f and its gradient have ${nodes} nodes, evaluated ` +
        `at every step, and steps x (nodes + ${FORMULA_STEP_OVERHEAD}) = ${work.toExponential(1)} is above the limit of ` +
        `${MAX_FORMULA_WORK.toExponential(0)} (a few seconds); use --steps ${most} or less, or a smaller formula`,
    );
  }
}

/** A formula run is also bounded by its measured cost per step (problems/formula-cost.ts). */
function checkFormulaTime(objective: Objective, steps: number, x0: ArrayLike<number>): void {
  if (objective.name !== "expression") return;
  const perStep = secondsPerEvaluation(objective, x0);
  if (steps * perStep <= FORMULA_TIME_BUDGET_S) return;
  const surface = objective as Partial<ExpressionSurface>;
  throw new RangeError(
    `--steps ${steps} on formula ${brief(surface.expression ?? "")} would take about ${(steps * perStep).toFixed(0)} s ` +
      `(measured ${(perStep * 1000).toPrecision(2)} ms per step at the start point); the limit is ${FORMULA_TIME_BUDGET_S} s: ` +
      `use --steps ${stepsThatFit(perStep)} or less`,
  );
}

function readOptimizer(
  flags: ParsedArgs["flags"],
  convention: Convention,
): { optimizer: Optimizer; name: OptimizerName; schedule: Schedule | undefined } {
  const optimizerText = stringFlag(flags, "optimizer");
  const optimizerName = optimizerText ?? DEFAULT_OPTIMIZER;
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(optimizerName)) {
    const hint = closest(optimizerName, OPTIMIZER_NAMES);
    throw new DescentInputError(
      `unknown optimizer ${show(optimizerName)}; expected one of ${OPTIMIZER_NAMES.join(", ")}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
    );
  }
  const name = optimizerName as OptimizerName;
  const hyper: Record<string, unknown> = { ...readHyperparameters(flags) };
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

  // One learning rate, given once: --lr, or the schedule's lr, or the default. The optimizer is
  // made with it, so the printed hyperparameters are the rate the run started at.
  const scheduleText = stringFlag(flags, "schedule");
  const scheduleFlag = scheduleText === undefined ? undefined : parseScheduleFlag(scheduleText);
  const scheduleLr = scheduleFlag?.options.get("lr");
  if (scheduleLr !== undefined && hyper.lr !== undefined && scheduleLr !== hyper.lr) {
    throw new DescentInputError(
      `the learning rate is given twice: --lr ${stringFlag(flags, "lr")} and --schedule ${scheduleFlag?.name}:lr=${scheduleLr}; give it once`,
    );
  }
  if (hyper.lr === undefined && scheduleLr !== undefined && accepts.includes("lr")) hyper.lr = scheduleLr;
  if (hyper.lr === undefined && optimizerText === undefined) hyper.lr = DEFAULT_OPTIMIZER_LR;

  let optimizer: Optimizer;
  try {
    optimizer = createOptimizer(name, { ...hyper, convention });
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(withFlagNames(error.message));
    throw error;
  }

  let schedule: Schedule | undefined;
  if (scheduleFlag !== undefined) {
    if (!Number.isFinite(optimizer.lr)) {
      throw new DescentInputError(
        "--schedule has no learning rate to set: the seed convention's Adadelta has none (use --convention pytorch)",
      );
    }
    const options: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [key, value] of scheduleFlag.options) options[key] = value;
    options.lr = optimizer.lr;
    try {
      schedule = createSchedule(scheduleFlag.name, options);
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`--schedule ${scheduleFlag.name}: ${error.message}`);
      throw error;
    }
  }
  return { optimizer, name, schedule };
}
