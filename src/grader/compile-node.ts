import { transformSync } from "esbuild";

/**
 * Student TypeScript to CommonJS, in the grader's process (esbuild's transform: types are
 * stripped, nothing is type-checked here; see typecheck-node.ts). A syntax error becomes a clear
 * one-line message with the line and column.
 */
export type Compiled = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

export function compileStudentFile(source: string, file: string): Compiled {
  try {
    const out = transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcefile: file,
      logLevel: "silent",
    });
    return { ok: true, code: out.code };
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { line: number; column: number; lineText: string } }[] }).errors;
    if (errors && errors.length > 0) {
      const e = errors[0];
      const where = e.location ? `${file}:${e.location.line}:${e.location.column + 1}: ` : `${file}: `;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
      return { ok: false, message: `${where}${e.text}${e.location ? ` in "${e.location.lineText.trim().slice(0, 80)}"` : ""}${more}` };
    }
    return { ok: false, message: `${file}: ${(error as Error).message}` };
  }
}
