// console.log's formatting as Node's util.inspect does it for the values lessons print (numbers,
// strings, arrays, typed arrays, plain objects, Maps, Sets), so that a live cell prints what the
// notebook printed in tslab (which is Node). Not the whole of util.inspect: enough to compare.

function quote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
}

function list(open: string, items: string[], close: string, more: number): string {
  if (more > 0) items = [...items, `... ${more} more item${more > 1 ? "s" : ""}`];
  if (!items.length) return `${open}${close}`;
  const one = `${open} ${items.join(", ")} ${close}`;
  if (one.length <= 72 && !one.includes("\n")) return one;
  // Node puts short numbers several to a line; one per line is close enough for reading.
  return `${open}\n${items.map((x) => "  " + x.replace(/\n/g, "\n  ")).join(",\n")}\n${close}`;
}

export function inspect(v: unknown, depth = 0, seen: unknown[] = []): string {
  if (typeof v === "string") return depth === 0 ? v : quote(v);
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v === undefined || v === null || typeof v === "boolean") return String(v);
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") return `[${/^class\s/.test(Function.prototype.toString.call(v)) ? "class" : "Function"}${v.name ? `: ${v.name}` : " (anonymous)"}]`;
  if (seen.includes(v)) return "[Circular *1]";
  if (depth > 2) return Array.isArray(v) ? "[Array]" : "[Object]";
  const next = [...seen, v];
  const sub = (x: unknown) => inspect(x, depth + 1, next);
  if (v instanceof Error) return v.stack ?? `${v.name}: ${v.message}`;
  if (Array.isArray(v)) return list("[", v.slice(0, 100).map(sub), "]", v.length - 100);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    return list(`${v.constructor.name}(${a.length}) [`, Array.from({ length: Math.min(a.length, 100) }, (_, i) => sub(a[i])), "]", a.length - 100);
  }
  if (v instanceof Map) return list(`Map(${v.size}) {`, [...v].slice(0, 100).map(([k, x]) => `${sub(k)} => ${sub(x)}`), "}", v.size - 100);
  if (v instanceof Set) return list(`Set(${v.size}) {`, [...v].slice(0, 100).map(sub), "}", v.size - 100);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof RegExp) return String(v);
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  const name = proto && proto.constructor && proto.constructor.name !== "Object" ? `${proto.constructor.name} ` : proto ? "" : "[Object: null prototype] ";
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${key(k)}: ${sub(x)}`);
  return entries.length ? list(`${name}{`, entries, "}", 0) : `${name}{}`;
}

/** console.log(...args) as one line of text (Node's format: strings as they are, values inspected, %s/%d/%f/%i/%o/%O/%j). */
export function formatLog(args: unknown[]): string {
  if (typeof args[0] === "string" && /%[sdifoOj%]/.test(args[0]) && args.length > 1) {
    let i = 1;
    const first = (args[0] as string).replace(/%([sdifoOj%])/g, (m, c: string) => {
      if (c === "%") return "%";
      if (i >= args.length) return m;
      const x = args[i++];
      if (c === "s") return typeof x === "string" ? x : inspect(x, 1);
      if (c === "d" || c === "i") return String(c === "i" ? Math.trunc(Number(x)) : Number(x));
      if (c === "f") return String(Number(x));
      if (c === "j") return JSON.stringify(x);
      return inspect(x, 1);
    });
    return [first, ...args.slice(i).map((x) => inspect(x))].join(" ");
  }
  return args.map((x) => inspect(x)).join(" ");
}
