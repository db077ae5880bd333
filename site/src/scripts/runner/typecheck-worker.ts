// The runner's type checker: a module Web Worker that stays alive for the page, so the
// TypeScript compiler (typescript.js, 9 MB, 1.6 MB gzipped; served as a static file and never
// bundled: bundling it slows the site's build by ~40 s) loads once, on the first check, and the
// standard library's declarations are parsed once. It checks with the grader's own options and
// environment (src/grader/typecheck-options.ts), so a file the exercise page accepts is a file
// `descent grade` accepts.
import type * as TS from "typescript";
import tsUrl from "typescript/lib/typescript.js?url";
import { ENV, ENV_FILE, fileDiagnostics, graderCompilerOptions, LIB_FILE } from "../../../../src/grader/typecheck-options";
import type { CheckReply, CheckRequest } from "./protocol";

// lib.es2022.d.ts and everything it references (es5 .. es2022, decorators), as text in this
// worker's chunk (470 KB; the page downloads it only when the worker starts).
const LIBS = import.meta.glob(
  [
    "../../../../node_modules/typescript/lib/lib.es5.d.ts",
    "../../../../node_modules/typescript/lib/lib.decorators*.d.ts",
    "../../../../node_modules/typescript/lib/lib.es201*.d.ts",
    "../../../../node_modules/typescript/lib/lib.es202[0-2]*.d.ts",
    "!**/*.full.d.ts",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;
const LIB_TEXT = new Map(Object.entries(LIBS).map(([path, text]) => [path.slice(path.lastIndexOf("/") + 1), text]));

let loading: Promise<typeof TS> | null = null;
let loadMs = 0;

function loadTypeScript(): Promise<typeof TS> {
  loading ??= (async () => {
    const t0 = performance.now();
    const res = await fetch(tsUrl);
    if (!res.ok) throw new Error(`could not load the TypeScript compiler (${res.status} for ${tsUrl})`);
    const text = await res.text();
    // typescript.js is a classic script that defines `var ts`; run it in a function scope and
    // keep what it defines (a module worker has no importScripts).
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const t = new Function(`${text}\n;return ts;`)() as typeof TS;
    loadMs = performance.now() - t0;
    return t;
  })();
  return loading;
}

const ROOT = "/submission/";
const LIB_DIR = "/lib/";
const libCache = new Map<string, TS.SourceFile>();

function check(t: typeof TS, files: Record<string, string>): ReturnType<typeof fileDiagnostics> {
  const opts = graderCompilerOptions(t);
  const all = new Map<string, string>([...Object.entries(files), [ENV_FILE, ENV]]);
  const host: TS.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      if (fileName.startsWith(ROOT)) {
        const text = all.get(fileName.slice(ROOT.length));
        return text === undefined ? undefined : t.createSourceFile(fileName, text, languageVersion, true);
      }
      let sf = libCache.get(fileName);
      if (!sf) {
        const text = LIB_TEXT.get(fileName.slice(LIB_DIR.length));
        if (text === undefined) return undefined;
        sf = t.createSourceFile(fileName, text, languageVersion, true);
        libCache.set(fileName, sf);
      }
      return sf;
    },
    getDefaultLibFileName: () => LIB_DIR + LIB_FILE,
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (f) => (f.startsWith(ROOT) ? all.has(f.slice(ROOT.length)) : LIB_TEXT.has(f.slice(LIB_DIR.length))),
    readFile: (f) => (f.startsWith(ROOT) ? all.get(f.slice(ROOT.length)) : LIB_TEXT.get(f.slice(LIB_DIR.length))),
    directoryExists: () => true,
    getDirectories: () => [],
  };
  const program = t.createProgram([...all.keys()].map((f) => ROOT + f), opts, host);
  return fileDiagnostics(t, program, ROOT);
}

self.onmessage = async (e: MessageEvent<CheckRequest>) => {
  const { id, files } = e.data;
  try {
    const t = await loadTypeScript();
    const t0 = performance.now();
    const diagnostics = check(t, files);
    postMessage({ type: "checked", id, diagnostics, ms: performance.now() - t0, loadMs } satisfies CheckReply);
  } catch (err) {
    postMessage({ type: "check-failed", id, message: err instanceof Error ? err.message : String(err) } satisfies CheckReply);
  }
};
