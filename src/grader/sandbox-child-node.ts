/**
 * The sandbox's child process: loads a submission's compiled files and runs the grader's drivers
 * on them, one case per request. Bundled by sandbox-node.ts into one CommonJS file and started
 * with Node's permission model (it may read only that file: no other file, no child processes,
 * no worker threads), a heap limit, and no environment.
 *
 * Node 20's permission model does not cover the network, so before any student code runs this
 * file removes fetch/WebSocket and makes every networking, process and native-binding module
 * throw when required. It also captures console output (capped), forbids process.exit, and
 * snapshots the built-ins so a submission that patches Math or Array.prototype is told so and the
 * patch is undone before the next case (it cannot change another exercise's results).
 *
 * What this process never receives: expected values, the solutions, the hidden tests' answers.
 * It gets only each case's input; outputs go back to the grader, which judges them.
 */
import { describeThrown, thrownOutcome } from "./checker";
import { runDriver, toPlain } from "./drivers";
import type { CaseOutcome, DriverInput } from "./types";

// Node built-ins, reached through the real require captured before student code runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
declare const require: (id: string) => unknown;
const vm = require("node:vm") as typeof import("node:vm");
const Module = require("node:module") as { _load: (request: string, ...rest: unknown[]) => unknown };

const send = process.send!.bind(process);
const realExit = process.exit.bind(process);
// Taken before student code runs, then removed: with the nonce a submission could forge answers.
const NONCE = process.argv[3] ?? "";
const PROMISE_LIMIT_MS = Number(process.argv[2] ?? 1000);
process.argv.length = 2;

// ------------------------------------------------------------------ lockdown (the second wall)
// The first wall is the operating system's (sandbox/os-layers-node.ts): a network namespace, a
// PID namespace, another uid, rlimits. This one is an allowlist where it can be (module loading,
// process functions) and a list where it cannot (globals).

const originalLoad = Module._load;
let lockedDown = false;
Module._load = function load(request: string, ...rest: unknown[]): unknown {
  // After start-up nothing may load a module: not a builtin, not an internal client module.
  if (lockedDown) throw new SandboxForbidden(`submissions may not load modules (tried "${String(request)}")`);
  return originalLoad.call(this, request, ...rest);
};

for (const name of ["fetch", "WebSocket", "EventSource", "XMLHttpRequest", "Request", "Response", "Headers", "FormData"]) {
  try {
    delete (globalThis as Record<string, unknown>)[name];
  } catch {
    // not configurable: leave it
  }
}

function forbid(name: string): () => never {
  return () => {
    throw new SandboxForbidden(`submissions may not call ${name}`);
  };
}

class SandboxForbidden extends Error {
  override readonly name = "SandboxForbidden";
}

// Every function on `process` is forbidden except these read-only or harmless ones (Node's own
// streams call nextTick and emitWarning through the object).
const PROCESS_ALLOWED = new Set([
  "uptime", "cpuUsage", "resourceUsage", "memoryUsage", "constrainedMemory", "availableMemory", "hrtime", "getuid", "geteuid",
  "getgid", "getegid", "getgroups", "emitWarning", "nextTick", "_tickCallback", "_fatalException", "umask", "cwd", "assert",
  "getActiveResourcesInfo", "hasUncaughtExceptionCaptureCallback",
  // The IPC channel's internals (process.send itself is removed; a message without the grader's
  // nonce is ignored; a disconnect only ends this child, and the file that did it fails alone).
  "_send", "disconnect", "_disconnect",
]);
const proc = process as unknown as Record<string, unknown>;
const processNames = new Set<string>([...Object.getOwnPropertyNames(process), "getBuiltinModule", "_kill", "kill", "binding", "_linkedBinding", "dlopen"]);
for (const name of processNames) {
  if (PROCESS_ALLOWED.has(name)) continue;
  let value: unknown;
  try {
    value = proc[name];
  } catch {
    continue;
  }
  if (typeof value !== "function" && value !== undefined) continue;
  try {
    Object.defineProperty(proc, name, { value: forbid(`process.${name}`), writable: false, configurable: false });
  } catch {
    // some are not configurable on every Node version
  }
}
for (const name of ["send", "env"]) {
  try {
    Object.defineProperty(proc, name, { value: name === "env" ? {} : undefined, writable: false, configurable: false });
  } catch {
    // keep going: the grader checks every message's nonce
  }
}
// The bundle's own module object leads to require and Module._load: not for submissions.
try {
  Object.defineProperty(proc, "mainModule", {
    get: () => {
      throw new SandboxForbidden("submissions may not use process.mainModule (modules cannot be loaded)");
    },
    configurable: false,
  });
} catch {
  // keep going: Module._load refuses everything after start-up anyway
}
// Un-awaited rejections and throws from timers belong to no case: they are noted in the logs of
// the case that is running, and never end the process (which would cost other files their marks).
const noteAsync = (what: string) => (error: unknown): void => {
  try {
    capture(`[${what} outside any test: ${describeThrown(error)}]`);
  } catch {
    // nothing to do
  }
};
process.on("unhandledRejection", noteAsync("an un-awaited promise rejected"));
process.on("uncaughtException", noteAsync("an error was thrown"));

// ------------------------------------------------------------------ console capture

const LOG_LIMIT = 4000;
let logs = "";
let dropped = 0;
function capture(...args: unknown[]): void {
  if (logs.length >= LOG_LIMIT) {
    dropped++;
    return;
  }
  let line: string;
  try {
    line = args.map((a) => (typeof a === "string" ? a : JSON.stringify(toPlain(a)))).join(" ");
  } catch {
    line = "(unprintable)";
  }
  logs += `${line.slice(0, LOG_LIMIT - logs.length)}\n`;
}
function takeLogs(): string | undefined {
  const out = logs + (dropped > 0 ? `... ${dropped} more lines of output dropped\n` : "");
  logs = "";
  dropped = 0;
  return out.length > 0 ? out.trimEnd() : undefined;
}
const quietConsole: Record<string, unknown> = {};
for (const k of ["log", "info", "warn", "error", "debug", "trace", "dir", "table"]) quietConsole[k] = capture;
Object.defineProperty(globalThis, "console", { value: quietConsole, writable: false, configurable: false });
for (const stream of [process.stdout, process.stderr]) {
  try {
    Object.defineProperty(stream, "write", { value: (chunk: unknown) => (capture(String(chunk)), true), writable: false });
  } catch {
    // stdio is ignored by the parent anyway
  }
}

// ------------------------------------------------------------------ built-ins snapshot

// Everything the snapshot and its comparison use is taken here, before any student code runs,
// and called directly (not through .call, iterators or prototype methods a submission can patch):
// a patch of Object.is, Reflect.ownKeys, Map.prototype.get or Function.prototype.call cannot hide
// itself or another patch.
const { getOwnPropertyDescriptor, defineProperty, isExtensible, getPrototypeOf, setPrototypeOf, is: sameValue, hasOwn } = Object;
const ownKeys = Reflect.ownKeys;
const deleteProperty = Reflect.deleteProperty;
const toText = String;

interface Watched {
  readonly label: string;
  readonly obj: object;
  readonly keys: PropertyKey[];
  readonly descriptors: PropertyDescriptor[];
  readonly extensible: boolean;
  readonly proto: object | null;
}
const TypedArray = getPrototypeOf(Float64Array) as object;
const TypedArrayProto = getPrototypeOf(Float64Array.prototype) as object;
const WATCHED_OBJECTS: [string, object][] = [
  ["Math", Math], ["JSON", JSON], ["Object", Object], ["Object.prototype", Object.prototype], ["Array", Array],
  ["Array.prototype", Array.prototype], ["Function.prototype", Function.prototype], ["Number", Number],
  ["Number.prototype", Number.prototype], ["String", String], ["String.prototype", String.prototype], ["Boolean.prototype", Boolean.prototype],
  ["Symbol", Symbol], ["Symbol.prototype", Symbol.prototype], ["Float64Array", Float64Array], ["Float64Array.prototype", Float64Array.prototype],
  ["TypedArray", TypedArray], ["TypedArray.prototype", TypedArrayProto], ["ArrayBuffer", ArrayBuffer], ["ArrayBuffer.prototype", ArrayBuffer.prototype],
  ["DataView.prototype", DataView.prototype], ["Promise", Promise], ["Promise.prototype", Promise.prototype], ["Reflect", Reflect],
  ["Map", Map], ["Map.prototype", Map.prototype], ["Set", Set], ["Set.prototype", Set.prototype], ["WeakMap.prototype", WeakMap.prototype],
  ["RegExp.prototype", RegExp.prototype], ["Error", Error], ["Error.prototype", Error.prototype], ["globalThis", globalThis],
];
const WATCHED: Watched[] = [];
for (let i = 0; i < WATCHED_OBJECTS.length; i++) {
  const [label, obj] = WATCHED_OBJECTS[i];
  const keys = ownKeys(obj);
  const descriptors: PropertyDescriptor[] = [];
  for (let k = 0; k < keys.length; k++) descriptors[k] = getOwnPropertyDescriptor(obj, keys[k])!;
  WATCHED[i] = { label, obj, keys, descriptors, extensible: isExtensible(obj), proto: getPrototypeOf(obj) as object | null };
}

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return sameValue(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable;
}

function indexOfKey(keys: PropertyKey[], key: PropertyKey): number {
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
  return -1;
}

/** Names of built-ins changed since start-up; each change is undone. */
function restoreBuiltins(): string[] {
  const changed: string[] = [];
  const note = (text: string): void => {
    changed[changed.length] = text;
  };
  for (let w = 0; w < WATCHED.length; w++) {
    const { label, obj, keys, descriptors, extensible, proto } = WATCHED[w];
    if (isExtensible(obj) !== extensible) note(`${label} (frozen)`);
    if (getPrototypeOf(obj) !== proto) {
      note(`${label} (prototype)`);
      try {
        setPrototypeOf(obj, proto);
      } catch {
        // cannot restore
      }
    }
    const now = ownKeys(obj);
    for (let k = 0; k < now.length; k++) {
      const key = now[k];
      const desc = getOwnPropertyDescriptor(obj, key)!;
      const at = indexOfKey(keys, key);
      const was = at < 0 ? undefined : descriptors[at];
      if (was && sameDescriptor(was, desc)) continue;
      // A new global variable is the student's own business; replacing a built-in is not.
      if (!was && obj === globalThis) continue;
      note(`${label}.${toText(key)}`);
      try {
        if (was) defineProperty(obj, key, was);
        else deleteProperty(obj, key);
      } catch {
        // non-configurable now: the next cases will fail and say so again
      }
    }
    for (let k = 0; k < keys.length; k++) {
      if (hasOwn(obj, keys[k])) continue;
      note(`${label}.${toText(keys[k])} (deleted)`);
      try {
        defineProperty(obj, keys[k], descriptors[k]);
      } catch {
        // cannot restore
      }
    }
  }
  return changed;
}

// ------------------------------------------------------------------ loading and running

interface Loaded {
  readonly exports: Record<string, unknown>;
}
const files = new Map<string, Loaded | CaseOutcome>();

function studentRequire(id: string): never {
  throw new SandboxForbidden(`submissions are self-contained: import "${id}" is not available (remove the import)`);
}

function forbiddenOutcome(what: string[]): CaseOutcome {
  const list = what.slice(0, 4).join(", ") + (what.length > 4 ? ", ..." : "");
  return { ok: false, kind: "forbidden", message: `it changed the built-in ${list}; submissions may not patch built-ins (the change was undone)` };
}

function outcomeOf(error: unknown): CaseOutcome {
  if (error instanceof SandboxForbidden) return { ok: false, kind: "forbidden", message: error.message };
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { ok: false, kind: "threw", message: "RangeError: Maximum call stack size exceeded (infinite recursion?)" };
  return thrownOutcome(error);
}

function load(file: string, code: string): CaseOutcome | { ok: true; value: null } {
  const module = { exports: {} as Record<string, unknown> };
  try {
    const wrapper = vm.runInThisContext(`(function (exports, require, module) {${code}\n})`, { filename: file }) as (
      e: unknown,
      r: unknown,
      m: unknown,
    ) => void;
    wrapper.call(undefined, module.exports, studentRequire, module);
  } catch (error) {
    const changed = restoreBuiltins();
    const outcome = changed.length ? forbiddenOutcome(changed) : outcomeOf(error);
    files.set(file, outcome);
    return { ...outcome, logs: takeLogs() };
  }
  const changed = restoreBuiltins();
  if (changed.length) {
    const outcome = forbiddenOutcome(changed);
    files.set(file, outcome);
    return { ...outcome, logs: takeLogs() };
  }
  files.set(file, { exports: module.exports });
  takeLogs();
  return { ok: true, value: null };
}

async function run(file: string, input: DriverInput): Promise<CaseOutcome> {
  const loaded = files.get(file);
  if (!loaded) return { ok: false, kind: "crashed", message: `${file} was not loaded` };
  if ("ok" in loaded) return loaded;
  let timer: ReturnType<typeof setTimeout> | undefined;
  type Settled = { readonly value: unknown } | { readonly error: unknown } | { readonly late: true };
  const limit = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), PROMISE_LIMIT_MS);
  });
  let settled: Settled;
  try {
    settled = await Promise.race([
      runDriver(loaded.exports, input).then(
        (value): Settled => ({ value }),
        (error: unknown): Settled => ({ error }),
      ),
      limit,
    ]);
  } catch (error) {
    settled = { error };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  // Built-ins first: what the student patched must not judge or describe the outcome.
  const changed = restoreBuiltins();
  if (changed.length) return { ...forbiddenOutcome(changed), logs: takeLogs() };
  let outcome: CaseOutcome;
  if ("late" in settled) outcome = { ok: false, kind: "timeout", message: `a promise your code returned did not settle within ${PROMISE_LIMIT_MS} ms` };
  else if ("error" in settled) outcome = outcomeOf(settled.error);
  else outcome = { ok: true, value: settled.value };
  return { ...outcome, logs: takeLogs() };
}

interface Request {
  readonly nonce: string;
  readonly id: number;
  readonly type: "load" | "run" | "quit";
  readonly file?: string;
  readonly code?: string;
  readonly input?: DriverInput;
}

process.on("message", (raw: unknown) => {
  const msg = raw as Request;
  void (async () => {
    let result: CaseOutcome | { ok: true; value: null };
    try {
      if (msg.type === "quit") realExit(0);
      result = msg.type === "load" ? load(msg.file!, msg.code!) : await run(msg.file!, msg.input!);
    } catch (error) {
      result = { ok: false, kind: "crashed", message: describeThrown(error) };
    }
    try {
      send({ nonce: msg.nonce, id: msg.id, result });
    } catch (error) {
      // the value could not be sent (it should be plain already): report that instead
      send({ nonce: msg.nonce, id: msg.id, result: { ok: false, kind: "bad-output", message: describeThrown(error) } });
    }
  })();
});
// The grader went away (it was interrupted): end too, rather than linger.
process.on("disconnect", () => realExit(0));
// Our listeners are in place: a submission may not remove them (Node's own code may still add and
// remove listeners of other events).
const OURS = new Set<unknown>(["message", "disconnect", "unhandledRejection", "uncaughtException"]);
for (const name of ["off", "removeListener", "removeAllListeners"]) {
  const original = proc[name] as (this: unknown, ...args: unknown[]) => unknown;
  const guarded = function (this: unknown, ...args: unknown[]): unknown {
    if (args.length === 0 || OURS.has(args[0])) throw new SandboxForbidden(`submissions may not call process.${name}(${args.length ? toText(args[0]) : ""})`);
    return Reflect.apply(original, this, args);
  };
  try {
    Object.defineProperty(proc, name, { value: guarded, writable: false, configurable: false });
  } catch {
    // keep going
  }
}
lockedDown = true;
send({ nonce: NONCE, id: 0, result: { ok: true, value: "ready" } });
