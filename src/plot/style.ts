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
 * equal-aspect plot. The title is placed by `titled`, not here.
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

function inLegend(t: Trace): boolean {
  if (t.type === "contour" || t.type === "surface") return false; // Plotly hides these by default
  return t.showlegend !== false;
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
  if (data.some(inLegend)) {
    // showlegend: Plotly hides the legend of a single-trace figure, and the title with it.
    return { ...layout, showlegend: true, legend: { ...layout.legend, title: { text: title, side: "top", font: { ...TITLE_FONT } } } };
  }
  return { ...layout, title: { text: title, x: 0.01, xanchor: "left", font: { ...TITLE_FONT } }, margin: { ...layout.margin, t: 60 } };
}

/** The figure's title, wherever `titled` put it. */
export function titleOf(layout: Layout): string | undefined {
  return layout.legend?.title?.text ?? layout.title?.text;
}

/**
 * A number fit for JSON: NaN and +-Infinity become null (a gap in the plot), and -0 becomes 0
 * (JSON has no -0, so the figure would not survive a round trip unchanged).
 */
export function finiteOrNull(v: number): Datum {
  if (!Number.isFinite(v)) return null;
  return v === 0 ? 0 : v;
}
