import type { Datum, Layout } from "./plotly-types";

/** The fonts and margins every Descent figure shares (readable on a projector and in a notebook). */
export const FONT = { family: "Inter, 'Helvetica Neue', Arial, sans-serif", size: 14, color: "#222222" };

export function baseLayout(title: string | undefined): Layout {
  return {
    ...(title === undefined ? {} : { title: { text: title, x: 0.02 } }),
    font: { ...FONT },
    margin: { l: 60, r: 20, t: title === undefined ? 20 : 50, b: 50 },
    hovermode: "closest",
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    legend: { orientation: "h", x: 0, y: -0.15 },
  };
}

/**
 * A number fit for JSON: NaN and +-Infinity become null (a gap in the plot), and -0 becomes 0
 * (JSON has no -0, so the figure would not survive a round trip unchanged).
 */
export function finiteOrNull(v: number): Datum {
  if (!Number.isFinite(v)) return null;
  return v === 0 ? 0 : v;
}
