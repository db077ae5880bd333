// A lesson's live session, inside the exec worker (exec-worker.ts runs "cell" tasks here): the
// scope the cells share, and how a cell's imports are found in the browser.
//   ./src/X          the library, bundled for the browser: every src/**/*.ts but the Node-only
//                    *-node.ts files and the CLI, each a lazy chunk loaded on its first import;
//   ./src/X-node     ./src/X-browser when that file exists (display, check, MNIST, parallel
//                    runners: found by the glob, so a new *-browser.ts needs no wiring here);
//   ./exercises/NN   the reader's saved code from the exercise page, else the stub (never solutions/);
//   os               a shim: cpus() has navigator.hardwareConcurrency entries;
// anything else says plainly that the cell runs only in Jupyter, with the command.
import { setDisplaySink } from "../../../../src/notebook/display-browser";
import type { DisplayMessage, ExecReply } from "./protocol";
import { inspect } from "./inspect";
import { loadModule, transpile, transpileCell } from "./transpile";

// src/node.ts gathers the Node-only parts (*-node.ts) for Node users: not for the browser either;
// the hidden grading cases (grader/hidden, and registry.ts which adds them) are never shipped.
const SRC = import.meta.glob(["../../../../src/**/*.ts", "!**/*-node.ts", "!../../../../src/node.ts", "!../../../../src/cli/**", "!**/*.d.ts", "!../../../../src/grader/hidden/**", "!../../../../src/grader/registry.ts"]);
const EXERCISES = import.meta.glob("../../../../exercises/*.ts", { query: "?raw", import: "default" }) as Record<string, () => Promise<string>>;
const SRC_PREFIX = "../../../../src/";
const EX_PREFIX = "../../../../exercises/";

export const JUPYTER_COMMAND = "npm install && npm run notebooks";

/** An import the browser cannot give: the cell says it runs only in Jupyter. */
export class JupyterOnlyError extends Error {
  constructor(
    readonly spec: string,
    readonly why: string,
  ) {
    super(`This cell runs only in Jupyter: "${spec}" ${why}. To run it, clone the repository and run \`${JUPYTER_COMMAND}\`, then open this notebook.`);
    this.name = "JupyterOnlyError";
  }
}

function osShim(): Record<string, unknown> {
  const n = Math.max(1, navigator.hardwareConcurrency || 1);
  const cpus = () => Array.from({ length: n }, () => ({ model: "browser", speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }));
  const m = { cpus, availableParallelism: () => n, platform: () => "browser", EOL: "\n" };
  return { ...m, default: m };
}

/**
 * A value the browser cannot have (an export of a Node-only module, or what a cell that needed
 * one would have defined): any use of it throws the JupyterOnlyError, so a later cell that needs
 * it says why instead of failing on `undefined`. Other imports of the same cell still work.
 */
function unavailable(error: JupyterOnlyError): unknown {
  const fail = (): never => {
    throw new JupyterOnlyError(error.spec, error.why);
  };
  return new Proxy(function unavailableInTheBrowser() {}, {
    // `then` is looked up by `await` (not a use); everything else, iteration included, is a use.
    get: (_t, prop) => (prop === "then" ? undefined : fail()),
    apply: fail,
    construct: fail,
    has: fail,
    set: fail,
  });
}

function unavailableModule(error: JupyterOnlyError): unknown {
  return new Proxy({}, { get: (_t, prop) => (prop === "then" || typeof prop === "symbol" ? undefined : unavailable(error)) });
}

const scope: Record<string, unknown> = {};
/** Node-only imports met by the running cell (reported with its outputs). */
let unavailableImports: JupyterOnlyError[] = [];
let exercisesCode: Record<string, string> = {};

function stripExt(p: string): string {
  return p.replace(/\.(ts|js|mjs|cjs)$/, "");
}

async function importModule(spec: string): Promise<unknown> {
  try {
    return await resolveImport(spec);
  } catch (err) {
    if (!(err instanceof JupyterOnlyError)) throw err;
    unavailableImports.push(err);
    return unavailableModule(err);
  }
}

async function resolveImport(spec: string): Promise<unknown> {
  if (spec === "os" || spec === "node:os") return osShim();
  const src = /^\.\/src\/(.+)$/.exec(spec);
  if (src) {
    const path = stripExt(src[1]!);
    const browser = path.replace(/-node$/, "-browser");
    const loader = SRC[`${SRC_PREFIX}${browser}.ts`] ?? SRC[`${SRC_PREFIX}${path}.ts`] ?? SRC[`${SRC_PREFIX}${path}/index.ts`];
    if (!loader) {
      throw new JupyterOnlyError(spec, /-node$/.test(path) ? "needs Node.js (it has no browser version yet)" : "is not part of the library the site bundles");
    }
    return loader();
  }
  const ex = /^\.\/exercises\/([\w-]+)$/.exec(stripExt(spec));
  if (ex) {
    const file = `${ex[1]}.ts`;
    const stub = EXERCISES[`${EX_PREFIX}${file}`];
    if (!stub) throw new Error(`there is no exercise file exercises/${file}`);
    const code = exercisesCode[file] ?? (await stub());
    const t = transpile(code, `exercises/${file}`);
    if (!t.ok) throw new Error(`exercises/${file} does not compile: ${t.message}`);
    return loadModule(t.js, `exercises/${file}`);
  }
  throw new JupyterOnlyError(spec, "is a Node.js module the browser does not have");
}

/** The line in the reader's cell of an error thrown by the cell's code (3 header lines: see run). */
function cellLine(err: unknown): number | undefined {
  const stack = err instanceof Error ? (err.stack ?? "") : "";
  const m = /<anonymous>:(\d+):\d+/.exec(stack);
  return m ? Number(m[1]) - 3 : undefined;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `Uncaught ${inspect(err, 1)}`;
}

/** Runs one cell in the session; displays go to `post` as they happen. */
export async function runCell(id: number, code: string, exercises: Record<string, string>, post: (m: DisplayMessage) => void): Promise<ExecReply> {
  exercisesCode = exercises;
  const t0 = performance.now();
  setDisplaySink((bundle, displayId, update) => post({ type: "display", id, bundle, displayId, update }));
  const compiled = transpileCell(code);
  if (!compiled.ok) return { type: "cell-error", id, message: compiled.message, line: compiled.line };
  // Function declarations of this cell declare themselves; everything else the session knows, or
  // this cell declares, is a variable of the cell's function, saved back when the cell ends
  // (also when it throws, as the kernel keeps what a failing cell defined before the error).
  const all = [...new Set([...Object.keys(scope), ...compiled.names])].filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !["__S", "__import", "__last"].includes(n));
  const load = all.length ? `let ${all.map((n) => `${n} = __S[${JSON.stringify(n)}]`).join(", ")};` : "";
  const save = all.map((n) => `__S[${JSON.stringify(n)}] = ${n};`).join(" ");
  // Line 1 "function anonymous(...", line 2 ") {", line 3 this header; the cell starts on line 4.
  const source = `return (async () => { ${load} try {\n${compiled.body}\n} finally { ${save} } })();`;
  const last: { value?: unknown } = {};
  unavailableImports = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the reader's cell is the point
    const fn = new Function("__S", "__import", "__last", source) as (s: unknown, i: unknown, l: unknown) => Promise<void>;
    await fn(scope, importModule, last);
  } catch (err) {
    if (err instanceof JupyterOnlyError) {
      // What this cell would have defined is unavailable too (a later cell using it says why).
      for (const n of compiled.names) if (scope[n] === undefined) scope[n] = unavailable(err);
      return { type: "cell-error", id, message: err.message, jupyterOnly: true };
    }
    if (err instanceof SyntaxError && !(err.stack ?? "").includes("<anonymous>:")) {
      return { type: "cell-error", id, message: `SyntaxError: ${err.message}` };
    }
    return { type: "cell-error", id, message: errorText(err), line: cellLine(err) };
  }
  if (compiled.hasLast && last.value != null) console.log(last.value);
  const ms = performance.now() - t0;
  if (unavailableImports.length) {
    // The cell ran, but some of what it imports exists only in Node: say so at the cell.
    const names = [...new Set(unavailableImports.map((e) => `"${e.spec}"`))].join(", ");
    return { type: "cell-error", id, jupyterOnly: true, message: `This cell ran, but ${names} ${unavailableImports.length > 1 ? "need" : "needs"} Node.js: the cells that use ${unavailableImports.length > 1 ? "them" : "it"} run only in Jupyter. To run them, clone the repository and run \`${JUPYTER_COMMAND}\`, then open this notebook.` };
  }
  return { type: "cell-done", id, ms };
}
