// The page's side of the explorables: each <figure class="explorable"> arrives as a static
// figure (the seeded state, drawn at build time) with its sliders disabled. When it scrolls into
// view its sliders are enabled; a move updates the shown value and the playground link at once,
// and asks the shared worker (worker.ts) for the new panels. Only the latest request of a figure
// is drawn; the page never loads the library itself.
import { playgroundHref } from "./link";
import { resolve } from "./params";
import { parseSpec, showValue, sliderValue, type ExplorableSpec } from "./spec";
import type { ExploreReply, ExploreRequest } from "./worker";

let worker: Worker | null = null;
let nextId = 1;
const latest = new Map<string, number>();
const figures = new Map<string, HTMLElement>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (e: MessageEvent<ExploreReply>) => draw(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    for (const fig of figures.values()) if (fig.dataset.state === "computing") fail(fig, `the computation failed: ${e.message || "the worker stopped"}`);
    worker = null;
  };
  return worker;
}

function fail(fig: HTMLElement, message: string): void {
  fig.dataset.state = "failed";
  fig.querySelector(".ex-error")!.textContent = `This figure could not be recomputed (it shows the last state): ${message}`;
}

function draw(m: ExploreReply): void {
  const fig = figures.get(m.uid);
  if (!fig || latest.get(m.uid) !== m.id) return; // a superseded request
  if (!m.ok) return fail(fig, m.message);
  const t0 = performance.now();
  fig.querySelector(".ex-figure")!.innerHTML = m.panels;
  fig.querySelector(".ex-legend")!.innerHTML = m.legend;
  fig.querySelector(".ex-readout")!.innerHTML = m.readout;
  fig.querySelector(".ex-error")!.textContent = "";
  fig.dataset.state = "ready";
  fig.dataset.values = JSON.stringify(currentValues(fig));
  // What a move costs, for the tests' report: the worker's compute and drawing, and this page's DOM update.
  fig.dataset.ms = m.ms.toFixed(1);
  fig.dataset.drawMs = (performance.now() - t0).toFixed(1);
}

function currentValues(fig: HTMLElement): number[] {
  const spec = specOf.get(fig)!;
  return Array.from(fig.querySelectorAll<HTMLInputElement>("input.ex-input")).map((input, k) => sliderValue(spec.sliders[k], Number(input.value)));
}

const specOf = new WeakMap<HTMLElement, ExplorableSpec>();

function update(fig: HTMLElement): void {
  const spec = specOf.get(fig)!;
  const values = currentValues(fig);
  fig.querySelectorAll<HTMLInputElement>("input.ex-input").forEach((input, k) => {
    const text = showValue(values[k]);
    input.setAttribute("aria-valuetext", text);
    (input.parentElement!.querySelector("output") as HTMLOutputElement).textContent = text;
  });
  const link = fig.querySelector<HTMLAnchorElement>("a.ex-play");
  const { options, startScale } = resolve(spec, values);
  const href = playgroundHref(spec, options, startScale);
  if (link && href) link.href = href;
  const uid = fig.id;
  const id = nextId++;
  latest.set(uid, id);
  fig.dataset.state = "computing";
  getWorker().postMessage({ id, uid, spec, values } satisfies ExploreRequest);
}

function enable(fig: HTMLElement): void {
  if (fig.dataset.state) return;
  let spec: ExplorableSpec;
  try {
    spec = parseSpec(fig.dataset.spec ?? "", fig.id);
  } catch (e) {
    return fail(fig, e instanceof Error ? e.message : String(e));
  }
  specOf.set(fig, spec);
  figures.set(fig.id, fig);
  fig.dataset.state = "live";
  fig.querySelector("fieldset")?.removeAttribute("disabled");
  for (const input of Array.from(fig.querySelectorAll<HTMLInputElement>("input.ex-input"))) input.addEventListener("input", () => update(fig));
}

export function startExplorables(figs: HTMLElement[]): void {
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        io.unobserve(e.target);
        enable(e.target as HTMLElement);
      }
    },
    { rootMargin: "200px 0px" },
  );
  for (const f of figs) io.observe(f);
}
