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

// ------------------------------------------------------------------ lockdown

const BLOCKED = new Set([
  "net", "dns", "dns/promises", "http", "https", "http2", "tls", "dgram", "child_process", "cluster",
  "worker_threads", "inspector", "inspector/promises", "repl", "v8", "vm", "module", "fs", "fs/promises",
  "os", "process", "diagnostics_channel", "trace_events", "wasi", "undici",
]);

const originalLoad = Module._load;
Module._load = function load(request: string, ...rest: unknown[]): unknown {
  const bare = request.replace(/^node:/, "");
  if (BLOCKED.has(bare)) throw new Error(`submissions may not use the "${bare}" module`);
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

const proc = process as unknown as Record<string, unknown>;
for (const name of ["exit", "reallyExit", "abort", "kill", "dlopen", "binding", "_linkedBinding", "chdir", "setuid", "setgid", "_debugProcess"]) {
  try {
    Object.defineProperty(proc, name, { value: forbid(`process.${name}`), writable: false, configurable: false });
  } catch {
    // some are not configurable on every Node version
  }
}
try {
  Object.defineProperty(proc, "send", { value: undefined, writable: false, configurable: false });
} catch {
  // keep going: the grader checks every message's nonce
}

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

type Snapshot = Map<object, Map<PropertyKey, PropertyDescriptor>>;
const TypedArrayProto = Object.getPrototypeOf(Float64Array.prototype) as object;
const WATCHED: [string, object][] = [
  ["Math", Math], ["JSON", JSON], ["Object", Object], ["Object.prototype", Object.prototype], ["Array", Array],
  ["Array.prototype", Array.prototype], ["Function.prototype", Function.prototype], ["Number", Number],
  ["Number.prototype", Number.prototype], ["String.prototype", String.prototype], ["Float64Array", Float64Array],
  ["Float64Array.prototype", Float64Array.prototype], ["TypedArray.prototype", TypedArrayProto], ["Promise", Promise],
  ["Promise.prototype", Promise.prototype], ["Reflect", Reflect], ["Map.prototype", Map.prototype], ["Set.prototype", Set.prototype],
  ["Error", Error], ["Error.prototype", Error.prototype], ["globalThis", globalThis],
];
function takeSnapshot(): Snapshot {
  const snap: Snapshot = new Map();
  for (const [, obj] of WATCHED) {
    const props = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(obj)) props.set(key, Object.getOwnPropertyDescriptor(obj, key)!);
    snap.set(obj, props);
  }
  return snap;
}
const pristine = takeSnapshot();
const frozenState = WATCHED.map(([, o]) => Object.isExtensible(o));

function sameDescriptor(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable;
}

/** Names of built-ins changed since the snapshot; each change is undone. */
function restoreBuiltins(): string[] {
  const changed: string[] = [];
  WATCHED.forEach(([label, obj], idx) => {
    const before = pristine.get(obj)!;
    if (Object.isExtensible(obj) !== frozenState[idx]) changed.push(`${label} (frozen)`);
    for (const key of Reflect.ownKeys(obj)) {
      const now = Object.getOwnPropertyDescriptor(obj, key)!;
      const was = before.get(key);
      if (was && sameDescriptor(was, now)) continue;
      // A new global variable is the student's own business; replacing a built-in is not.
      if (!was && obj === globalThis) continue;
      changed.push(`${label}.${String(key)}`);
      try {
        if (was) Object.defineProperty(obj, key, was);
        else delete (obj as Record<PropertyKey, unknown>)[key];
      } catch {
        // non-configurable now: the next cases will fail and say so again
      }
    }
    for (const [key, was] of before) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        changed.push(`${label}.${String(key)} (deleted)`);
        try {
          Object.defineProperty(obj, key, was);
        } catch {
          // cannot restore
        }
      }
    }
  });
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

const PROMISE_LIMIT_MS = Number(process.argv[2] ?? 1000);

async function run(file: string, input: DriverInput): Promise<CaseOutcome> {
  const loaded = files.get(file);
  if (!loaded) return { ok: false, kind: "crashed", message: `${file} was not loaded` };
  if ("ok" in loaded) return loaded;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<CaseOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, kind: "timeout", message: `a promise your code returned did not settle within ${PROMISE_LIMIT_MS} ms` }), PROMISE_LIMIT_MS);
  });
  let outcome: CaseOutcome;
  try {
    outcome = await Promise.race([
      runDriver(loaded.exports, input).then((value): CaseOutcome => ({ ok: true, value }), outcomeOf),
      limit,
    ]);
  } catch (error) {
    outcome = outcomeOf(error);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  const changed = restoreBuiltins();
  if (changed.length) outcome = forbiddenOutcome(changed);
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
send({ nonce: process.argv[3], id: 0, result: { ok: true, value: "ready" } });
