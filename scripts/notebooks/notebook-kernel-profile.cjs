#!/usr/bin/env node
/**
 * CPU seconds spent by the notebook kernel, per phase, with and without the fast compile path
 * (scripts/notebooks/notebook-kernel-fast.cjs). CPU, not wall time, because the machine is shared.
 *
 *   node scripts/notebooks/notebook-kernel-profile.cjs            # both modes, each case in a fresh process
 *   node scripts/notebooks/notebook-kernel-profile.cjs --fast     # only the kernel as installed
 *   node scripts/notebooks/notebook-kernel-profile.cjs --full     # only tslab's own path
 *   node scripts/notebooks/notebook-kernel-profile.cjs --json     # one JSON line per case and mode
 *   node scripts/notebooks/notebook-kernel-profile.cjs --cells '["const a = 1;", "a"]'   # run these cells
 *     in one fresh kernel set up as above; prints one JSON line (used by test/notebooks/)
 *
 * Each case runs in a new Node process set up as scripts/notebooks/notebook-kernel.cjs sets up the kernel
 * (repository root as working directory, the same patches, tslab's own converter and executor,
 * zeromq loaded) and executes its cells through tslab's executor: the path a Jupyter cell takes,
 * minus the socket. "start" is everything up to a ready converter, Node's own start included.
 * The disk cache of compiled src/ files is used as it is (run twice to see a warm cache; set
 * DESCENT_KERNEL_CACHE_DIR to a fresh folder to see a cold one).
 */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");

const CASES = [
  { name: "trivial cell", cells: ["const a = 1 + 1; a"] },
  { name: "import ./src/optimizers/index", cells: ['import { sgd } from "./src/optimizers/index";', "const n = sgd({ lr: 0.1 }).name; n"] },
  { name: "import ./src/index", cells: ['import * as descent from "./src/index";', "const n = Object.keys(descent).length; n"] },
  { name: "import ./src/node", cells: ['import * as node from "./src/node";', "const n = Object.keys(node).length; n"] },
  {
    name: "import ./src/grader/check-node + check()",
    cells: ['import { check } from "./src/grader/check-node";', 'import { adamStep } from "./solutions/07-adam";', 'await check("adam", adamStep);'],
  },
  {
    name: "notebook 00's imports",
    cells: [
      [
        'import { sgd } from "./src/optimizers/index";',
        'import { minimize } from "./src/train/index";',
        'import { getSurface } from "./src/problems/surfaces/index";',
        'import type { Objective } from "./src/problems/objective";',
        'import { lossCurvesFigure, surfaceContourFigure } from "./src/plot/index";',
        'import { show, table, markdown } from "./src/notebook/display-node";',
      ].join("\n"),
    ],
  },
];

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** In the child: set up as the launcher does, run the cells, print one JSON line. */
async function child(name, cells) {
  process.chdir(root);
  const { installFastCompile } = require("./notebook-kernel-fast.cjs");
  const { ts, fast, stats } = installFastCompile({ root, cacheDir: process.env.DESCENT_KERNEL_CACHE_DIR || undefined });
  ts.sys.watchDirectory = () => ({ close() {} });
  const dist = path.join(root, "node_modules", "tslab", "dist");
  require(path.join(dist, "main.js"));
  require(path.join(dist, "jupyter.js"));
  require("zeromq");
  const { createConverter } = require(path.join(dist, "converter.js"));
  const { createExecutor } = require(path.join(dist, "executor.js"));
  const node = createConverter({ isJS: false, isBrowser: false });
  const errors = [];
  const logs = [];
  const executor = createExecutor(root, { node, browser: node, close: () => node.close() }, {
    log: (...a) => logs.push(require("util").format(...a)),
    error: (...a) => errors.push(require("util").format(...a)),
  });
  const result = { case: name, fast, start: cpuSeconds(), cells: [], errors, logs, stats };
  for (const src of cells) {
    const before = cpuSeconds();
    const ok = await executor.execute(src);
    result.cells.push({ ok, cpu: cpuSeconds() - before });
  }
  result.total = cpuSeconds();
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(0); // tslab's file watchers would keep the process alive
}

function runCase(i, full) {
  const env = { ...process.env };
  if (full) env.DESCENT_KERNEL_FULL_CHECK = "1";
  else delete env.DESCENT_KERNEL_FULL_CHECK;
  const r = spawnSync(process.execPath, [__filename, "--child", String(i)], { cwd: root, env, encoding: "utf8" });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`case "${CASES[i].name}" exited with code ${r.status}:\n${r.stderr.trim()}`);
  }
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--child") return child(CASES[Number(args[1])].name, CASES[Number(args[1])].cells);
  if (args[0] === "--cells") {
    const cells = JSON.parse(args[1] ?? "null");
    if (!Array.isArray(cells) || !cells.every((c) => typeof c === "string")) throw new Error(`--cells expects a JSON array of cell sources, got ${args[1]}`);
    return child("cells", cells);
  }
  const modes = args.includes("--full") ? [true] : args.includes("--fast") ? [false] : [true, false];
  const json = args.includes("--json");
  for (let i = 0; i < CASES.length; i++) {
    const rows = modes.map((full) => runCase(i, full));
    for (const r of rows) {
      if (json) {
        console.log(JSON.stringify(r));
        continue;
      }
      const cells = r.cells.map((c) => `${c.cpu.toFixed(2)}${c.ok ? "" : "(failed)"}`).join(" + ");
      console.log(`${r.case.padEnd(42)} ${r.fast ? "fast" : "full"}  start ${r.start.toFixed(2)} s  cells ${cells} s  total ${r.total.toFixed(2)} s`);
      if (r.errors.length) console.log(`    stderr: ${r.errors.join(" | ").slice(0, 300)}`);
    }
  }
}

Promise.resolve(main()).catch((e) => {
  console.error(`notebook-kernel-profile: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
