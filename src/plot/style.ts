import type { Datum, Layout, Trace } from "./plotly-types";

/** The fonts and margins every Descent figure shares (readable on a projector and in a notebook). */
export const FONT = { family: "Inter, 'Helvetica Neue', Arial, sans-serif", size: 14, color: "#222222" };

/** Light grid and axis lines: the data, not the scaffolding, should carry the ink. */
export const GRID_COLOR = "#e6e6e6";
export const AXIS_LINE_COLOR = "#888888";
export const TITLE_FONT = { size: 17, color: "#222222" };

/**
 * The layout every figure starts from: a horizontal legend just above the plot. At the bottom
 * the legend collided with the animation's slider and, on a narrow screen, drifted far below an
 * equal-aspect plot. It starts at the plot's left edge: placed against the figure's edge
 * instead (`xref: "container"`, x = 0), Plotly moved the whole plot to the right of the legend
 * and squeezed it to a sliver on a phone. The title is placed by `titled`, not here.
 */
export function baseLayout(): Layout {
  return {
    font: { ...FONT },
    margin: { l: 60, r: 20, t: 30, b: 50 },
    hovermode: "closest",
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.01, yanchor: "bottom", font: { size: 12 }, bgcolor: "rgba(255,255,255,0)", itemwidth: 30 },
  };
}

/**
 * Longest title line, in characters. In a notebook on a 420 px phone a figure is about 275 px
 * wide (the rest is the notebook's prompt and padding) and the title, which starts where the plot
 * does, 60 px in, has about 215 px: 28 characters of the 17 px title font filled it exactly.
 * Plotly does not wrap text, so a longer title was cut off at the figure's edge.
 */
export const TITLE_LINE_CHARS = 26;

/** Greedy line breaking at spaces: as many words per line as fit in `width` characters. */
function breakLines(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * The title broken at spaces into as few lines of at most `max` characters as possible (a single
 * longer word keeps its own line), with the lines made as even as that count allows: filled
 * greedily, "θ_t for three learning rates" left "rates" alone on a second line. Lines are joined
 * with " <br>", Plotly's line break, after a space so that a reader that strips the markup (a
 * page title, a screen reader summary) still sees separate words.
 */
export function wrapTitle(text: string, max: number = TITLE_LINE_CHARS): string {
  const words = text.split(" ").filter((w) => w.length > 0);
  const fewest = breakLines(words, max).length;
  const total = words.join(" ").length;
  for (let width = Math.ceil(total / fewest); width < max; width++) {
    const lines = breakLines(words, width);
    if (lines.length <= fewest) return lines.join(" <br>");
  }
  return breakLines(words, max).join(" <br>");
}

/** How many lines `wrapTitle` made (the figure's height allows for each). */
export function titleLines(layout: Layout): number {
  const text = layout.legend?.title?.text ?? layout.title?.text;
  return text === undefined ? 0 : text.split("<br>").length;
}

function inLegend(t: Trace): boolean {
  if (t.type === "contour" || t.type === "surface") return false; // Plotly hides these by default
  return t.showlegend !== false;
}

/** How many entries the legend shows. */
export function legendEntries(data: readonly Trace[]): number {
  return data.filter(inLegend).length;
}

/**
 * Puts the title on the figure. When some trace shows in the legend, the title becomes the
 * legend's title, drawn above its entries: Plotly grows the top margin for the legend but does
 * not stack the layout title on top of it, so on a 420 px phone, where six entries wrap to three
 * rows, the legend overprinted the title. As one box they can never collide. With no legend the
 * ordinary layout title is used. The legend is forced on, since Plotly hides it (and so the
 * title) when only one trace is drawn.
 */
export function titled(layout: Layout, data: readonly Trace[], title: string | undefined): Layout {
  if (title === undefined) return layout;
  const text = wrapTitle(title);
  if (data.some(inLegend)) {
    // showlegend: Plotly hides the legend of a single-trace figure, and the title with it.
    return { ...layout, showlegend: true, legend: { ...layout.legend, title: { text, side: "top", font: { ...TITLE_FONT } } } };
  }
  const lines = text.split("<br>").length;
  return { ...layout, title: { text, x: 0.01, xanchor: "left", font: { ...TITLE_FONT } }, margin: { ...layout.margin, t: 40 + 20 * lines } };
}

/** Plotly's height for a figure whose layout sets none, and what the notebook and site reserve for one. */
export const DEFAULT_HEIGHT = 450;
/** Measured in Chromium: a legend row of line entries (12 px text), and the least plot height a curve needs to be read. */
const LINE_LEGEND_ROW_PX = 20;
const MIN_PLOT_PX = 260;

/**
 * A line figure (loss curves, schedules) grown for its legend. On a 420 px phone every legend
 * entry takes a row of its own, and with seven schedules the legend and the title took half of
 * the default 450 px, leaving the curves a strip about 190 px tall. The figure is made tall
 * enough for one row per entry above a plot of at least MIN_PLOT_PX; a legend short enough to
 * fit leaves the height unset (the default).
 */
export function fitLegendHeight(layout: Layout, data: readonly Trace[]): Layout {
  const m = layout.margin ?? {};
  const titleRows = layout.legend?.title !== undefined ? titleLines(layout) : 0;
  const needed = (m.t ?? 30) + (m.b ?? 50) + titleRows * 28 + legendEntries(data) * LINE_LEGEND_ROW_PX + MIN_PLOT_PX;
  return needed > DEFAULT_HEIGHT ? { ...layout, height: needed } : layout;
}

/** The figure's title as one line of plain text, wherever `titled` put it and however it wrapped it. */
export function titleOf(layout: Layout): string | undefined {
  const text = layout.legend?.title?.text ?? layout.title?.text;
  return text?.replace(/ ?<br>/g, " ");
}

/**
 * A number fit for JSON: NaN and +-Infinity become null (a gap in the plot), and -0 becomes 0
 * (JSON has no -0, so the figure would not survive a round trip unchanged).
 */
export function finiteOrNull(v: number): Datum {
  if (!Number.isFinite(v)) return null;
  return v === 0 ? 0 : v;
}
