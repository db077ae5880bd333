import { DescentInputError, show } from "../core/errors";

/**
 * A tiny command-line parser, so the CLI has no dependency and every bad flag gets one clear line.
 * Accepts `--name value`, `--name=value` and bare boolean flags (`--nesterov`, `--nesterov=false`).
 * A value may start with "-" when it is a number (`--x0 -1.2,1`).
 */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly flags: Map<string, string | true>;
  readonly positionals: readonly string[];
}

const NUMBERISH = /^-\.?\d/;

export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "-h") {
      flags.set("help", true);
      continue;
    }
    if (!token.startsWith("--")) {
      if (command === undefined && flags.size === 0 && positionals.length === 0) command = token;
      else positionals.push(token);
      continue;
    }
    const eq = token.indexOf("=");
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    if (name.length === 0) throw new DescentInputError(`unexpected ${show(token)}`);
    if (flags.has(name)) throw new DescentInputError(`--${name} is given twice`);
    if (eq !== -1) {
      flags.set(name, token.slice(eq + 1));
      continue;
    }
    if (booleanFlags.has(name)) {
      flags.set(name, true);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith("-") && !NUMBERISH.test(next))) {
      flags.set(name, true); // reported as "needs a value" by whoever reads it
      continue;
    }
    flags.set(name, next);
    i++;
  }
  return { command, flags, positionals };
}

/** Reads a flag that must carry a value. */
export function stringFlag(flags: ParsedArgs["flags"], name: string): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new DescentInputError(`--${name} needs a value`);
  return v;
}

/** Parses a number; "NaN" and "Infinity" pass through so range checks can name them. */
export function parseNumber(name: string, text: string): number {
  const trimmed = text.trim();
  if (trimmed === "NaN") return NaN;
  const value = Number(trimmed);
  if (trimmed.length === 0 || Number.isNaN(value)) {
    throw new DescentInputError(`--${name} expects a number, got ${show(text)}`);
  }
  return value;
}

/** Parses "a,b,c" into numbers, naming the position of the first bad entry. */
export function parseNumberList(name: string, text: string): number[] {
  const parts = text.split(",");
  return parts.map((part, i) => {
    const trimmed = part.trim();
    const value = Number(trimmed);
    if (trimmed.length === 0 || !Number.isFinite(value)) {
      throw new DescentInputError(
        `--${name} expects comma-separated numbers, got ${show(text)} (entry ${i + 1} is ${show(part)})`,
      );
    }
    return value;
  });
}

/** Parses a boolean flag: bare `--flag` is true; `--flag=true|false|1|0` also accepted. */
export function parseBoolean(name: string, value: string | true): boolean {
  if (value === true) return true;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  throw new DescentInputError(`--${name} expects true or false, got ${show(value)}`);
}
