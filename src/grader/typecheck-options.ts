import type * as TS from "typescript";

/**
 * What the grader's type check is, in one browser-safe place: the compiler options, the one
 * declaration a submission may use beyond ES2022 (console), the library files those options
 * load, and the wording of a diagnostic. `descent grade` (typecheck-node.ts) and the exercise
 * pages' checker (site/src/scripts/runner/typecheck-worker.ts) both read this file, so practice
 * and grading check the same things.
 */

/** What a submission may use beyond ES2022: console, for debugging (its output is captured). */
export const ENV_FILE = "__descent_env.d.ts";
export const ENV = `declare const console: {
  log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void;
  error(...data: unknown[]): void; debug(...data: unknown[]): void; table(data: unknown): void;
};`;

/** The standard library the check loads (lib.es2022.d.ts and what it references). */
export const LIB_FILE = "lib.es2022.d.ts";

/** Strict, ES2022, no DOM and no Node types: exercises are plain TypeScript. */
export function graderCompilerOptions(t: typeof TS): TS.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    target: t.ScriptTarget.ES2022,
    module: t.ModuleKind.ESNext,
    moduleResolution: t.ModuleResolutionKind.Bundler,
    lib: [LIB_FILE],
    types: [],
    skipLibCheck: true,
    isolatedModules: true,
    noImplicitAny: true,
  };
}

/** One diagnostic of a submission file, as the grader reports it ("07-adam.ts:12:5: ..."). */
export interface FileDiagnostic {
  file: string;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** Character offsets in the file (for an editor's marks). */
  start: number;
  length: number;
  message: string;
  /** True for a syntax error (the file does not parse), false for a type error. */
  syntax: boolean;
}

export function formatDiagnostic(d: FileDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/** The one-line summary of a file's type errors that grade-node.ts gives (the first three, then a count). */
export function typeErrorMessage(list: readonly string[]): string {
  const more = list.length > 3 ? ` (and ${list.length - 3} more)` : "";
  return `type error: ${list.slice(0, 3).join("; ")}${more}`;
}

/** Syntax then semantic diagnostics of the files under `root`, in the grader's order. */
export function fileDiagnostics(t: typeof TS, program: TS.Program, root: string): FileDiagnostic[] {
  const out: FileDiagnostic[] = [];
  const syntactic = program.getSyntacticDiagnostics();
  for (const [list, syntax] of [[syntactic, true], [program.getSemanticDiagnostics(), false]] as const) {
    for (const d of list) {
      if (!d.file || !d.file.fileName.startsWith(root)) continue;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      out.push({
        file: d.file.fileName.slice(root.length),
        line: line + 1,
        column: character + 1,
        start: d.start ?? 0,
        length: d.length ?? 0,
        message: t.flattenDiagnosticMessageText(d.messageText, " "),
        syntax,
      });
    }
  }
  return out;
}
