import { DescentInputError } from "../core/errors";
import { oneLine, OutputError, type CliIo } from "./output";
import { isStackOverflow } from "./stack-guard";

/**
 * The one place an error becomes an exit code and a line on stderr, for the synchronous commands
 * (main) and for the asynchronous one (grade) alike, so neither can print a stack trace or two
 * lines: a closed pipe is a quiet 0 (the reader has all it wanted), output that cannot be written
 * is 1, a user's mistake is 2, and only a bug in Descent says "internal error" (1; the stack only
 * with DESCENT_DEBUG=1).
 */
export function reportError(error: unknown, io: CliIo): number {
  const err = (message: string): void => {
    try {
      io.err(oneLine(message));
    } catch {
      // stderr itself is gone (closed or full): nothing left to tell, the exit code still says it.
    }
  };
  if (error instanceof OutputError) {
    if (error.code === "EPIPE") return 0;
    err(`descent: error: ${error.message}`);
    return 1;
  }
  if (isStackOverflow(error)) {
    err("descent: error: the input is nested too deeply to read (it overflowed the stack); flatten the formula or data file");
    return 2;
  }
  if (error instanceof DescentInputError || error instanceof RangeError) {
    err(`descent: error: ${error.message}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`descent: internal error: ${message} (please report it; set DESCENT_DEBUG=1 for details)`);
  if (process.env.DESCENT_DEBUG === "1" && error instanceof Error) {
    for (const line of (error.stack ?? "").split("\n")) err(line);
  }
  return 1;
}
