import { DescentInputError } from "../../src/core/errors";

/** For the packaging scripts: a user's mistake as one line (exit 2); anything else keeps its stack (exit 1). */
export function exitWithOneLine(script: string, error: unknown): never {
  if (error instanceof DescentInputError || error instanceof RangeError) {
    process.stderr.write(`${script}: error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
