import type { Figure, Trace } from "../plot/plotly-types";
import { titleOf } from "../plot/style";
import { escapeHtml, jsonForScript, type MimeBundle } from "./mime-bundle";

/**
 * A Plotly figure (from src/plot's builders) as ONE Jupyter output with three representations:
 * - `application/vnd.plotly.v1+json`, drawn by JupyterLab's or VS Code's Plotly renderer;
 * - `text/html`, a self-drawing fallback for classic Notebook and nbconvert's HTML export that
 *   works offline: plotly.js is inlined ONCE (the first figure of a kernel session carries the
 *   1.3 MB cartesian bundle, later figures draw with `window.Plotly`), never from a CDN;
 * - `text/plain`, one line naming the figure, for terminals and text exports.
 *
 * Figures drawn before the library is on the page (outputs rendered out of order) wait in a queue
 * that the library's script drains; a figure whose library never arrives (the first figure's
 * output was cleared) says how to fix it instead of staying blank.
 */

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
  /** The plotly.js source to inline in this output, or undefined when the page already has it. */
  plotlyJs?: string;
}

/** "Plotly figure: Loss per step (3 traces: SGD, Momentum, Adam)". */
export function figureSummary(figure: Figure): string {
  const title = titleOf(figure.layout);
  const names = figure.data.map((t: Trace) => t.name).filter((n): n is string => typeof n === "string" && n.length > 0);
  const traces = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}${names.length ? `: ${names.join(", ")}` : ""}`;
  const frames = figure.frames?.length ? `, ${figure.frames.length} animation frames` : "";
  return `Plotly figure${title ? `: ${title}` : ""} (${traces}${frames})`;
}

/** The script that puts plotly.js on the page once and then draws the figures that waited for it. */
export function plotlyLoaderScript(plotlyJs: string): string {
  // The bundle sets window.Plotly itself. A page may already have it (notebook re-opened).
  const safe = plotlyJs.replace(/<\/script/gi, "<\\/script");
  return [
    "<script type=\"text/javascript\">",
    "window.PlotlyConfig = { MathJaxConfig: 'local' };",
    "if (!window.Plotly) {",
    safe,
    "}",
    `(window.${QUEUE} || []).splice(0).forEach(function (draw) { draw(); });`,
    "</script>",
  ].join("\n");
}

export function figureBundle(figure: Figure, options: FigureBundleOptions): MimeBundle {
  const spec = { data: figure.data, layout: figure.layout, ...(figure.frames ? { frames: figure.frames } : {}) };
  const height = figure.layout.height ?? DEFAULT_FIGURE_HEIGHT;
  const id = escapeHtml(options.id);
  const needsFull = figure.data.some((t) => NOT_IN_CARTESIAN_BUNDLE.has(t.type));
  const waiting = needsFull
    ? "This 3-D figure needs the full plotly.js bundle; JupyterLab and VS Code draw it from the Plotly output."
    : "Drawing the figure... (plotly.js comes with the first figure of the kernel session: if this stays, run the notebook from the top)";
  // A white card: the figure's own colours (src/plot/style.ts) stay readable in a dark theme.
  const box = `width:100%;max-width:900px;height:${height}px;background:#ffffff;color:#222222;border-radius:4px;font:14px sans-serif`;
  const draw = [
    "<script type=\"text/javascript\">",
    "(function () {",
    `  var spec = ${jsonForScript({ ...spec, config: PLOTLY_CONFIG })};`,
    `  function draw() { var el = document.getElementById(${jsonForScript(options.id)}); if (!el) return; el.textContent = ''; window.Plotly.newPlot(el, spec); }`,
    `  if (window.Plotly) draw(); else (window.${QUEUE} = window.${QUEUE} || []).push(draw);`,
    "})();",
    "</script>",
  ].join("\n");
  const html = [`<div id="${id}" class="descent-figure" style="${box}">${escapeHtml(waiting)}</div>`, options.plotlyJs ? plotlyLoaderScript(options.plotlyJs) : "", needsFull ? "" : draw]
    .filter((s) => s.length > 0)
    .join("\n");
  return {
    "application/vnd.plotly.v1+json": { ...spec, config: PLOTLY_CONFIG },
    "text/html": html,
    "text/plain": figureSummary(figure),
  };
}
