import { DescentInputError, show } from "../core/errors";
import { integerAtLeast, positive } from "../core/validate";
import { createOptimizer, OPTIMIZER_NAMES } from "../optimizers/index";
import { CONVENTIONS, type Convention, type OptimizerName } from "../optimizers/optimizer";
import { getSurface } from "../problems/surfaces/index";
import type { Surface2D } from "../problems/objective";
import { minimize, type MinimizeResult } from "../train/minimize";
import { parseNumber, stringFlag, type ParsedArgs } from "./args";

export const COMPARE_HELP = `descent compare: every optimizer on one surface, side by side

  --problem NAME          rosenbrock (default), beale, saddle, long-valley, himmelblau, rastrigin
  --steps N               updates per optimizer (default 500)
  --convention seed|pytorch
  --lr X                  one learning rate for all (default: each optimizer's tuned rate below)
  --tolerance X           "steps to reach" counts until f - f* < X (default 1e-3)

Each optimizer starts at the surface's start point. Without --lr, each optimizer gets the rate from
1, 0.3, 0.1, ..., 0.0001 with the lowest final loss: a grid search, the crudest way to meet the
course's first challenge, choosing a learning rate.`;

const LR_GRID = [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001];

interface Outcome {
  readonly lr: number;
  readonly result: MinimizeResult;
}

/** Runs every grid lr for the full length and keeps the one with the lowest final loss. */
function tuneLr(name: OptimizerName, convention: Convention, surface: Surface2D, steps: number): Outcome | null {
  let best: Outcome | null = null;
  for (const lr of LR_GRID) {
    const result = minimize(surface, surface.start, createOptimizer(name, { convention, lr }), { steps, record: "all" });
    if (result.stopped) continue;
    const last = result.loss[result.loss.length - 1];
    if (best === null || last < best.result.loss[best.result.loss.length - 1]) best = { lr, result };
  }
  return best;
}

/** First step from which f - f* stays below the tolerance, or -1. */
function settledAt(loss: readonly number[], fStar: number, tolerance: number): number {
  let k = loss.length;
  while (k > 0 && loss[k - 1] - fStar < tolerance) k--;
  return k === loss.length ? -1 : k;
}

export function compareCommand(args: ParsedArgs): string {
  const known = new Set(["problem", "steps", "convention", "lr", "tolerance", "help"]);
  for (const name of args.flags.keys()) {
    if (!known.has(name)) throw new DescentInputError(`unknown option --${name} for "descent compare"`);
  }
  const surface = getSurface(stringFlag(args.flags, "problem") ?? "rosenbrock");
  const steps = integerAtLeast("--steps", parseNumber("steps", stringFlag(args.flags, "steps") ?? "500"), 1);
  if (steps > 100_000) {
    // 11 optimizers x 9 learning rates x steps points are kept in memory.
    throw new RangeError(`--steps must be at most 100000 for compare, got ${steps}`);
  }
  const convention = (stringFlag(args.flags, "convention") ?? "seed") as Convention;
  if (!CONVENTIONS.includes(convention)) {
    throw new DescentInputError(`--convention must be seed or pytorch, got ${show(convention)}`);
  }
  const lrText = stringFlag(args.flags, "lr");
  const fixedLr = lrText === undefined ? undefined : positive("--lr", parseNumber("lr", lrText));
  const tolerance = positive("--tolerance", parseNumber("tolerance", stringFlag(args.flags, "tolerance") ?? "1e-3"));
  const fStar = surface.minima.length ? surface.f(surface.minima[0].x, surface.minima[0].y) : -Infinity;

  const hasMin = surface.minima.length > 0;
  const lines = [
    `${surface.title}: f(x, y) = ${surface.expression}`,
    `start (${surface.start.join(", ")}), ${steps} steps, ${convention} convention${fixedLr === undefined ? ", lr tuned on a grid" : ""}`,
    "",
    `  ${"optimizer".padEnd(10)}${"lr".padStart(7)}${"final f".padStart(12)}   ${"final (x, y)".padEnd(22)}${hasMin ? `settled (f - f* < ${tolerance}) at step` : ""}`,
  ];
  for (const name of OPTIMIZER_NAMES) {
    let outcome: Outcome | null;
    if (name === "adadelta" && convention === "seed") {
      // The seed's Adadelta has no learning rate: nothing to tune.
      outcome = { lr: NaN, result: minimize(surface, surface.start, createOptimizer(name, { convention }), { steps, record: "all" }) };
    } else if (fixedLr !== undefined) {
      outcome = { lr: fixedLr, result: minimize(surface, surface.start, createOptimizer(name, { convention, lr: fixedLr }), { steps, record: "all" }) };
    } else {
      outcome = tuneLr(name, convention, surface, steps);
    }
    if (outcome === null) {
      lines.push(`  ${name.padEnd(10)}diverges for every lr in ${LR_GRID.join(", ")}`);
      continue;
    }
    const { lr, result } = outcome;
    const [x, y] = result.final;
    const at = settledAt(result.loss, fStar, tolerance);
    const status = result.stopped ? result.stopped.reason : !hasMin ? "" : at >= 0 ? String(at) : "not within the steps";
    const point = `(${fmt(x)}, ${fmt(y)})`;
    lines.push(
      `  ${name.padEnd(10)}${(Number.isNaN(lr) ? "none" : String(lr)).padStart(7)}${result.loss[result.loss.length - 1].toExponential(2).padStart(12)}   ${point.padEnd(22)}${status}`,
    );
  }
  lines.push("", "Next: descent run --problem NAME --optimizer NAME --lr X --format csv   (descent --help)");
  return lines.join("\n");
}

function fmt(v: number): string {
  return Math.abs(v) < 1e4 ? v.toFixed(4) : v.toExponential(2);
}
