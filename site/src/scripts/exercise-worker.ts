// The practice runner: a module Web Worker that transpiles the student's TypeScript with
// sucrase, loads it as a module, and runs the exercise's VISIBLE tests with the grader's own
// checker (src/grader: same drivers, judges and mistake catalogue as `descent grade`). The page
// terminates this worker when it does not answer in time, which is what stops `while (true) {}`.
import { transform } from "sucrase";
import { checkExports } from "../../../src/grader/check";
// catalogue.ts, never registry.ts: the browser gets the visible tests only (registry adds the hidden ones).
import { findIn, VISIBLE_EXERCISES } from "../../../src/grader/catalogue";
import type { ExerciseResult } from "../../../src/grader/types";

export interface RunRequest {
  name: string;
  code: string;
}
export type RunReply =
  | { ok: true; result: ExerciseResult; ms: number }
  | { ok: false; kind: "compile-error" | "load-error" | "missing-export"; message: string };
/** Sent once, when this module (sucrase, the grader) has loaded: the page starts the clock then. */
export interface ReadyMessage {
  ready: true;
}

function load(code: string): Record<string, unknown> {
  const js = transform(code, { transforms: ["typescript", "imports"], filePath: "exercise.ts" }).code;
  const module = { exports: {} as Record<string, unknown> };
  const requireStub = (id: string): never => {
    throw new Error(`imports are not available in the browser practice runner (import "${id}"); the exercise needs none`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the student's module is the point
  new Function("exports", "require", "module", js)(module.exports, requireStub, module);
  return module.exports;
}

self.onmessage = async (e: MessageEvent<RunRequest>) => {
  const { name, code } = e.data;
  const t0 = performance.now();
  let exports: Record<string, unknown>;
  try {
    exports = load(code);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const reply: RunReply = err instanceof SyntaxError || /Unexpected|Expected/.test(message)
      ? { ok: false, kind: "compile-error", message }
      : { ok: false, kind: "load-error", message };
    postMessage(reply);
    return;
  }
  const spec = findIn(VISIBLE_EXERCISES, name);
  const missing = spec.exports.filter((x) => !(x in exports));
  if (missing.length) {
    postMessage({ ok: false, kind: "missing-export", message: `your file does not export ${missing.join(", ")}` } satisfies RunReply);
    return;
  }
  const table: Record<string, unknown> = {};
  for (const x of spec.exports) table[x] = exports[x];
  const result = await checkExports(name, table);
  postMessage({ ok: true, result, ms: performance.now() - t0 } satisfies RunReply);
};

// The page's time limit is for the student's code, not for loading this worker (which takes
// seconds on a slow or busy machine): it sends the code, and starts the clock, on this message.
postMessage({ ready: true } satisfies ReadyMessage);
