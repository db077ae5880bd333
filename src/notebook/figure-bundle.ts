import type { Figure, Trace } from "../plot/plotly-types";
import { titleOf } from "../plot/style";
import { escapeHtml, jsonForScript, type MimeBundle } from "./mime-bundle";

/**
 * A Plotly figure (from src/plot's builders) as ONE Jupyter output with three representations:
 * - `application/vnd.plotly.v1+json`, drawn by JupyterLab's or VS Code's Plotly renderer;
 * - `text/html`, a self-drawing fallback for the classic Notebook and HTML exports. It carries the
 *   figure's JSON and a loader of a few hundred bytes, never plotly.js itself: on a page that lacks
 *   `window.Plotly`, the FIRST figure's loader fetches the 1.3 MB cartesian bundle once from the
 *   Jupyter server that shows the page (`<base>/nbextensions/descent/plotly-cartesian.min.js`,
 *   which `npm install` puts in <repo>/.jupyter, or `<base>/static/descent/...`, which
 *   `npm run notebooks` adds for JupyterLab), and every figure waiting in the queue draws. So a
 *   figure draws whenever its output is shown: after a reload, in a saved notebook reopened later,
 *   in any order. An HTML export carries plotly.js once in its head (`npm run notebooks:export`);
 *   a page with no server and no bundle says so in the figure's box instead of staying blank.
 *   Nothing is ever fetched from the network.
 * - `text/plain`, one line naming the figure, for terminals and text exports.
 */

/** Where the loader looks for plotly.js, relative to the Jupyter server's base URL, in order. */
export const PLOTLY_SERVER_PATHS = ["nbextensions/descent/plotly-cartesian.min.js", "static/descent/plotly-cartesian.min.js"] as const;

/** Plotly's own options for every drawn figure: fits its container, no logo or cloud link. */
export const PLOTLY_CONFIG = { responsive: true, displaylogo: false, showLink: false } as const;

/** Default drawing height in px when the figure's layout does not set one. */
export const DEFAULT_FIGURE_HEIGHT = 440;

/** Trace types the cartesian bundle cannot draw (the 3-D ones need the full 4.8 MB plotly.js). */
const NOT_IN_CARTESIAN_BUNDLE = new Set(["surface", "scatter3d"]);

const QUEUE = "__descentPlotlyQueue";

export interface FigureBundleOptions {
  /** The element id (unique per output; the caller makes it). */
  id: string;
}

/** "Plotly figure: Loss per step (3 traces: SGD, Momentum, Adam)". */
export function figureSummary(figure: Figure): string {
  const title = titleOf(figure.layout);
  const names = figure.data.map((t: Trace) => t.name).filter((n): n is string => typeof n === "string" && n.length > 0);
  const traces = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}${names.length ? `: ${names.join(", ")}` : ""}`;
  const frames = figure.frames?.length ? `, ${figure.frames.length} animation frames` : "";
  return `Plotly figure${title ? `: ${title}` : ""} (${traces}${frames})`;
}

/** What a figure's box says when plotly.js cannot be found: no server, and no bundle on the page. */
export const NO_PLOTLY_MESSAGE =
  "plotly.js is not on this page and no Jupyter server offers it: open the notebook in Jupyter started by npm run notebooks, or export it with npm run notebooks:export (HTML with plotly.js inside).";

/**
 * The page-wide loader, as a function expression the figure's script calls with its draw function.
 * ES5 on purpose (old front ends). Idempotent per page: one fetch, one queue, one verdict.
 */
function loaderSource(): string {
  const paths = jsonForScript(PLOTLY_SERVER_PATHS);
  const fail = jsonForScript(NO_PLOTLY_MESSAGE);
  return `function (draw, box) {
  var w = window;
  if (w.Plotly) { draw(); return; }
  if (w.__descentPlotlyFailed) { box.textContent = ${fail}; return; }
  var q = (w.${QUEUE} = w.${QUEUE} || []);
  q.push({ draw: draw, box: box });
  if (w.__descentPlotlyLoading) return;
  w.__descentPlotlyLoading = true;
  var base = null;
  try {
    var b = document.body && document.body.getAttribute("data-base-url");
    var c = document.getElementById("jupyter-config-data");
    if (b !== null && b !== undefined) base = b; else if (c) base = JSON.parse(c.textContent).baseUrl;
  } catch (e) { base = null; }
  var paths = ${paths};
  function done(ok) {
    w.__descentPlotlyLoading = false;
    if (!ok) w.__descentPlotlyFailed = true;
    q.splice(0).forEach(function (f) { if (ok) f.draw(); else f.box.textContent = ${fail}; });
  }
  function attempt(i) {
    if (w.Plotly) { done(true); return; }
    if (base === null || i >= paths.length) { done(false); return; }
    var s = document.createElement("script");
    s.src = (base.charAt(base.length - 1) === "/" ? base : base + "/") + paths[i];
    s.onload = function () { if (w.Plotly) done(true); else attempt(i + 1); };
    s.onerror = function () { attempt(i + 1); };
    document.head.appendChild(s);
  }
  w.PlotlyConfig = w.PlotlyConfig || { MathJaxConfig: "local" };
  attempt(0);
}`;
}

/**
 * The script of an HTML export's head: plotly.js inline, once for the whole page (figures' own
 * scripts then find `window.Plotly` and draw at once).
 */
export function plotlyLoaderScript(plotlyJs: string): string {
  const safe = plotlyJs.replace(/<\/script/gi, "<\\/script");
  return ["<script type=\"text/javascript\">", "window.PlotlyConfig = { MathJaxConfig: 'local' };", "if (!window.Plotly) {", safe, "}", "</script>"].join("\n");
}

export function figureBundle(figure: Figure, options: FigureBundleOptions): MimeBundle {
  const spec = { data: figure.data, layout: figure.layout, ...(figure.frames ? { frames: figure.frames } : {}) };
  const height = figure.layout.height ?? DEFAULT_FIGURE_HEIGHT;
  const id = escapeHtml(options.id);
  const needsFull = figure.data.some((t) => NOT_IN_CARTESIAN_BUNDLE.has(t.type));
  // What the box says until the figure draws: if it stays, Jupyter did not run the output's script.
  const waiting = needsFull
    ? "This 3-D figure needs the full plotly.js bundle; JupyterLab and VS Code draw it from the Plotly output."
    : `${figureSummary(figure)}. If this text stays, the page did not run this output's script: in Jupyter, File > Trust Notebook (or run the cell again).`;
  // A white card: the figure's own colours (src/plot/style.ts) stay readable in a dark theme.
  const box = `width:100%;max-width:900px;height:${height}px;background:#ffffff;color:#222222;border-radius:4px;font:14px sans-serif`;
  const draw = [
    "<script type=\"text/javascript\">",
    "(function () {",
    `  var spec = ${jsonForScript({ ...spec, config: PLOTLY_CONFIG })};`,
    // The box is this script's previous sibling; by id as well, for front ends that move scripts.
    `  var me = document.currentScript, id = ${jsonForScript(options.id)};`,
    "  var box = me && me.previousElementSibling && me.previousElementSibling.id === id ? me.previousElementSibling : document.getElementById(id);",
    "  if (!box) return;",
    "  function draw() { box.textContent = ''; window.Plotly.newPlot(box, spec); }",
    `  (${loaderSource()})(draw, box);`,
    "})();",
    "</script>",
  ].join("\n");
  const html = [`<div id="${id}" class="descent-figure" style="${box}">${escapeHtml(waiting)}</div>`, needsFull ? "" : draw].filter((s) => s.length > 0).join("\n");
  return {
    "application/vnd.plotly.v1+json": { ...spec, config: PLOTLY_CONFIG },
    "text/html": html,
    "text/plain": figureSummary(figure),
  };
}
