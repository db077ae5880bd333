#!/usr/bin/env node
/**
 * The Descent notebook kernel: tslab, started with the repository root as working directory.
 *
 * Jupyter starts a kernel in the notebook's own folder, but tslab takes its working directory as
 * TypeScript's rootDir, so `import ... from "../src/x"` from notebooks/ fails ("not under
 * rootDir"). Starting tslab here, at the root, lets every notebook import `./src/...` wherever
 * the notebook lives. Jupyter calls this with `--config-path {connection_file}`.
 */
"use strict";
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const at = process.argv.indexOf("--config-path");
const configPath = at >= 0 ? process.argv[at + 1] : undefined;
if (!configPath) {
  process.stderr.write("descent kernel: expected --config-path <connection file> (Jupyter passes it)\n");
  process.exit(2);
}
process.chdir(root);

// tslab 1.0.22 crashes the next cell ("Unexpected pending rebuildTimer") whenever a file is
// created, deleted or atomically saved in a folder its TypeScript watcher follows (src/ while a
// student edits it): the directory event starts a second compiler timer that tslab's one-timer
// bookkeeping does not expect. Directory events only matter to TypeScript for module lookups that
// failed before; file CHANGES are still seen through file watchers, so an edited src/ module is
// picked up when its import cell is re-run. A module created after the kernel started needs a
// kernel restart.
//
// The library's own files (src/) are compiled without tslab's type check, per file and cached on
// disk; notebook cells are still type-checked as before. See scripts/notebooks/notebook-kernel-fast.cjs (it
// must run before tslab loads; DESCENT_KERNEL_FULL_CHECK=1 restores tslab's own path).
let ts;
try {
  ({ ts } = require("./notebook-kernel-fast.cjs").installFastCompile({ root }));
} catch (e) {
  // Only speed is lost: say so in Jupyter's log (not in a cell) and run tslab as it is.
  process.stderr.write(`descent kernel: fast compile path not installed (${e instanceof Error ? e.message : e}); using tslab's own\n`);
  ts = require(path.join(root, "node_modules", "@tslab", "typescript-for-tslab"));
}
ts.sys.watchDirectory = () => ({ close() {} });

// Execution counts on IOPub (so executed copies and their exports number their cells) and the real
// tslab and TypeScript versions in kernel_info: see notebook-kernel-protocol.cjs.
try {
  require("./notebook-kernel-protocol.cjs").patchTslabProtocol({ tslabDir: path.join(root, "node_modules", "tslab"), typescriptVersion: ts.version });
} catch (e) {
  process.stderr.write(`descent kernel: protocol fixes not applied (${e instanceof Error ? e.message : e}); cells run, without execution counts\n`);
}
// enableFindLocal: false, because this is already the repository's own tslab.
require(path.join(root, "node_modules", "tslab", "dist", "main.js")).startKernel({
  configPath: path.resolve(configPath),
  enableFindLocal: false,
  jsKernel: false,
});
