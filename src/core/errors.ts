/**
 * Errors a user can cause. Every message names the value that was wrong and what was expected,
 * so the CLI, the notebooks and the grader can show it as one line instead of a stack trace.
 */

/** Bad input that is not a number out of range: an unknown name, a malformed formula, a bad file. */
export class DescentInputError extends Error {
  override readonly name = "DescentInputError";
}

/** Formats a value for an error message: strings quoted, numbers as JavaScript prints them. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  return String(value);
}
