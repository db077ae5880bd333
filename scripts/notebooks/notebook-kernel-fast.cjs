"use strict";
/**
 * A faster compile path for the Descent notebook kernel (tslab 1.0.22), installed by
 * scripts/notebooks/notebook-kernel.cjs before tslab loads. `DESCENT_KERNEL_FULL_CHECK=1` turns it off.
 *
 * Why: measured in CPU seconds (scripts/notebooks/notebook-kernel-profile.cjs), a cell importing
 * "./src/index" cost ~4.8 s, of which tslab spent ~1.0 s type-checking every imported src/ file
 * (and its declaration diagnostics), ~0.6 s emitting each one through the type checker, ~1.6 s
 * re-transpiling each emitted file from ES modules to CommonJS, and ~0.6 s building the program.
 * It did that again in every kernel, i.e. in every notebook.
 *
 * What changes, only for the library's own files (`<root>/src/**.ts`, not .d.ts):
 *  1. No semantic or declaration diagnostics for them (syntax errors are still reported). src/ is
 *     type-checked strictly by `npm run typecheck` (TypeScript 5.9, strict) and compiled under
 *     tslab's TypeScript 5.0 by test/core/tslab-compat.test.ts; tslab's own check is non-strict.
 *  2. Their JavaScript is made per file (TypeScript's transpileModule, as `isolatedModules`,
 *     which tsconfig.json enforces for src/) instead of by the type checker, then turned into
 *     CommonJS by tslab's own esModuleToCommonJSModule, exactly as tslab does. The result depends
 *     only on the file's text, so it is cached on disk (node_modules/.cache/descent-notebook-kernel,
 *     keyed by a SHA-256 of the text, the file's path, the compiler options and both versions);
 *     an edited file gets a new key.
 *  3. Only @types/node is loaded as global types (`types: ["node"]`) instead of every package
 *     under node_modules/@types (chai, pg, mdast, ...); imported packages still find their types.
 *
 * What does NOT change: a notebook cell, and any file outside src/ (exercises/ included), is
 * type-checked exactly as before, against the real types of src/ (the checker reads src/'s .ts
 * files lazily for what a cell uses), so a type error in a cell, or a wrong call into the library,
 * still fails the cell. A type error made inside src/ while a kernel runs shows up in
 * `npm run typecheck`, not in the notebook; set DESCENT_KERNEL_FULL_CHECK=1 for tslab's own path.
 *
 * How: tslab's modules read TypeScript through `require("@tslab/typescript-for-tslab")`, whose
 * exports are non-configurable getters, so they cannot be patched in place. Instead the module's
 * require-cache entry is replaced by a copy that forwards every export and overrides three of them
 * (createWatchCompilerHost, getPreEmitDiagnosticsOfFiles, transpileModule); tslab's files are not
 * modified. This must run before tslab's modules are loaded.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Bump when the cached output's recipe changes. */
const CACHE_FORMAT = "1";

/**
 * @param {{ root: string, env?: NodeJS.ProcessEnv, cacheDir?: string }} options
 * @returns {{ ts: any, fast: boolean, stats: { trustedEmits: number, fromMemory: number, fromDisk: number, compiled: number, cacheWriteErrors: number, skippedChecks: number } }}
 */
function installFastCompile({ root, env = process.env, cacheDir }) {
  const tslabDist = path.join(root, "node_modules", "tslab", "dist");
  const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDist] });
  // `any` at this boundary: tslab's TypeScript is untyped JavaScript here.
  const ts = require(tsPath);
  const stats = { trustedEmits: 0, fromMemory: 0, fromDisk: 0, compiled: 0, cacheWriteErrors: 0, skippedChecks: 0 };
  if (env.DESCENT_KERNEL_FULL_CHECK === "1") return { ts, fast: false, stats };
  const entry = require.cache[tsPath];
  if (!entry) throw new Error(`descent kernel: ${tsPath} is not in the module cache`);
  if (Object.keys(require.cache).some((f) => f.startsWith(tslabDist + path.sep))) {
    throw new Error("descent kernel: the fast compile path must be installed before tslab is loaded");
  }

  const srcDir = path.join(root, "src") + path.sep;
  const isTrusted = (fileName) => {
    const f = path.resolve(fileName);
    return f.startsWith(srcDir) && f.endsWith(".ts") && !f.endsWith(".d.ts");
  };
  const tslabVersion = JSON.parse(fs.readFileSync(path.join(tslabDist, "..", "package.json"), "utf8")).version;
  const dir = cacheDir ?? path.join(root, "node_modules", ".cache", "descent-notebook-kernel");
  const memory = new Map();
  /** The CommonJS text handed to tslab's writeFile, which tslab would otherwise transpile again. */
  let alreadyCommonJs;

  /** ES module JavaScript for one trusted file, as the compiler would emit it in isolation. */
  function toEsModule(sourceFile, options) {
    return ts.transpileModule(sourceFile.text, {
      fileName: sourceFile.fileName,
      reportDiagnostics: false,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: options.target,
        esModuleInterop: true,
        experimentalDecorators: options.experimentalDecorators,
        jsx: options.jsx,
        newLine: ts.NewLineKind.LineFeed,
        noImplicitUseStrict: true,
        isolatedModules: true,
      },
    }).outputText;
  }

  /** The final CommonJS for a trusted file: from memory, from the disk cache, or compiled now. */
  function commonJsFor(sourceFile, options) {
    const key = crypto
      .createHash("sha256")
      .update([CACHE_FORMAT, ts.version, tslabVersion, String(options.target), path.relative(root, sourceFile.fileName), ""].join("\0"))
      .update(sourceFile.text)
      .digest("hex");
    const known = memory.get(key);
    if (known !== undefined) {
      stats.fromMemory++;
      return known;
    }
    const file = path.join(dir, `${key}.js`);
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
      stats.fromDisk++;
    } catch {
      // tslab's own ES module -> CommonJS step, so the output matches what tslab would run.
      const { esModuleToCommonJSModule } = require(path.join(tslabDist, "converter.js"));
      text = esModuleToCommonJSModule(toEsModule(sourceFile, options), options.target);
      stats.compiled++;
      try {
        // Written whole, then renamed: two kernels compiling the same file never see half of it.
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, text);
        fs.renameSync(tmp, file);
      } catch {
        stats.cacheWriteErrors++; // a read-only or full disk only costs speed
      }
    }
    memory.set(key, text);
    return text;
  }

  /** Routes `emit` of a trusted file to commonJsFor; everything else goes to tslab's emit. */
  function wrapBuilder(builder, options) {
    const emit = builder.emit;
    builder.emit = function (target, writeFile, cancellationToken, emitOnlyDts, transformers) {
      if (!target || emitOnlyDts || !writeFile || !isTrusted(target.fileName)) {
        return emit.call(this, target, writeFile, cancellationToken, emitOnlyDts, transformers);
      }
      stats.trustedEmits++;
      // Where the compiler would write it: outDir + the path under rootDir, .ts -> .js.
      const out = path.join(options.outDir, path.relative(options.rootDir, target.fileName)).replace(/\.ts$/, ".js").split(path.sep).join("/");
      alreadyCommonJs = commonJsFor(target, options);
      try {
        writeFile(out, alreadyCommonJs, false, undefined, [target]);
      } finally {
        alreadyCommonJs = undefined;
      }
      return { emitSkipped: false, diagnostics: [], emittedFiles: undefined };
    };
    return builder;
  }

  const overrides = {
    createWatchCompilerHost(rootFiles, options, system, createProgram, ...rest) {
      if (!Array.isArray(rootFiles)) return ts.createWatchCompilerHost(rootFiles, options, system, createProgram, ...rest);
      const roots = options.typeRoots ?? [];
      const hasNode = roots.some((r) => fs.existsSync(path.join(r, "node", "package.json")));
      const opts = hasNode ? { ...options, types: ["node"] } : options;
      const create = (...args) => wrapBuilder((createProgram ?? ts.createEmitAndSemanticDiagnosticsBuilderProgram)(...args), opts);
      return ts.createWatchCompilerHost(rootFiles, opts, system, create, ...rest);
    },
    getPreEmitDiagnosticsOfFiles(program, sourceFiles, cancellationToken) {
      const checked = sourceFiles.filter((f) => !isTrusted(f.fileName));
      const diagnostics = [...ts.getPreEmitDiagnosticsOfFiles(program, checked, cancellationToken)];
      for (const f of sourceFiles) {
        if (checked.includes(f)) continue;
        stats.skippedChecks++;
        diagnostics.push(...program.getSyntacticDiagnostics(f, cancellationToken));
      }
      return ts.sortAndDeduplicateDiagnostics(diagnostics);
    },
    transpileModule(input, transpileOptions) {
      if (alreadyCommonJs !== undefined && input === alreadyCommonJs) return { outputText: input, diagnostics: [], sourceMapText: undefined };
      return ts.transpileModule(input, transpileOptions);
    },
  };

  const facade = {};
  for (const name of Object.keys(ts)) {
    if (name in overrides) continue;
    Object.defineProperty(facade, name, { get: () => ts[name], enumerable: true });
  }
  for (const [name, value] of Object.entries(overrides)) Object.defineProperty(facade, name, { value, enumerable: true });
  // tslab's compiled `__importStar` returns a module marked __esModule as it is (no copy).
  Object.defineProperty(facade, "__esModule", { value: true });
  entry.exports = facade;
  return { ts, fast: true, stats };
}

module.exports = { installFastCompile };
