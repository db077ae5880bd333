// The runner's exec worker (a module Web Worker): transpiles the reader's code (transpile.ts),
// loads it, and runs the task. A lesson's live cells keep one worker for their session and send
// "cell" tasks (cell-session.ts: tslab's semantics, displays forwarded to the page); an exercise
// gets a fresh worker per run. For an exercise the task is its VISIBLE tests, judged
// by the grader's own checker (src/grader: same drivers, judges and mistake catalogue as
// `descent grade`). console output is sent to the page as it happens. The page terminates this
// worker when it does not answer in time, which is what stops `while (true) {}`.
import { checkExports } from "../../../../src/grader/check";
// catalogue.ts, never registry.ts: the browser gets the visible tests only (registry adds the hidden ones).
import { findIn, VISIBLE_EXERCISES } from "../../../../src/grader/catalogue";
import { formatValue } from "../../../../src/grader/compare";
import type { ExecMessage, ExecRequest, LogMessage } from "./protocol";
import { loadModule, transpile } from "./transpile";
import { formatLog } from "./inspect";

const send = (m: ExecMessage) => postMessage(m);
let current = 0;
/** Cells print as tslab (Node's console) does; exercises as the grader formats values. */
let cellMode = false;

/** console.* of the reader's code, forwarded to the page (strings as they are, values formatted). */
function captureConsole(): void {
  const levels: LogMessage["level"][] = ["log", "info", "warn", "error", "debug", "table"];
  const show = (v: unknown): string => {
    if (typeof v === "string") return v;
    try {
      return formatValue(v);
    } catch {
      return String(v);
    }
  };
  for (const level of levels) {
    (console as unknown as Record<string, (...a: unknown[]) => void>)[level] = (...args: unknown[]) => {
      send({ type: "log", id: current, level, text: cellMode ? formatLog(args) : args.map(show).join(" ") });
    };
  }
}

/** The line in the reader's file of an error thrown by code loaded with new Function (2 header lines). */
function lineOf(err: unknown): number | undefined {
  const m = /<anonymous>:(\d+):\d+/.exec(err instanceof Error ? (err.stack ?? "") : "");
  return m ? Number(m[1]) - 2 : undefined;
}

self.onmessage = async (e: MessageEvent<ExecRequest>) => {
  const { id, task } = e.data;
  current = id;
  if (task.kind === "cell") {
    cellMode = true;
    const { runCell } = await import("./cell-session");
    send(await runCell(id, task.code, task.exercises, send));
    return;
  }
  const t0 = performance.now();
  const compiled = transpile(task.code, task.file);
  if (!compiled.ok) {
    send({ type: "compile-error", id, message: compiled.message, line: compiled.line, column: compiled.column });
    return;
  }
  let exports: Record<string, unknown>;
  try {
    exports = loadModule(compiled.js, task.file);
  } catch (err) {
    const message = err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err);
    send({ type: "load-error", id, message: `while loading ${task.file}: ${message}`, line: lineOf(err) });
    return;
  }
  const spec = findIn(VISIBLE_EXERCISES, task.name);
  const missing = spec.exports.filter((x) => !(x in exports));
  if (missing.length) {
    send({ type: "missing-export", id, message: `your file does not export ${missing.join(", ")}` });
    return;
  }
  const table: Record<string, unknown> = {};
  for (const x of spec.exports) table[x] = exports[x];
  const result = await checkExports(task.name, table);
  send({ type: "exercise-result", id, result, ms: performance.now() - t0 });
};

captureConsole();
// The page's time limit is for the reader's code, not for loading this worker (which takes
// seconds on a slow or busy machine): it sends the task, and starts the clock, on this message.
send({ type: "ready" });
