// The course's table of contents, read from the repository at build time, so that a new
// notebook (notebooks/NN-topic.ipynb) or exercise (exercises/<name>.ts) appears in the sidebar
// with no per-page work. Used by astro.config.mjs and the lesson generator.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withPlainMath } from "./lib/notebook-math.mjs";

/**
 * The repository root. Found from the working directory (Astro bundles this module into
 * site/dist during a build, where import.meta.url no longer points into site/), falling back to
 * this file's location.
 */
function findRepo() {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "site", "course.mjs")) && existsSync(join(dir, "src"))) return dir;
    if (dirname(dir) === dir) break;
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), "..");
}

export const REPO = findRepo();
export const SITE_DIR = join(REPO, "site");

/** Notebooks in course order: NN-topic.ipynb, sorted by name (NN first). */
/** Where the notebooks are: notebooks/, or DESCENT_NOTEBOOKS (the site tests' fixture notebooks). */
export function notebooksDir() {
  return process.env.DESCENT_NOTEBOOKS ? resolve(process.env.DESCENT_NOTEBOOKS) : join(REPO, "notebooks");
}

export function notebookFiles() {
  const dir = notebooksDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d\d-[a-z0-9-]+\.ipynb$/.test(f))
    .sort();
}

/** A notebook's title: its first level-1 heading, else its name in words. */
export function notebookTitle(file) {
  const nb = JSON.parse(readFileSync(join(notebooksDir(), file), "utf8"));
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type !== "markdown") continue;
    const text = Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
    const m = /^#\s+(.+)$/m.exec(text);
    if (m) return withPlainMath(m[1].trim()); // "$\\eta$" in a title reads as "η" (titles are plain text)
  }
  return slugOf(file).slice(3).replace(/-/g, " ");
}

export function slugOf(file) {
  return file.replace(/\.ipynb$/, "");
}

/**
 * Where "Edit page" points: the repository's web address (package.json "repository", or
 * DESCENT_REPO_URL) and branch (DESCENT_REPO_BRANCH, default main); no edit link without one.
 */
export function editUrlFor(repoPath) {
  const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
  const base = (process.env.DESCENT_REPO_URL ?? (typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url) ?? "").replace(/^git\+/, "").replace(/\.git$/, "");
  if (!/^https?:\/\//.test(base)) return null;
  return `${base}/edit/${process.env.DESCENT_REPO_BRANCH ?? "main"}/${repoPath}`;
}

