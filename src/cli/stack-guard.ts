import { DescentInputError, show } from "../core/errors";

/**
 * A recursive parser (mathjs for formulas, JSON.parse for data files) that meets input nested
 * deeper than the stack throws V8's bare "Maximum call stack size exceeded". The parsers limit
 * nesting themselves; this is the CLI's last line of defence, so such an input is still named.
 */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /maximum call stack size exceeded/i.test(error.message);
}

/** Runs `read`, turning a stack overflow into a DescentInputError that names the input. */
export function guardNesting<T>(input: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isStackOverflow(error)) {
      throw new DescentInputError(`${input} is nested too deeply to read (it overflowed the stack); flatten it`);
    }
    throw error;
  }
}

/** A long input shortened for a message: the first 60 characters, quoted. */
export function brief(text: string): string {
  return show(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
