// The convention switch on optimizer lessons: the course's (seed) form of the update rule
// against PyTorch's, and both trajectories from the same start on one contour plot. The
// trajectories are computed in the browser by the library itself (src/), loaded with
// convention-compare.ts when the plot comes near the view, not with the page.
import { wireEquationToCode } from "./eq2code-hover";
import type { Compare } from "./convention-compare";

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
      const { drawComparison } = await import("./convention-compare");
      await drawComparison(plot, note, name, cmp);
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
