import { existsSync, readFileSync } from "node:fs";

/**
 * The oracle for "what Jupyter shows": Jupyter Notebook's own remove_math (Debian's
 * jupyter-notebook package, the code that hides math from Markdown before MathJax typesets it),
 * loaded as it is from the installed file, not our port of it (site/lib/notebook-math.mjs).
 * MathJax's tex2jax, configured as the notebook configures it (displayMath $$ and \\[, inlineMath
 * $ and \\(, processEnvironments), then shows `$$`, `\\[` and `\begin{env}` as displays and the
 * rest inline.
 */
export const JUPYTER_MATHJAXUTILS = "/usr/lib/python3/dist-packages/notebook/static/base/js/mathjaxutils.js";

type RemoveMath = (text: string) => [string, string[]];
let removeMath: RemoveMath | undefined;

function jupyterRemoveMath(): RemoveMath {
  if (removeMath) return removeMath;
  if (!existsSync(JUPYTER_MATHJAXUTILS)) throw new Error(`${JUPYTER_MATHJAXUTILS} is missing: apt-get install -y jupyter-notebook (scripts/system-deps.sh does it)`);
  const source = readFileSync(JUPYTER_MATHJAXUTILS, "utf8");
  let api: { remove_math: RemoveMath } | undefined;
  // An AMD module: define([deps], factory). utils.regex_split is a cross-browser String#split.
  const define = (_deps: string[], factory: (...a: unknown[]) => { remove_math: RemoveMath }) => {
    api = factory(null, { regex_split: (s: string, re: RegExp) => s.split(re), browser: "chrome" }, null, null);
  };
  new Function("define", source)(define);
  removeMath = api!.remove_math;
  return removeMath;
}

export interface JupyterFormula { delimiter: string; display: boolean }

/** The formulas Jupyter finds in one markdown cell, with how MathJax shows each. */
export function jupyterFormulas(markdown: string): JupyterFormula[] {
  const [, math] = jupyterRemoveMath()(markdown);
  return math
    .filter((m) => !/^@@\d+@@$/.test(m))
    .map((m) => {
      const delimiter = m.startsWith("$$") ? "$$" : m.startsWith("$") ? "$" : m.startsWith("\\\\[") ? "\\[" : m.startsWith("\\\\(") ? "\\(" : "env";
      return { delimiter, display: delimiter === "$$" || delimiter === "\\[" || delimiter === "env" };
    });
}

/** Display and inline counts of a whole notebook's markdown cells. */
export function jupyterMathCounts(cells: string[]): { display: number; inline: number } {
  let display = 0;
  let inline = 0;
  for (const c of cells) for (const f of jupyterFormulas(c)) f.display ? display++ : inline++;
  return { display, inline };
}

/** The markdown Jupyter hands to its Markdown parser: formulas taken out (as @@n@@). */
export function jupyterProse(markdown: string): string {
  return jupyterRemoveMath()(markdown)[0];
}
