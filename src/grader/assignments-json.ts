/**
 * A strict JSON reader that remembers where each value starts, so that a course configuration's
 * errors can name the line ("assignments.json:12:7: ..."), which JSON.parse cannot. Values come
 * back as plain JSON; `where(path)` gives the line and column of the value at a path such as
 * `assignments[1].exercises[0]`. Browser-safe.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Located {
  readonly value: JsonValue;
  /** "line:column" of the value at `path` (or of the nearest enclosing value that exists). */
  where(path: string): string;
  /** "line:column" of the key of the member at `path` (for an unknown field); else as `where`. */
  whereKey(path: string): string;
}

export class JsonSyntaxError extends Error {
  override readonly name = "JsonSyntaxError";
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export function parseLocated(text: string): Located {
  const positions = new Map<string, [number, number]>();
  const keys = new Map<string, [number, number]>();
  let i = 0;
  const lineCol = (at: number): [number, number] => {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text[k] === "\n") {
        line++;
        col = 1;
      } else col++;
    }
    return [line, col];
  };
  const fail = (message: string, at = i): never => {
    const [line, column] = lineCol(at);
    throw new JsonSyntaxError(message, line, column);
  };
  const describe = (at: number): string => (at >= text.length ? "the end of the file" : JSON.stringify(text[at]));
  const skip = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i])) i++;
  };
  const parseString = (): string => {
    const start = i;
    i++; // the opening quote
    let out = "";
    while (i < text.length && text[i] !== '"') {
      const c = text[i];
      if (c === "\n") fail("a string runs past the end of its line (a missing closing quote?)", start);
      if (c === "\\") {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail(`bad escape \\${e ?? ""} in a string`);
      } else {
        out += c;
        i++;
      }
    }
    if (i >= text.length) fail("a string is not closed (a missing closing quote?)", start);
    i++;
    return out;
  };
  const parseValue = (path: string): JsonValue => {
    skip();
    positions.set(path, lineCol(i));
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: { [key: string]: JsonValue } = {};
      skip();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail(`expected a quoted key, got ${describe(i)}`);
        const keyAt = lineCol(i);
        const key = parseString();
        keys.set(path === "" ? key : `${path}.${key}`, keyAt);
        skip();
        if (text[i] !== ":") fail(`expected ":" after the key ${JSON.stringify(key)}, got ${describe(i)}`);
        i++;
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`the key ${JSON.stringify(key)} is given twice`);
        obj[key] = parseValue(path === "" ? key : `${path}.${key}`);
        skip();
        if (text[i] === ",") {
          const comma = i++;
          skip();
          if (text[i] === "}") fail('a comma before "}" (JSON allows no trailing comma)', comma);
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        fail(`expected "," or "}" after a value, got ${describe(i)}`);
      }
    }
    if (c === "[") {
      i++;
      const arr: JsonValue[] = [];
      skip();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(`${path}[${arr.length}]`));
        skip();
        if (text[i] === ",") {
          const comma = i++;
          skip();
          if (text[i] === "]") fail('a comma before "]" (JSON allows no trailing comma)', comma);
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail(`expected "," or "]" after a value, got ${describe(i)}`);
      }
    }
    if (c === '"') return parseString();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail(`expected a value (a string, number, object, array, true, false or null), got ${describe(i)}`);
    i += m![0].length;
    if (m![0] === "true") return true;
    if (m![0] === "false") return false;
    if (m![0] === "null") return null;
    return Number(m![0]);
  };
  const value = parseValue("");
  skip();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
  return {
    value,
    whereKey(path: string): string {
      const at = keys.get(path);
      return at ? `${at[0]}:${at[1]}` : this.where(path);
    },
    where(path: string): string {
      let p = path;
      for (;;) {
        const at = positions.get(p);
        if (at) return `${at[0]}:${at[1]}`;
        if (p === "") return "1:1";
        p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
      }
    },
  };
}
