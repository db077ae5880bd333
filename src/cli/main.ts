import { DescentInputError } from "../core/errors";
import { parseArgs } from "./args";
import { BOOLEAN_FLAGS } from "./hyperparameters";
import { compareCommand, COMPARE_HELP } from "./compare";
import { listCommand, LIST_HELP } from "./list";
import { runCommand, RUN_HELP } from "./run";

/**
 * The `descent` command. Node-only. Every user mistake ends with exit code 2 and ONE line on
 * stderr saying what is wrong; only a bug in Descent itself prints more (exit 1), and even then
 * the stack trace is shown only with DESCENT_DEBUG=1.
 */
export const HELP = `descent: optimization for deep learning, runnable

Usage:
  descent run [options]     minimise a problem with an optimizer, print the trajectory
  descent compare [options] every optimizer on one surface, side by side
  descent list              optimizers, problems and schedules with their defaults
  descent help [COMMAND]    this help, or a command's

Try:
  descent run --problem rosenbrock --optimizer adam --lr 0.05 --steps 300
  descent run --expr "x^2 + 10*y^2" --x0=1,1 --optimizer momentum --format csv
  descent list`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export function main(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseArgs(argv, BOOLEAN_FLAGS);
    const help = args.flags.has("help");
    switch (args.command) {
      case undefined:
        if (args.flags.size > 0 && !help) {
          throw new DescentInputError(`missing command before --${[...args.flags.keys()][0]} (try descent run ...)`);
        }
        io.out(HELP);
        return 0;
      case "help": {
        const topic = args.positionals[0];
        io.out(topic === "run" ? RUN_HELP : topic === "list" ? LIST_HELP : topic === "compare" ? COMPARE_HELP : HELP);
        return 0;
      }
      case "run": {
        if (help) {
          io.out(RUN_HELP);
          return 0;
        }
        const { text, warning } = runCommand(args);
        io.out(text);
        if (warning) io.err(warning);
        return 0;
      }
      case "compare":
        io.out(help ? COMPARE_HELP : compareCommand(args));
        return 0;
      case "list":
        io.out(help ? LIST_HELP : listCommand(args));
        return 0;
      default:
        throw new DescentInputError(`unknown command "${args.command}"; expected run, compare, list or help`);
    }
  } catch (error) {
    if (error instanceof DescentInputError || error instanceof RangeError) {
      io.err(`descent: error: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`descent: internal error: ${message} (please report it; set DESCENT_DEBUG=1 for details)`);
    if (process.env.DESCENT_DEBUG === "1" && error instanceof Error) io.err(error.stack ?? "");
    return 1;
  }
}
