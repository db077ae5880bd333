// The computing half of the convention switch (convention-switch.ts): both forms of an update
// rule run by the library itself (src/) from the same start, drawn on one contour plot. It is a
// module of its own so that the library loads only when a comparison plot comes near the view.
import { createOptimizer, getSurface, minimize, surfaceContourFigure, type OptimizerOptions } from "../../../src/index";
import { loadPlotly, PLOT_CONFIG } from "./plotly-loader";
import { fitEqualAspect } from "./fit-figure";

export interface Compare {
  surface: string;
  steps: number;
  options: OptimizerOptions;
  pytorchOptions?: OptimizerOptions;
}

function run(name: string, cmp: Compare) {
  const surface = getSurface(cmp.surface);
  const seed = minimize(surface, surface.start, createOptimizer(name, { ...cmp.options, convention: "seed" }), { steps: cmp.steps });
  const torch = minimize(surface, surface.start, createOptimizer(name, { ...(cmp.pytorchOptions ?? cmp.options), convention: "pytorch" }), { steps: cmp.steps });
  return { surface, seed, torch };
}

function describe(o: OptimizerOptions): string {
  return Object.entries(o).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(", ") : String(v)}`).join(", ") || "defaults";
}

/** Runs both forms of `name` and draws them into `plot`; says how far apart they end in `note`. */
export async function drawComparison(plot: HTMLElement, note: HTMLElement | null, name: string, cmp: Compare): Promise<void> {
  const { surface, seed, torch } = run(name, cmp);
  const fig = surfaceContourFigure({
    surface,
    trajectories: [
      { name: `${name} (seed)`, points: seed.trajectory, color: "#1d4ed8" },
      { name: `${name} (PyTorch)`, points: torch.trajectory, color: "#d97706" },
    ],
    title: `${cmp.steps} steps of each form`,
  });
  const P = await loadPlotly();
  plot.textContent = "";
  plot.dataset.drawn = "yes";
  // The library decides the figure's height; the page reserved the same (scripts/site/lessons.mjs).
  if (Number(fig.layout.height) > 0) plot.style.height = `${Number(fig.layout.height)}px`;
  await P.newPlot(plot, fig.data as unknown[], { ...fig.layout, autosize: true }, PLOT_CONFIG);
  await fitEqualAspect(plot, P);
  const last = (r: typeof seed) => r.loss[r.loss.length - 1];
  // How far apart the two paths ever get (a same-rule pair differs only by rounding).
  let gap = 0;
  const n = Math.min(seed.trajectory.length, torch.trajectory.length);
  for (let k = 0; k < n; k++) gap = Math.max(gap, Math.hypot(seed.trajectory[k][0] - torch.trajectory[k][0], seed.trajectory[k][1] - torch.trajectory[k][1]));
  const same = seed.trajectory.length === torch.trajectory.length && gap < 1e-9;
  if (note) {
    note.textContent =
      (same ? `The two forms give the same path here (largest gap ${gap.toExponential(1)}): the orange line covers the blue one. ` : `The paths differ by up to ${gap.toPrecision(2)}. `) +
      `Seed form (${describe(cmp.options)}): final loss ${last(seed).toExponential(2)}${seed.stopped ? ` (${seed.stopped.reason})` : ""}. ` +
      `PyTorch form (${describe(cmp.pytorchOptions ?? cmp.options)}): final loss ${last(torch).toExponential(2)}${torch.stopped ? ` (${torch.stopped.reason})` : ""}.`;
  }
}
