// Everything interactive on a lesson page, started once per page:
// - notebook plots (.nb-plot[data-figure]) drawn when they scroll into view;
// - equation to code (.eq2code): hovering or focusing a term highlights the line computing it;
// - the convention switch (.convention-switch): seed vs PyTorch form, both trajectories on one plot.
import { loadPlotly, PLOT_CONFIG } from "./plotly-loader";

async function drawPlot(el: HTMLElement): Promise<void> {
  const url = el.dataset.figure;
  if (!url || el.dataset.drawn) return;
  el.dataset.drawn = "pending";
  try {
    const [P, figure] = await Promise.all([loadPlotly(), fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.json() as Promise<{ data: unknown[]; layout?: Record<string, unknown>; frames?: unknown[] }>;
    })]);
    el.textContent = "";
    const layout = { ...(figure.layout ?? {}), autosize: true };
    await P.newPlot(el, figure.data, layout, PLOT_CONFIG);
    if (figure.frames?.length) await P.addFrames(el, figure.frames);
    el.dataset.drawn = "yes";
  } catch (e) {
    el.dataset.drawn = "failed";
    el.textContent = `This figure could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
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
  for (const box of Array.from(document.querySelectorAll<HTMLElement>(".eq2code"))) {
    const all = (term: string) => box.querySelectorAll<HTMLElement>(`[data-term="${CSS.escape(term)}"]`);
    let current: string | null = null;
    const light = (term: string | null) => {
      if (term === current) return;
      if (current) for (const e of Array.from(all(current))) e.classList.remove("term-on");
      current = term;
      if (term) for (const e of Array.from(all(term))) e.classList.add("term-on");
    };
    const termOf = (t: EventTarget | null) => (t instanceof Element ? t.closest<HTMLElement>("[data-term]")?.dataset.term ?? null : null);
    // A term stays lit while the pointer crosses the gaps between terms; leaving the box clears it.
    box.addEventListener("mouseover", (e) => {
      const t = termOf(e.target);
      if (t) light(t);
    });
    box.addEventListener("mouseleave", () => light(null));
    box.addEventListener("focusin", (e) => light(termOf(e.target)));
    box.addEventListener("focusout", () => light(null));
    box.dataset.ready = "true"; // wired: hover and focus work from here on (tests wait for this)
  }
}

function conventionSwitches(): void {
  const boxes = Array.from(document.querySelectorAll<HTMLElement>(".convention-switch"));
  if (!boxes.length) return;
  void import("./convention-switch").then((m) => {
    for (const b of boxes) m.startConventionSwitch(b);
  });
}

export function startLessonWidgets(): void {
  watchPlots();
  linkEquationsToCode();
  conventionSwitches();
}
