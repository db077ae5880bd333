import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import type * as TS from "typescript";
import { ENV, ENV_FILE, fileDiagnostics, formatDiagnostic, graderCompilerOptions, LIB_FILE } from "./typecheck-options";

/**
 * Type-checks a submission's files with the TypeScript compiler, with the options and wording of
 * typecheck-options.ts (shared with the exercise pages' in-browser checker). Type errors count like syntax errors: the course's
 * notebooks refuse to run a cell with a type error, so the grader does too (that exercise scores
 * zero, with the first errors and their lines; the other exercises still count).
 *
 * Speed: the standard library's declaration files are parsed once per process and reused for
 * every submission (a fresh program costs tens of milliseconds instead of about a second).
 */

let tsModule: typeof TS | undefined;
function ts(): typeof TS {
  // Loaded on first use (it takes a second): typescript 5.9, the project's compiler (7.x has no compiler API).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!tsModule) tsModule = require("typescript") as typeof TS;
  return tsModule;
}

const libCache = new Map<string, TS.SourceFile>();

/** Type errors per file name (files without errors are absent). */
export function typeErrors(submission: ReadonlyMap<string, string>): Map<string, string[]> {
  const t = ts();
  const opts = graderCompilerOptions(t);
  const files = new Map([...submission, [ENV_FILE, ENV]]);
  const libDir = dirname(t.getDefaultLibFilePath(opts));
  const root = "/submission/";
  const host: TS.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      if (fileName.startsWith(root)) {
        const text = files.get(fileName.slice(root.length));
        return text === undefined ? undefined : t.createSourceFile(fileName, text, languageVersion, true);
      }
      let sf = libCache.get(fileName);
      if (!sf) {
        let text: string;
        try {
          text = readFileSync(fileName, "utf8");
        } catch {
          return undefined;
        }
        sf = t.createSourceFile(fileName, text, languageVersion, true);
        libCache.set(fileName, sf);
      }
      return sf;
    },
    getDefaultLibFileName: () => join(libDir, LIB_FILE),
    getDefaultLibLocation: () => libDir,
    writeFile: () => undefined,
    getCurrentDirectory: () => root,
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (f) => (f.startsWith(root) ? files.has(f.slice(root.length)) : libCache.has(f) || t.sys.fileExists(f)),
    readFile: (f) => (f.startsWith(root) ? files.get(f.slice(root.length)) : t.sys.readFile(f)),
    directoryExists: () => true,
    getDirectories: () => [],
  };
  const program = t.createProgram([...files.keys()].map((f) => root + f), opts, host);
  const out = new Map<string, string[]>();
  for (const d of fileDiagnostics(t, program, root)) {
    const list = out.get(d.file) ?? [];
    list.push(formatDiagnostic(d));
    out.set(d.file, list);
  }
  return out;
}
