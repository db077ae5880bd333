// The convention switch on optimizer lessons: the course's (seed) form of the update rule
// against PyTorch's, and both trajectories from the same start on one contour plot. The
// trajectories are computed here, in the browser, by the library itself (src/).
import { createOptimizer, getSurface, minimize, surfaceContourFigure, type OptimizerOptions } from "../../../src/index";
import { wireEquationToCode } from "./eq2code-hover";
import { loadPlotly, PLOT_CONFIG } from "./plotly-loader";
import { fitEqualAspect } from "./fit-figure";

interface Compare {
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

/** A form's equation-to-code box, fetched the first time it is shown (scripts/site/lessons.mjs writes it). */
async function loadForm(el: HTMLElement): Promise<void> {
  el.dataset.loaded = "pending";
  try {
    const r = await fetch(el.dataset.src!);
    if (!r.ok) throw new Error(`${el.dataset.src}: HTTP ${r.status}`);
    el.innerHTML = await r.text();
    for (const b of Array.from(el.querySelectorAll<HTMLElement>(".eq2code"))) wireEquationToCode(b);
    el.dataset.loaded = "yes";
  } catch (e) {
    el.dataset.loaded = "failed";
    el.textContent = `This form could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export function startConventionSwitch(box: HTMLElement): void {
  const name = box.dataset.optimizer ?? "";
  const cmp = JSON.parse(box.dataset.compare ?? "{}") as Compare;
  for (const input of Array.from(box.querySelectorAll<HTMLInputElement>('input[type="radio"]'))) {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      box.dataset.show = input.value;
      const lazy = box.querySelector<HTMLElement>(`.conv-${input.value}[data-src]`);
      if (lazy && !lazy.dataset.loaded) void loadForm(lazy);
    });
  }
  const plot = box.querySelector<HTMLElement>(".conv-plot");
  const note = box.querySelector<HTMLElement>(".conv-note");
  if (!plot) return;
  const draw = async () => {
    try {
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
    } catch (e) {
      plot.dataset.drawn = "failed";
      plot.textContent = `The comparison could not be computed: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      io.disconnect();
      void draw();
    }
  }, { rootMargin: "300px 0px" });
  io.observe(plot);
}
