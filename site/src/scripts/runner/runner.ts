// The page's side of the runner (protocol.ts): a type checker kept for the page's lifetime, and
// a fresh exec worker per run, terminated when it does not answer within the time limit (the
// only way to stop `while (true) {}`). The exercise pages use it; the lessons' live cells are
// meant to (issue 14): `check` and `execute` know nothing about exercises beyond the task.
import type { CheckProfile, CheckReply, CheckRequest, ExecMessage, ExecReply, ExecRequest, ExecTask, FileDiagnostic, LogMessage } from "./protocol";

export type { ExecReply, FileDiagnostic, LogMessage };

let checker: Worker | null = null;
let nextId = 1;
const pendingChecks = new Map<number, (r: CheckReply) => void>();

function checkerWorker(): Worker {
  if (checker) return checker;
  checker = new Worker(new URL("./typecheck-worker.ts", import.meta.url), { type: "module" });
  checker.onmessage = (e: MessageEvent<CheckReply>) => {
    pendingChecks.get(e.data.id)?.(e.data);
    pendingChecks.delete(e.data.id);
  };
  checker.onerror = (e) => {
    e.preventDefault();
    for (const [id, done] of pendingChecks) done({ type: "check-failed", id, message: `the type checker failed to start: ${e.message || "unknown error"}` });
    pendingChecks.clear();
    checker?.terminate();
    checker = null;
  };
  return checker;
}

/** Type-checks files as `profile` says (the first call loads the compiler: about a second or two). */
export function check(files: Record<string, string>, profile: CheckProfile = "grader"): Promise<CheckReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    pendingChecks.set(id, resolve);
    checkerWorker().postMessage({ type: "check", id, profile, files } satisfies CheckRequest);
  });
}

/** Starts loading the compiler ahead of the first check (e.g. when the reader starts editing). */
export function warmUpChecker(): void {
  void check({ "warm-up.ts": "export {};\n" });
}

export type ExecOutcome = ExecReply | { type: "timeout"; id: number; limitMs: number } | { type: "crashed"; id: number; message: string };

export interface ExecOptions {
  /** Time for the reader's code, counted from the worker's "ready" (not its loading). */
  limitMs: number;
  onLog?(m: LogMessage): void;
}

/** Runs a task in a fresh exec worker; resolves with its reply, a timeout or a crash. */
export function execute(task: ExecTask, options: ExecOptions): Promise<ExecOutcome> {
  const id = nextId++;
  const worker = new Worker(new URL("./exec-worker.ts", import.meta.url), { type: "module" });
  return new Promise((resolve) => {
    let timer = 0;
    const end = (o: ExecOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(o);
    };
    worker.onmessage = (e: MessageEvent<ExecMessage>) => {
      const m = e.data;
      if (m.type === "ready") {
        timer = window.setTimeout(() => end({ type: "timeout", id, limitMs: options.limitMs }), options.limitMs);
        worker.postMessage({ type: "exec", id, task } satisfies ExecRequest);
      } else if (m.type === "log") {
        options.onLog?.(m);
      } else {
        end(m);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      end({ type: "crashed", id, message: e.message || "the worker stopped" });
    };
  });
}
