#!/usr/bin/env node
/**
 * `npm run notebooks`: opens Jupyter on notebooks/ with the project kernel "TypeScript (Descent)".
 * Uses JupyterLab when installed, else the classic Notebook; sets JUPYTER_PATH itself so the
 * kernelspec under <repo>/.jupyter is found. Extra arguments go to Jupyter (e.g. --no-browser).
 */
"use strict";
const { spawn, spawnSync } = require("child_process");
const path = require("path");
const { ROOT, installKernel, jupyterEnv } = require("./install-kernel.cjs");

/** The first Jupyter front end that answers `--version`, as [command, args]. */
function findFrontEnd(env) {
  const candidates = [
    ["jupyter-lab", []],
    ["jupyter", ["lab"]],
    ["jupyter-notebook", []],
    ["jupyter", ["notebook"]],
  ];
  for (const [cmd, args] of candidates) {
    const probe = spawnSync(cmd, [...args, "--version"], { env, stdio: "ignore" });
    if (probe.status === 0) return [cmd, args];
  }
  return null;
}

installKernel();
const env = jupyterEnv();
const found = findFrontEnd(env);
if (!found) {
  console.error("npm run notebooks: Jupyter not found; install it: apt-get install jupyter-notebook (Debian), or pip install jupyterlab");
  process.exit(1);
}
const [cmd, args] = found;
const notebooks = path.join(ROOT, "notebooks");
console.log(`Opening ${[cmd, ...args].join(" ")} on ${notebooks}; pick the kernel "TypeScript (Descent)"`);
// Jupyter refuses to run as root without this flag; this project's machines (CI, containers) are root.
const asRoot = typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : [];
const child = spawn(cmd, [...args, `--notebook-dir=${notebooks}`, ...asRoot, ...process.argv.slice(2)], { env, stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(signal ? 0 : code ?? 0));
process.on("SIGINT", () => child.kill("SIGINT"));
