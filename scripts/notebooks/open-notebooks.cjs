#!/usr/bin/env node
/**
 * `npm run notebooks [-- options]`: opens Jupyter on the student's working copies of the lessons
 * (my-notebooks/, git-ignored; see work-copies.cjs) with the project kernel "TypeScript (Descent)"
 * as the default kernel. Uses JupyterLab when installed, else the classic Notebook; sets
 * JUPYTER_PATH itself so the kernelspec (and plotly.js, served to the figures) under <repo>/.jupyter
 * are found.
 *
 * Options of ours (the rest goes to Jupyter, e.g. --no-browser, --port 8890):
 *   --refresh NAME   replace your edited copy of a changed lesson by the new version, keeping yours
 *                    beside it as NAME.mine-<date>.ipynb (NAME: "03", a file name, or "all"; repeatable)
 *   --sync-only      bring my-notebooks/ up to date and exit, without starting Jupyter
 *   --work DIR       another folder for the working copies (default <repo>/my-notebooks)
 *   --classic        the classic Notebook even when JupyterLab is installed
 *
 * Ctrl+C stops Jupyter once and cleanly: Jupyter runs in its own process group, so the terminal's
 * SIGINT reaches only this process, which asks Jupyter to stop with ONE SIGTERM (Jupyter then shuts
 * its kernels down and removes its runtime files) and exits when it has. A repeated signal while
 * stopping is ignored; if Jupyter has not stopped after 20 s it is killed.
 */
"use strict";
const { spawn, spawnSync } = require("child_process");
const path = require("path");
const { ROOT, NBEXTENSIONS_DIR, KERNEL_NAME, DISPLAY_NAME, installKernel, jupyterEnv } = require("./install-kernel.cjs");
const { syncWorkCopies, describeSync } = require("./work-copies.cjs");

const STOP_GRACE_MS = 20_000;

/** The first Jupyter front end that answers `--version`, as { cmd, args, lab }. */
function findFrontEnd(env, classic) {
  const candidates = [
    ["jupyter-lab", [], true],
    ["jupyter", ["lab"], true],
    ["jupyter-notebook", [], false],
    ["jupyter", ["notebook"], false],
  ];
  for (const [cmd, args, lab] of candidates) {
    if (classic && lab) continue;
    const probe = spawnSync(cmd, [...args, "--version"], { env, stdio: "ignore" });
    if (probe.status === 0) return { cmd, args, lab };
  }
  return null;
}

function parseArgs(argv) {
  const o = { refresh: [], syncOnly: false, classic: false, work: path.join(ROOT, "my-notebooks"), jupyter: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--refresh") o.refresh.push(value());
    else if (a.startsWith("--refresh=")) o.refresh.push(a.slice("--refresh=".length));
    else if (a === "--sync-only") o.syncOnly = true;
    else if (a === "--classic") o.classic = true;
    else if (a === "--help" || a === "-h") o.help = true;
    else if (a === "--work") o.work = path.resolve(value());
    else o.jupyter.push(a);
  }
  return o;
}

/** A path as the user reads it best: relative inside the repository, absolute outside. */
function shown(p) {
  const r = path.relative(ROOT, p);
  return r && !r.startsWith("..") ? r : p;
}

const USAGE = `usage: npm run notebooks [-- options]
  opens Jupyter on your working copies of the lessons (my-notebooks/), kernel "${DISPLAY_NAME}"
  --refresh NAME   take the new version of a lesson you edited, keeping yours as NAME.mine-<date>.ipynb
                   (NAME: 03, 03-momentum, or all; repeatable)
  --sync-only      update my-notebooks/ and exit
  --work DIR       another folder for your working copies
  --classic        the classic Notebook even when JupyterLab is installed
  anything else goes to Jupyter (e.g. --no-browser --port 8890; see jupyter notebook --help)`;

function main() {
  let o;
  let report;
  try {
    o = parseArgs(process.argv.slice(2));
    if (o.help) {
      console.log(USAGE);
      return process.exit(0);
    }
    report = syncWorkCopies({ lessonsDir: path.join(ROOT, "notebooks"), workDir: o.work, refresh: o.refresh });
  } catch (e) {
    console.error(`npm run notebooks: ${e instanceof Error ? e.message : e}`);
    return process.exit(2);
  }
  for (const line of describeSync(report, shown(o.work))) console.log(line);
  if (o.syncOnly) {
    console.log(`Your notebooks are in ${shown(o.work)}/ (the lessons in notebooks/ are never changed)`);
    return process.exit(0);
  }

  installKernel();
  // PYDEVD_...: silences a four-line debugger warning that Debian's Python 3.11 prints at start.
  const env = { PYDEVD_DISABLE_FILE_VALIDATION: "1", ...jupyterEnv() };
  const found = findFrontEnd(env, o.classic);
  if (!found) {
    console.error("npm run notebooks: Jupyter not found; install it: apt-get install jupyter-notebook (Debian), or pip install jupyterlab");
    return process.exit(1);
  }
  const options = [
    `--notebook-dir=${o.work}`,
    // New notebooks, and notebooks with no kernel recorded, get the course's kernel.
    `--MultiKernelManager.default_kernel_name=${KERNEL_NAME}`,
  ];
  // JupyterLab's server has no /nbextensions/: serve the same folder as <base>/static/ (the figures' second place to look).
  if (found.lab) options.push(`--ServerApp.extra_static_paths=${JSON.stringify([NBEXTENSIONS_DIR])}`);
  // Jupyter refuses to run as root without this flag; this project's machines (CI, containers) are root.
  if (typeof process.getuid === "function" && process.getuid() === 0) options.push("--allow-root");

  console.log(`Opening ${[found.cmd, ...found.args].join(" ")} on your notebooks in ${shown(o.work)}/ (kernel "${DISPLAY_NAME}"); Ctrl+C stops it`);
  const child = spawn(found.cmd, [...found.args, ...options, ...o.jupyter], {
    env,
    // Its own process group: the terminal's Ctrl+C reaches this process only (see the file comment).
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
  });
  // A closed terminal (SIGHUP) makes our own writes fail: never let that stop the shutdown.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    try {
      child.kill("SIGTERM");
    } catch {
      /* already gone */
    }
    console.log(`\nStopping Jupyter (${signal}); your saved notebooks stay in ${shown(o.work)}/`);
    setTimeout(() => {
      console.log(`Jupyter did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, STOP_GRACE_MS).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));
  child.on("error", (e) => {
    console.error(`npm run notebooks: cannot start ${found.cmd}: ${e.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (stopping) console.log("Jupyter stopped.");
    process.exit(stopping ? 0 : signal ? 1 : (code ?? 0));
  });
}

main();
