// An equal-aspect figure (a contour with `scaleanchor`, src/plot/contour.ts) has one height, chosen
// for a wide column: on a phone its plot shrinks with the width and left up to half the box blank
// under the x axis, and a legend wrapped to more rows than the top margin holds covered the plot's
// top. Once Plotly has laid the figure out at the box's real width, the box is cut to what the
// figure uses (the top margin, the y axis's constrained length, and below it the larger of the
// bottom margin and the x title's extent) and the top margin grows by any legend overlap.
import type { loadPlotly } from "./plotly-loader";

type Plotly = Awaited<ReturnType<typeof loadPlotly>>;

/** What Plotly computed (its `_fullLayout`, internal but stable for years): margins and axis length. */
interface FullLayout {
  height?: number;
  _size?: { t: number; b: number };
  legend?: { y?: number };
  yaxis?: { _length?: number; scaleanchor?: string };
}

export async function fitEqualAspect(el: HTMLElement, P: Plotly): Promise<void> {
  // Never move what the reader sees: a figure drawn while on screen keeps its box. Figures are
  // drawn 300 px before they scroll into view (lesson-widgets.ts, convention-switch.ts; a wider
  // margin loaded Plotly during the update-rules page's load), so once Plotly is loaded this is
  // the rare case.
  const box = el.getBoundingClientRect();
  if (box.top < window.innerHeight && box.bottom > 0) return;
  const full = (el as HTMLElement & { _fullLayout?: FullLayout })._fullLayout;
  const size = full?._size;
  const length = full?.yaxis?._length;
  const plot = el.querySelector(".nsewdrag")?.getBoundingClientRect();
  if (!full || !size || !length || !plot || !full.yaxis?.scaleanchor || !full.height) return;
  const legend = el.querySelector(".legend")?.getBoundingClientRect();
  // Only a legend placed above the plot (the library's: y >= 1) can hang over it by mistake.
  const above = (full.legend?.y ?? 1.01) >= 1;
  const overlap = above && legend && legend.height > 0 ? Math.max(0, Math.ceil(legend.bottom - plot.top + 4)) : 0;
  const title = el.querySelector(".g-xtitle")?.getBoundingClientRect();
  const below = Math.max(size.b, title && title.height > 0 ? Math.ceil(title.bottom - plot.bottom + 8) : 0);
  const used = Math.ceil(size.t + overlap + length + below + 2);
  // A figure never grows here, and a gain under 24 px is not worth a relayout.
  if (used >= full.height - 24 && overlap === 0) return;
  const height = Math.min(used, full.height + overlap);
  el.style.height = `${height}px`;
  // Plotly anchors a wrapped horizontal legend's bottom as if it had one row, so its other rows
  // hang over the plot: lift it by the overlap (in paper units of the new plot area) and give the
  // top margin (Plotly's own, already grown for the legend) the same room.
  const area = height - (size.t + overlap) - size.b;
  const lift = overlap && area > 0 ? { "margin.t": size.t + overlap, "legend.y": (full.legend?.y ?? 1.01) + overlap / area } : {};
  await P.relayout(el, { height, ...lift });
}
