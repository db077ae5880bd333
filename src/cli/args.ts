import { DescentInputError, show } from "../core/errors";

/**
 * A tiny command-line parser, so the CLI has no dependency and every bad flag gets one clear line.
 *
 * - `--name value` and `--name=value` for flags that take a value. The next token is the value
 *   even when it starts with a single "-" (`--x0 -1,2`, `--expr "-x^2 + y^2"`, `--lr -1`, which is
 *   then refused as negative); only a token starting with "--" is taken for the next flag, so a
 *   forgotten value is reported rather than swallowing the next flag (`--expr=--x` still works).
 * - Boolean flags (switches): bare `--nesterov` is true; `--nesterov true|false` and
 *   `--nesterov=true|false` say it explicitly. Any other word after a switch is refused, since the
 *   commands take no positional arguments after their flags.
 */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly flags: Map<string, string | true>;
  readonly positionals: readonly string[];
}

const BOOLEAN_WORD = /^(true|false)$/i;

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
    const next = argv[i + 1];
    if (name === "help") {
      flags.set(name, true);
      continue;
    }
    if (booleanFlags.has(name)) {
      if (next !== undefined && BOOLEAN_WORD.test(next)) {
        flags.set(name, next);
        i++;
      } else if (next !== undefined && !next.startsWith("-")) {
        throw new DescentInputError(`--${name} is a switch: give it bare (--${name}) or as --${name} true|false, got ${show(next)} after it`);
      } else {
        flags.set(name, true);
      }
      continue;
    }
    if (next === undefined || next.startsWith("--")) {
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
  if (v === true) {
    throw new DescentInputError(`--${name} needs a value (write --${name}=VALUE if the value starts with --)`);
  }
  return v;
}

/**
 * A decimal number as people type it: optional sign, digits with an optional point, optional
 * exponent. Hex (0x10), binary, octal, "1_000" and the empty string are not numbers here, although
 * JavaScript's Number() accepts them.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Spelled-out non-finite values pass through so that range checks can name them. */
const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: NaN,
  Infinity: Infinity,
  "+Infinity": Infinity,
  "-Infinity": -Infinity,
};

/**
 * The number a decimal text denotes, or undefined when the text is not a decimal number or
 * cannot be held by a double: "1e-400" would silently become 0 and "1e400" Infinity, and a
 * message saying "got 0" about what the user typed as 1e-400 would be wrong.
 */
function decimal(text: string): { value: number } | { why: string } {
  const t = text.trim();
  // An own property only: "constructor" or "__proto__" is text, not a key of the table.
  if (Object.hasOwn(NON_FINITE, t)) return { value: NON_FINITE[t] };
  if (!DECIMAL.test(t)) return { why: "not a decimal number" };
  const value = Number(t);
  if (!Number.isFinite(value)) return { why: "too large for a double (it overflows to Infinity)" };
  if (value === 0 && /[1-9]/.test(t.replace(/[eE].*$/, ""))) {
    return { why: "too small for a double (it underflows to 0)" };
  }
  return { value };
}

/** Parses a number typed for `--name`; refuses anything that is not a decimal number. */
export function parseNumber(name: string, text: string): number {
  const d = decimal(text);
  if ("why" in d) {
    const detail = d.why === "not a decimal number" ? "" : `, which is ${d.why}`;
    throw new DescentInputError(`--${name} expects a decimal number, got ${show(text)}${detail}`);
  }
  return d.value;
}

/** Parses "a,b,c" into finite numbers, naming the position of the first bad entry. */
export function parseNumberList(name: string, text: string): number[] {
  const parts = text.split(",");
  return parts.map((part, i) => {
    const d = decimal(part);
    if ("why" in d || !Number.isFinite(d.value)) {
      const why = "why" in d && d.why !== "not a decimal number" ? `, ${d.why}` : "";
      throw new DescentInputError(
        `--${name} expects comma-separated decimal numbers, got ${show(text)} (entry ${i + 1} is ${show(part)}${why})`,
      );
    }
    return d.value;
  });
}

/** Parses a boolean flag: bare `--flag` is true; `--flag true|false` or `--flag=true|false|1|0`. */
export function parseBoolean(name: string, value: string | true): boolean {
  if (value === true) return true;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  throw new DescentInputError(`--${name} is a switch: give it bare (--${name}) or as --${name}=true or --${name}=false, got ${show(value)}`);
}
