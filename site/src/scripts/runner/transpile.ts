// The one transpile path of the runner: TypeScript to a CommonJS function body with sucrase
// (types are stripped; the type check is the typecheck worker's job). A syntax error keeps its
// line and column so the editor can mark it.
import { transform } from "sucrase";

export type Transpiled = { ok: true; js: string } | { ok: false; message: string; line?: number; column?: number };

export function transpile(code: string, file: string): Transpiled {
  try {
    return { ok: true, js: transform(code, { transforms: ["typescript", "imports"], filePath: file }).code };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // sucrase: "Unexpected token (12:5)" (1-based line, 0-based column)
    const m = /\((\d+):(\d+)\)\s*$/.exec(message);
    return m ? { ok: false, message: `${file}:${m[1]}:${Number(m[2]) + 1}: ${message.replace(/\s*\(\d+:\d+\)\s*$/, "")}`, line: Number(m[1]), column: Number(m[2]) + 1 } : { ok: false, message: `${file}: ${message}` };
  }
}

/** Runs a transpiled module body; returns its exports. `require` is refused with a clear message. */
export function loadModule(js: string, file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const requireStub = (id: string): never => {
    throw new Error(`imports are not available here (import "${id}" in ${file}); the exercise needs none`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the reader's module is the point
  new Function("exports", "require", "module", js)(module.exports, requireStub, module);
  return module.exports;
}
