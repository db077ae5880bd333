import type { Page } from "playwright-core";

/**
 * What a lesson page shows under each code cell (.live-cell .live-out), summarised so that the
 * built outputs and the live run's can be compared: the kind of each output, its text, and for a
 * figure its traces. Consecutive markdown elements are one markdown output (the built page puts
 * a markdown output's paragraphs and lists side by side), consecutive stdout blocks one stream
 * (as Jupyter merges a stream).
 */
export interface Trace { type: string; name: string; length: number }
export interface OutputSummary { kind: "stdout" | "stderr" | "html" | "markdown" | "figure" | "note" | "other"; text: string; traces?: Trace[] }

export async function cellOutputs(page: Page): Promise<Record<number, OutputSummary[]>> {
  return page.evaluate(async () => {
    const traces = (fig: { data?: Record<string, unknown>[] }) =>
      (fig.data ?? []).map((t) => {
        const len = (k: string) => (Array.isArray(t[k]) ? (t[k] as unknown[]).length : 0);
        return { type: String(t.type ?? "scatter"), name: String(t.name ?? ""), length: Math.max(len("x"), len("y"), len("z"), len("values")) };
      });
    // Text with a space between text nodes (a table's cells, KaTeX's pieces); a table row by row,
    // each cell prefixed by its column's header (so that a timing column is known by its name).
    const textOf = (el: Element): string => {
      const tables = Array.from(el.querySelectorAll("table"));
      if (tables.length) {
        return tables
          .map((t) => {
            const head = Array.from(t.querySelectorAll("thead th")).map((h) => h.textContent?.trim() ?? "");
            const caption = t.querySelector("caption")?.textContent ?? "";
            const rows = Array.from(t.querySelectorAll("tbody tr")).map((tr) =>
              Array.from(tr.children).map((td, j) => `${head[j] ?? ""}: ${td.textContent?.trim() ?? ""}`).join("\n"),
            );
            return [caption, ...rows].join("\n");
          })
          .join("\n");
      }
      const parts: string[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // A formula is read from its TeX (KaTeX keeps it in an annotation): "8.9e-16" stays one
        // number, where the rendered pieces would be "8.9", "e", "−", "16".
        const parent = n.parentElement as Element | null;
        if (parent?.closest(".katex-html")) continue;
        if (parent?.closest(".katex-mathml") && !parent.closest("annotation")) continue;
        parts.push(n.textContent ?? "");
      }
      return parts.join(" ");
    };
    const out: Record<number, unknown[]> = {};
    for (const cell of Array.from(document.querySelectorAll<HTMLElement>(".live-cell"))) {
      const list: { kind: string; text: string; traces?: unknown }[] = [];
      for (const el of Array.from(cell.querySelector(".live-out")!.children) as HTMLElement[]) {
        const plot = el.querySelector<HTMLElement & { liveFigure?: { data?: Record<string, unknown>[] } }>(".nb-plot");
        let item: { kind: string; text: string; traces?: unknown };
        if (plot?.liveFigure) item = { kind: "figure", text: "", traces: traces(plot.liveFigure) };
        else if (plot?.dataset.figure) {
          const fig = (await (await fetch(plot.dataset.figure)).json()) as { data?: Record<string, unknown>[] };
          item = { kind: "figure", text: "", traces: traces(fig) };
        } else if (el.matches(".nb-output.nb-md") || !el.classList.contains("nb-output")) item = { kind: "markdown", text: textOf(el) };
        else if (el.matches(".nb-html")) item = { kind: "html", text: textOf(el) };
        else if (el.matches(".live-jupyter-only")) item = { kind: "note", text: el.textContent ?? "" };
        else if (el.querySelector("pre.nb-stdout")) item = { kind: "stdout", text: el.textContent ?? "" };
        else if (el.querySelector("pre.nb-stderr")) item = { kind: "stderr", text: el.textContent ?? "" };
        else item = { kind: "other", text: el.textContent ?? "" };
        const prev = list[list.length - 1];
        if (prev && prev.kind === item.kind && (item.kind === "markdown" || item.kind === "stdout")) prev.text += "\n" + item.text;
        else list.push(item);
      }
      out[Number(cell.dataset.cell)] = list;
    }
    return out;
  }) as Promise<Record<number, OutputSummary[]>>;
}

/**
 * Numbers that legitimately differ between two runs: those in a sentence, line or table row that
 * speaks of time or speed (wall-clock measurements and what is computed from them). The rule: a
 * chunk (text split at sentence ends, line breaks and table rows) that matches TIMING keeps its
 * numbers out of the comparison; every other number must agree within one unit of its last
 * printed digit (or 1e-9 relative). Numbers at the level of rounding error (both below 1e-12 in
 * magnitude, e.g. "the largest difference is 4.4e-16") are measurements of float rounding, which
 * differs with the engine's Math functions: they are compared as equal.
 */
export const TIMING = /\/\s*s\b|\b(ms|µs|sec|secs|seconds?|per second|wall|wall-clock|time|timing|timings|speed|speedup|faster|slower|throughput|elapsed|updates? per|examples? per)\b|\d\s*s\b/i;

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

function chunks(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+|\n+/).map((c) => c.trim()).filter(Boolean);
}

/** Tolerance of a printed number: one unit of its last digit. */
function unit(s: string): number {
  const m = /^[-+]?(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(s);
  if (!m) return 0;
  const decimals = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  return 10 ** (exp - decimals);
}

export function numbersOf(text: string): string[] {
  // KaTeX writes a minus as U+2212.
  return chunks(text.replace(/\u2212/g, "-")).filter((c) => !TIMING.test(c)).flatMap((c) => c.match(NUMBER) ?? []);
}

/** Differences between two texts' (non-timing) numbers, as messages; [] when they agree. */
export function compareNumbers(built: string, live: string): string[] {
  const a = numbersOf(built);
  const b = numbersOf(live);
  if (a.length !== b.length) return [`${a.length} numbers built, ${b.length} live:\n  built: ${built.slice(0, 400)}\n  live:  ${live.slice(0, 400)}`];
  const bad: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = Number(a[i]);
    const y = Number(b[i]);
    if (Math.abs(x) < 1e-12 && Math.abs(y) < 1e-12) continue;
    const tol = Math.max(unit(a[i]!), unit(b[i]!), 1e-9 * Math.abs(x));
    if (!(Math.abs(x - y) <= tol * 1.0000001)) bad.push(`number ${i + 1}: built ${a[i]}, live ${b[i]}`);
  }
  return bad;
}

/**
 * Kinds, numbers and figures' traces of one cell's outputs; [] when they agree. `structureOnly`:
 * kinds, and each figure's trace count, types and lengths (not names, not numbers).
 */
export function compareOutputs(built: OutputSummary[], live: OutputSummary[], structureOnly = false): string[] {
  const kinds = (l: OutputSummary[]) => l.map((o) => o.kind).join(",");
  if (kinds(built) !== kinds(live)) return [`output kinds differ: built [${kinds(built)}], live [${kinds(live)}]${live.some((o) => o.kind === "stderr") ? `: ${live.filter((o) => o.kind === "stderr").map((o) => o.text).join(" | ").slice(0, 500)}` : ""}`];
  const bad: string[] = [];
  built.forEach((b, i) => {
    const l = live[i]!;
    if (b.kind === "figure") {
      const t = (x: Trace[] | undefined) => JSON.stringify((x ?? []).map((tr) => (structureOnly ? { type: tr.type, length: tr.length } : tr)));
      if (t(b.traces) !== t(l.traces)) bad.push(`figure ${i + 1}: traces built ${t(b.traces)}, live ${t(l.traces)}`);
    } else if (!structureOnly) {
      for (const m of compareNumbers(b.text, l.text)) bad.push(`${b.kind} output ${i + 1}: ${m}`);
    }
  });
  return bad;
}
