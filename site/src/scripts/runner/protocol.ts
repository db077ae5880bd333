// The runner's message protocol: what the page (runner.ts) and its two workers say to each
// other. One protocol for every place that runs a reader's TypeScript: the exercise pages today,
// the lessons' live cells next (issue 14), which add a task kind and reuse the rest.
//
//   page -> typecheck worker:  CheckRequest          (the worker stays alive: TypeScript loads once)
//   typecheck worker -> page:  CheckReply
//   page -> exec worker:       ExecRequest           (a fresh worker per run; terminated at the limit)
//   exec worker -> page:       ReadyMessage, LogMessage*, ExecReply
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

/** A task for the exec worker. Live cells will add `{ kind: "cell", ... }`. */
export type ExecTask = { kind: "exercise"; name: string; file: string; code: string };

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

export type ExecReply =
  | { type: "exercise-result"; id: number; result: ExerciseResult; ms: number }
  /** The code could not be turned into JavaScript (line/column 1-based when known). */
  | { type: "compile-error"; id: number; message: string; line?: number; column?: number }
  /** The module threw while loading (top-level code), or an export is missing. */
  | { type: "load-error" | "missing-export"; id: number; message: string; line?: number };

export type ExecMessage = ReadyMessage | LogMessage | ExecReply;
