// A live cell's outputs, rendered as the built page renders the notebook's (scripts/site/lessons.mjs
// renderOutput): the same elements and classes (.nb-output, pre.nb-stdout/nb-stderr, .nb-html,
// .nb-plot drawn by lesson-widgets' drawFigure), markdown with its math found by Jupyter's rules
// (site/lib/notebook-math.mjs) and rendered with KaTeX, as the build does.
import { drawFigure, type FigureJson } from "../lesson-widgets";

type Bundle = Record<string, string | object>;

const PLOTLY = "application/vnd.plotly.v1+json";

function el(html: string): HTMLElement {
  const t = document.createElement("template");
  t.innerHTML = html.trim();
  return t.content.firstElementChild as HTMLElement;
}

function pre(cls: string, text: string): HTMLElement {
  const box = document.createElement("div");
  box.className = "nb-output";
  const p = document.createElement("pre");
  p.className = cls;
  p.textContent = text;
  box.append(p);
  return box;
}

interface MarkdownTools {
  micromark: (s: string) => string;
  removeMath: (s: string) => { text: string; math: { raw: string; literal?: boolean }[] };
  classify: (raw: string) => { tex: string; display: boolean };
  katex: { renderToString(tex: string, o: object): string };
  katexOptions: (d: boolean, m: Record<string, string>) => object;
}
let mdTools: Promise<MarkdownTools> | null = null;

function loadMarkdown(): Promise<MarkdownTools> {
  mdTools ??= Promise.all([import("micromark"), import("../../../lib/notebook-math.mjs"), import("katex")]).then(([mm, nm, k]) => ({
    micromark: mm.micromark as (s: string) => string,
    removeMath: nm.removeMath,
    classify: nm.classify,
    katex: (k.default ?? k) as { renderToString(tex: string, o: object): string },
    katexOptions: nm.katexOptions,
  }));
  return mdTools;
}

/** Markdown with math, as Jupyter shows it: formulas taken out by Jupyter's rules, KaTeX put back. */
export async function markdownHtml(source: string): Promise<string> {
  const t = await loadMarkdown();
  const { text, math } = t.removeMath(source);
  const macros: Record<string, string> = {};
  return t.micromark(text).replace(/@@(\d+)@@/g, (_, n: string) => {
    const m = math[Number(n)]!;
    if (m.literal) return m.raw;
    const { tex, display } = t.classify(m.raw);
    try {
      return t.katex.renderToString(tex, t.katexOptions(display, macros));
    } catch {
      return m.raw;
    }
  });
}

function figureTitle(fig: FigureJson): string {
  const pick = (x: unknown) => (typeof x === "string" ? x : (x as { text?: string } | undefined)?.text);
  const layout = (fig.layout ?? {}) as { title?: unknown; legend?: { title?: unknown } };
  return (pick(layout.title) ?? pick(layout.legend?.title) ?? "").replace(/<[^>]+>/g, "");
}

/** One display bundle as the built page shows it (the richest representation, same order). */
export function renderBundle(bundle: Bundle): HTMLElement {
  const plotly = bundle[PLOTLY];
  if (plotly !== undefined) {
    const fig = (typeof plotly === "string" ? JSON.parse(plotly) : plotly) as FigureJson;
    const height = Number((fig.layout as { height?: number } | undefined)?.height) > 0 ? Number((fig.layout as { height: number }).height) : 450;
    const box = document.createElement("div");
    box.className = "nb-output";
    const plot = document.createElement("div");
    plot.className = "nb-plot";
    plot.setAttribute("role", "figure");
    plot.setAttribute("aria-label", figureTitle(fig) || "Figure");
    plot.style.height = `${height}px`;
    plot.textContent = "Drawing the figure…";
    box.append(plot);
    // Kept for the tests and the reader's tools: the figure this output shows.
    (plot as HTMLElement & { liveFigure?: FigureJson }).liveFigure = fig;
    void drawFigure(plot, fig).catch((e: unknown) => {
      plot.dataset.drawn = "failed";
      plot.textContent = `The figure could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
    });
    return box;
  }
  const text = (x: unknown) => (typeof x === "string" ? x : Array.isArray(x) ? x.join("") : JSON.stringify(x));
  if (bundle["text/html"] !== undefined) return el(`<div class="nb-output nb-html">${text(bundle["text/html"])}</div>`);
  if (bundle["image/svg+xml"] !== undefined) return el(`<div class="nb-output nb-html">${text(bundle["image/svg+xml"])}</div>`);
  if (bundle["text/markdown"] !== undefined || bundle["text/latex"] !== undefined) {
    const box = document.createElement("div");
    box.className = "nb-output nb-md";
    // Filled when the Markdown renderer has loaded; the box keeps the output's place meanwhile.
    box.dataset.pending = "markdown";
    box.textContent = text(bundle["text/plain"] ?? "");
    void markdownHtml(text(bundle["text/markdown"] ?? bundle["text/latex"])).then(
      (html) => {
        box.innerHTML = html;
        delete box.dataset.pending;
      },
      () => delete box.dataset.pending,
    );
    return box;
  }
  return pre("nb-stdout", text(bundle["text/plain"] ?? ""));
}

/** A stream's text (console output), in the pre the built page uses. */
export function streamOutput(name: "stdout" | "stderr", text: string): HTMLElement {
  return pre(`nb-${name}`, text);
}
