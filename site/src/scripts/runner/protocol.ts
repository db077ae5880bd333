// The runner's message protocol: what the page (runner.ts) and its two workers say to each
// other. One protocol for every place that runs a reader's TypeScript: the exercise pages today,
// the lessons' live cells next (issue 14), which add a task kind and reuse the rest.
//
//   page -> typecheck worker:  CheckRequest          (the worker stays alive: TypeScript loads once)
//   typecheck worker -> page:  CheckReply
//   page -> exec worker:       ExecRequest           (a fresh worker per run; terminated at the limit)
//   exec worker -> page:       ReadyMessage, LogMessage*, ExecReply
//
// A lesson's live cells (issue 14) keep ONE exec worker for the page's session: each "cell" task
// runs in the scope the earlier cells left (tslab semantics), its displays arrive as
// DisplayMessages, and a timeout or Stop terminates the worker (and so the session).
import type { FileDiagnostic } from "../../../../src/grader/typecheck-options";
import type { ExerciseResult } from "../../../../src/grader/types";

export type { FileDiagnostic };

/** Which checks to apply: "grader" is `descent grade`'s (typecheck-options.ts). */
export type CheckProfile = "grader";

export interface CheckRequest {
  type: "check";
  id: number;
  profile: CheckProfile;
  /** File name -> source text. */
  files: Record<string, string>;
}

export type CheckReply =
  | { type: "checked"; id: number; diagnostics: FileDiagnostic[]; ms: number; loadMs: number }
  | { type: "check-failed"; id: number; message: string };

/**
 * A task for the exec worker: an exercise's visible tests, or one live cell of a lesson's session.
 * `exercises` maps an exercise file ("07-adam.ts") to the reader's saved code, which a cell's
 * `import ... from "./exercises/07-adam"` gets instead of the stub.
 */
export type ExecTask =
  | { kind: "exercise"; name: string; file: string; code: string }
  | { kind: "cell"; cell: number; code: string; exercises: Record<string, string> };

export interface ExecRequest {
  type: "exec";
  id: number;
  task: ExecTask;
}

/** The exec worker has loaded (the page starts the time limit then, not before). */
export interface ReadyMessage {
  type: "ready";
}

/** One console call of the reader's code, as text. */
export interface LogMessage {
  type: "log";
  id: number;
  level: "log" | "info" | "warn" | "error" | "debug" | "table";
  text: string;
}

/** One display of a live cell (a Jupyter MIME bundle); `update` replaces the output `displayId`. */
export interface DisplayMessage {
  type: "display";
  id: number;
  bundle: Record<string, string | object>;
  displayId?: string;
  update?: boolean;
}

export type ExecReply =
  | { type: "exercise-result"; id: number; result: ExerciseResult; ms: number }
  /** A live cell ran to its end (`ms`: its own time, without the worker's start). */
  | { type: "cell-done"; id: number; ms: number }
  /**
   * A live cell threw (line in the reader's cell when known) or imports what has no browser
   * path (`jupyterOnly`: the module it needs runs only in Node, in Jupyter).
   */
  | { type: "cell-error"; id: number; message: string; line?: number; jupyterOnly?: boolean }
  /** The code could not be turned into JavaScript (line/column 1-based when known). */
  | { type: "compile-error"; id: number; message: string; line?: number; column?: number }
  /** The module threw while loading (top-level code), or an export is missing. */
  | { type: "load-error" | "missing-export"; id: number; message: string; line?: number };

export type ExecMessage = ReadyMessage | LogMessage | DisplayMessage | ExecReply;
