// The page's side of the runner (protocol.ts): a type checker kept for the page's lifetime, and
// a fresh exec worker per run, terminated when it does not answer within the time limit (the
// only way to stop `while (true) {}`). The exercise pages use it; the lessons' live cells are
// meant to (issue 14): `check` and `execute` know nothing about exercises beyond the task.
import type { CheckProfile, CheckReply, CheckRequest, DisplayMessage, ExecMessage, ExecReply, ExecRequest, ExecTask, FileDiagnostic, LogMessage } from "./protocol";

export type { DisplayMessage, ExecReply, FileDiagnostic, LogMessage };

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

export type ExecOutcome =
  | ExecReply
  | { type: "timeout"; id: number; limitMs: number }
  | { type: "crashed"; id: number; message: string }
  | { type: "stopped"; id: number };

export interface ExecOptions {
  /** Time for the reader's code, counted from the worker's "ready" (not its loading). */
  limitMs: number;
  onLog?(m: LogMessage): void;
  onDisplay?(m: DisplayMessage): void;
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
      } else if (m.type === "display") {
        options.onDisplay?.(m);
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

/**
 * A live session (a lesson's cells): ONE exec worker kept between tasks, so that a cell sees what
 * the cells before it defined. Tasks run one at a time; each has its own time limit, counted from
 * when it is sent (the first one waits for the worker's "ready" first). A timeout, `stop()` or a
 * crash terminates the worker: the session is then `dead` and a new one must be opened.
 */
export class Session {
  private worker: Worker;
  private ready: Promise<void>;
  private pending: { id: number; options: ExecOptions; resolve(o: ExecOutcome): void; timer: number } | null = null;
  dead = false;
  /** When the worker said it was ready (ms since the page's time origin). */
  readyAt = 0;

  constructor() {
    this.worker = new Worker(new URL("./exec-worker.ts", import.meta.url), { type: "module" });
    this.ready = new Promise((ok) => {
      this.worker.onmessage = (e: MessageEvent<ExecMessage>) => {
        const m = e.data;
        if (m.type === "ready") {
          this.readyAt = performance.now();
          ok();
          return;
        }
        const p = this.pending;
        if (!p || m.id !== p.id) return;
        if (m.type === "log") p.options.onLog?.(m);
        else if (m.type === "display") p.options.onDisplay?.(m);
        else this.finish(m);
      };
    });
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.kill({ type: "crashed", id: this.pending?.id ?? 0, message: e.message || "the worker stopped" });
    };
  }

  private finish(o: ExecOutcome): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(o);
  }

  private kill(o: ExecOutcome): void {
    this.dead = true;
    this.worker.terminate();
    this.finish(o);
  }

  /** Runs a task in the session; resolves with its reply, a timeout, a stop or a crash. */
  async run(task: ExecTask, options: ExecOptions): Promise<ExecOutcome> {
    if (this.dead) return { type: "crashed", id: 0, message: "this session was stopped" };
    if (this.pending) throw new Error("the session is busy: one cell at a time");
    const id = nextId++;
    let resolve: (o: ExecOutcome) => void = () => undefined;
    const done = new Promise<ExecOutcome>((ok) => (resolve = ok));
    const pending = { id, options, resolve, timer: 0 };
    this.pending = pending;
    await this.ready;
    if (this.dead || this.pending !== pending) return done;
    pending.timer = window.setTimeout(() => this.kill({ type: "timeout", id, limitMs: options.limitMs }), options.limitMs);
    this.worker.postMessage({ type: "exec", id, task } satisfies ExecRequest);
    return done;
  }

  /** Gives the running task `ms` more (the reader extends the limit while it runs). */
  extend(ms: number): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    p.options.limitMs += ms;
    p.timer = window.setTimeout(() => this.kill({ type: "timeout", id: p.id, limitMs: p.options.limitMs }), ms);
  }

  /** Stops the running task (and ends the session: a running loop cannot be interrupted otherwise). */
  stop(): void {
    this.kill({ type: "stopped", id: this.pending?.id ?? 0 });
  }
}
