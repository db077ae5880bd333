// Plotly (cartesian bundle, 1.5 MB) is loaded once, on demand: only when a plot scrolls near
// the viewport or the playground starts. Pages reserve each plot's height, so nothing shifts.
type PlotlyModule = {
  newPlot(el: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  react(el: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  relayout(el: HTMLElement, update: object): Promise<unknown>;
  restyle(el: HTMLElement, update: object, traces?: number[]): Promise<unknown>;
  addFrames(el: HTMLElement, frames: unknown[]): Promise<unknown>;
  animate(el: HTMLElement, frames: unknown, opts?: object): Promise<unknown>;
  purge(el: HTMLElement): void;
};

let plotly: Promise<PlotlyModule> | undefined;

export function loadPlotly(): Promise<PlotlyModule> {
  if (!plotly) {
    plotly = import("plotly.js-cartesian-dist-min").then((m: { default?: unknown }) => (m.default ?? m) as PlotlyModule);
  }
  return plotly;
}

export const PLOT_CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d", "toImage"] };

// Plots keep their white paper in the dark theme too (see .nb-plot in site.css): the library's
// figures (palette, pale contour scale, black SGD line) are designed and checked for white, and a
// light card on a dark page stays readable where recoloured traces would lose contrast.
