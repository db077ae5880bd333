import { DescentInputError, show } from "../core/errors";
import { parseArgs } from "./args";
import { BOOLEAN_FLAGS } from "./hyperparameters";
import { compareCommand, COMPARE_HELP } from "./compare";
import { GRADE_HELP, startGrade } from "./grade-help";
import { listCommand, LIST_HELP } from "./list";
import { oneLine, type CliIo } from "./output";
import { runCommand, RUN_HELP } from "./run";
import { reportError } from "./report-error";
import { closest } from "./suggest";

export type { CliIo } from "./output";
export { processIo } from "./output";

/**
 * The `descent` command. Node-only. Every user mistake ends with exit code 2 and ONE line on
 * stderr saying what is wrong; output that cannot be written (a full disk) is one line and exit 1;
 * a reader that closes the pipe early (`| head -1`) ends the command quietly with exit 0, as it is
 * the reader's choice. Only a bug in Descent itself prints "internal error" (exit 1), and even then
 * the stack trace is shown only with DESCENT_DEBUG=1.
 */
export const HELP = `descent: optimization for deep learning, runnable

Usage:
  descent run [options]     minimise a problem with an optimizer, print the trajectory
  descent compare [options] every optimizer on one surface, side by side
  descent list              optimizers, problems and schedules with their defaults
  descent grade [PATH...]   grade exercises (or --class DIR: a whole class) against the library
  descent help [COMMAND]    this help, or a command's

Try:
  descent run               Adam on Rosenbrock's valley, 1000 steps to (1, 1)
  descent run --problem rosenbrock --optimizer adam --lr 0.05 --steps 300
  descent run --expr "x^2 + 10*y^2" --x0 1,1 --optimizer momentum --format csv
  descent list`;

const TOPICS: Readonly<Record<string, string>> = { run: RUN_HELP, compare: COMPARE_HELP, list: LIST_HELP, grade: GRADE_HELP };
const COMMANDS = ["run", "compare", "list", "grade", "help"];

function helpText(positionals: readonly string[]): string {
  const [topic, extra] = positionals;
  if (topic === undefined) return HELP;
  if (!Object.hasOwn(TOPICS, topic)) {
    const hint = closest(topic, Object.keys(TOPICS));
    throw new DescentInputError(
      `unknown help topic ${show(topic)}; expected ${orList(Object.keys(TOPICS))}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
    );
  }
  if (extra !== undefined) throw new DescentInputError(`unexpected argument ${show(extra)} after "descent help ${topic}"`);
  return TOPICS[topic];
}

/** "a, b or c", so messages list the commands and topics that exist. */
function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/** Prints a block of text (help, tables) line by line. */
function print(io: CliIo, text: string): void {
  for (const line of text.split("\n")) io.out(line);
}

function noPositionals(command: string, positionals: readonly string[]): void {
  if (positionals.length > 0) {
    throw new DescentInputError(`unexpected argument ${show(positionals[0])} for "descent ${command}" (it takes only options; see descent help ${command})`);
  }
}

function dispatch(argv: readonly string[], io: CliIo): string[] {
  const args = parseArgs(argv, BOOLEAN_FLAGS);
  const help = args.flags.has("help");
  switch (args.command) {
    case undefined:
      if (args.flags.size > 0 && !help) {
        throw new DescentInputError(`missing command before --${[...args.flags.keys()][0]} (try descent run ...)`);
      }
      print(io, HELP);
      return [];
    case "help":
      print(io, helpText(args.positionals));
      return [];
    case "run":
      if (help) {
        print(io, RUN_HELP);
        return [];
      }
      return runCommand(args, io);
    case "compare":
      if (!help) noPositionals("compare", args.positionals);
      print(io, help ? COMPARE_HELP : compareCommand(args));
      return [];
    case "grade":
      if (help) {
        print(io, GRADE_HELP);
        return [];
      }
      return startGrade(args, io);
    case "list":
      if (!help) noPositionals("list", args.positionals);
      print(io, help ? LIST_HELP : listCommand(args));
      return [];
    default: {
      const hint = closest(args.command, COMMANDS);
      throw new DescentInputError(
        `unknown command ${show(args.command)}; expected ${orList(COMMANDS)}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
      );
    }
  }
}

export function main(argv: readonly string[], io: CliIo): number {
  // Every line to stderr goes through here: one line per message, whatever the message holds.
  const err = (message: string): void => io.err(oneLine(message));
  try {
    const notes = dispatch(argv, io);
    io.flush?.();
    for (const note of notes) err(note);
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}
