// Everything interactive on a lesson page, started once per page:
// - notebook plots (.nb-plot[data-figure]) drawn when they scroll into view;
// - equation to code (.eq2code): hovering or focusing a term highlights the line computing it;
// - the convention switch (.convention-switch): seed vs PyTorch form, both trajectories on one plot;
// - explorables (figure.explorable): sliders in the prose, recomputed in a worker.
import { wireEquationToCode } from "./eq2code-hover";
import { loadPlotly, PLOT_CONFIG } from "./plotly-loader";
import { fitEqualAspect } from "./fit-figure";
import { wireLiveCells } from "./live/boot";

export interface FigureJson { data: unknown[]; layout?: Record<string, unknown>; frames?: unknown[] }

/**
 * Draws a notebook figure into its .nb-plot box: the one drawing path for the built figures and
 * the live cells' figures (site/src/scripts/live/render.ts).
 */
export async function drawFigure(el: HTMLElement, figure: FigureJson, P?: Awaited<ReturnType<typeof loadPlotly>>): Promise<void> {
  P ??= await loadPlotly();
  // The static rendering stays in the page (hidden on screen once drawn, shown in print).
  for (const child of Array.from(el.childNodes)) if (!(child instanceof HTMLElement && child.classList.contains("nb-static"))) child.remove();
  const layout = { ...(figure.layout ?? {}), autosize: true };
  await P.newPlot(el, figure.data, layout, PLOT_CONFIG);
  await fitEqualAspect(el, P);
  if (figure.frames?.length) await P.addFrames(el, figure.frames);
  el.dataset.drawn = "yes";
}

export async function drawPlot(el: HTMLElement): Promise<void> {
  const url = el.dataset.figure;
  if (!url || el.dataset.drawn) return;
  el.dataset.drawn = "pending";
  try {
    const [P, figure] = await Promise.all([loadPlotly(), fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json() as Promise<FigureJson>;
    })]);
    await drawFigure(el, figure, P);
  } catch (e) {
    el.dataset.drawn = "failed";
    const note = document.createElement("p");
    note.className = "nb-plot-error";
    note.textContent = `The interactive figure could not be drawn (the static one is shown): ${e instanceof Error ? e.message : String(e)}`;
    el.prepend(note);
  }
}

function watchPlots(): void {
  const plots = Array.from(document.querySelectorAll<HTMLElement>(".nb-plot[data-figure]"));
  if (!plots.length) return;
  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        io.unobserve(entry.target);
        void drawPlot(entry.target as HTMLElement);
      }
    },
    { rootMargin: "300px 0px" },
  );
  for (const p of plots) io.observe(p);
}

function linkEquationsToCode(): void {
  for (const box of Array.from(document.querySelectorAll<HTMLElement>(".eq2code"))) wireEquationToCode(box);
}

function conventionSwitches(): void {
  const boxes = Array.from(document.querySelectorAll<HTMLElement>(".convention-switch"));
  if (!boxes.length) return;
  void import("./convention-switch").then((m) => {
    for (const b of boxes) m.startConventionSwitch(b);
  });
}

/** Explorables (site/lib/explorables.mjs): their small script loads only if the page has one. */
function explorables(): void {
  const figs = Array.from(document.querySelectorAll<HTMLElement>("figure.explorable"));
  if (!figs.length) return;
  void import("./explorables/widget").then((m) => m.startExplorables(figs));
}

export function startLessonWidgets(): void {
  wireLiveCells(); // the lessons' live cells: buttons only; the runtime loads on the first click
  watchPlots();
  explorables();
  linkEquationsToCode();
  conventionSwitches();
}
