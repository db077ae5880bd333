#!/usr/bin/env node
/**
 * Registers the project-local Jupyter kernelspec "descent" (display name "TypeScript (Descent)")
 * in <repo>/.jupyter/kernels/descent/kernel.json. Nothing is written outside the repository:
 * Jupyter finds the spec when JUPYTER_PATH names <repo>/.jupyter, which `npm run notebooks` and
 * `npm run notebooks:execute` set themselves. Runs as npm's postinstall: it needs no Jupyter,
 * takes a few milliseconds and never fails the install (a problem is reported in one line).
 *
 * It also copies plotly.js (the cartesian bundle from node_modules) to
 * <repo>/.jupyter/nbextensions/descent/plotly-cartesian.min.js: a Jupyter server whose
 * JUPYTER_PATH names <repo>/.jupyter serves it at <base>/nbextensions/descent/..., where every
 * figure's output loads it from when the page lacks it (src/notebook/figure-bundle.ts).
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
const JUPYTER_DIR = path.join(ROOT, ".jupyter");
const KERNEL_NAME = "descent";
const DISPLAY_NAME = "TypeScript (Descent)";
const PLOTLY_BUNDLE = path.join("plotly.js-cartesian-dist-min", "plotly-cartesian.min.js");
/** The folder served as <base>/nbextensions/ (classic Notebook) and, by npm run notebooks, as <base>/static/. */
const NBEXTENSIONS_DIR = path.join(JUPYTER_DIR, "nbextensions");

/** The kernel.json contents: absolute paths, because Jupyter may start it from anywhere. */
function kernelSpec() {
  return {
    argv: [process.execPath, path.join(ROOT, "scripts", "notebooks", "notebook-kernel.cjs"), "--config-path", "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { descent: { root: ROOT } },
  };
}

/** Copies plotly.js next to the kernelspec (when missing or different); returns the copy's path. */
function installPlotly() {
  const from = require.resolve(PLOTLY_BUNDLE, { paths: [ROOT] });
  const to = path.join(NBEXTENSIONS_DIR, "descent", "plotly-cartesian.min.js");
  const text = fs.readFileSync(from);
  let old = null;
  try {
    old = fs.readFileSync(to);
  } catch {
    /* first install */
  }
  if (!old || !old.equals(text)) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, text);
  }
  return to;
}

/** Writes the spec (and the plotly.js copy) when missing or different; returns the kernel folder. */
function installKernel() {
  installPlotly();
  const dir = path.join(JUPYTER_DIR, "kernels", KERNEL_NAME);
  const file = path.join(dir, "kernel.json");
  const text = JSON.stringify(kernelSpec(), null, 2) + "\n";
  let old = "";
  try {
    old = fs.readFileSync(file, "utf8");
  } catch {
    /* first install */
  }
  if (old !== text) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/** The environment for a Jupyter process that must see the kernel (JUPYTER_PATH prepended). */
function jupyterEnv(env = process.env) {
  const rest = env.JUPYTER_PATH ? path.delimiter + env.JUPYTER_PATH : "";
  return { ...env, JUPYTER_PATH: JUPYTER_DIR + rest };
}

module.exports = { ROOT, JUPYTER_DIR, NBEXTENSIONS_DIR, KERNEL_NAME, DISPLAY_NAME, installKernel, installPlotly, jupyterEnv, kernelSpec };

if (require.main === module) {
  try {
    const dir = installKernel();
    if (!process.argv.includes("--quiet")) {
      console.log(`descent: Jupyter kernel "${DISPLAY_NAME}" registered in ${path.relative(ROOT, dir)} (JUPYTER_PATH=${JUPYTER_DIR})`);
    }
  } catch (e) {
    console.log(`descent: could not register the notebook kernel (${e && e.message}); notebooks need it, the rest works`);
  }
}
