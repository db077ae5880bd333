import { randomBytes } from "crypto";
import type { Figure } from "../plot/plotly-types";
import { figureBundle } from "./figure-bundle";
import { markdownBundle } from "./mime-bundle";
import { progressBundle, type ProgressState } from "./progress-bundle";
import { tableBundle, type Row, type TableOptions } from "./table-bundle";
import { writeBundle } from "./tslab-writer-node";

/**
 * What a notebook imports to show things: `show(figure)`, `table(rows)`, `markdown(text)` and
 * `progress(label, total)`. Each call is one Jupyter output with a rich representation and a
 * plain-text fallback (see figure-bundle.ts for how a figure finds plotly.js, offline).
 *
 *   import { show, table, markdown, progress } from "./src/notebook/display-node";
 */

function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString("hex")}`;
}

function isFigure(x: unknown): x is Figure {
  return typeof x === "object" && x !== null && Array.isArray((x as Figure).data) && typeof (x as Figure).layout === "object" && (x as Figure).layout !== null;
}

/** Shows a Plotly figure built by src/plot (e.g. `lossCurvesFigure`, `surfaceContourFigure`). */
export function show(figure: Figure): void {
  if (!isFigure(figure)) {
    throw new TypeError(`show(figure): expected a Plotly figure { data: [...], layout: {...} } from src/plot, got ${figure === null ? "null" : typeof figure}`);
  }
  writeBundle(figureBundle(figure, { id: newId("descent-figure") }));
}

/** Shows measured rows as an HTML table (text fallback aligned in columns). */
export function table(rows: readonly Row[], options: TableOptions = {}): void {
  writeBundle(tableBundle(rows, options));
}

/** Shows markdown (with LaTeX `$...$`) computed in code, e.g. a sentence with a measured number. */
export function markdown(text: string): void {
  if (typeof text !== "string") throw new TypeError(`markdown(text): expected a string, got ${typeof text}`);
  writeBundle(markdownBundle(text));
}

export interface Progress {
  /** Reports `done` units (and an optional short note such as the loss); redrawn at most 10 times a second. */
  update(done: number, note?: string): void;
  /** Draws the final state. */
  finish(note?: string): void;
}

const MIN_REDRAW_MS = 100;

/**
 * One output that a long loop updates in place (Jupyter display ids), instead of printing a line
 * per step:
 *
 *   const bar = progress("Training", epochs);
 *   for (let e = 0; e < epochs; e++) { ...; bar.update(e + 1, `loss ${loss.toFixed(3)}`); }
 *   bar.finish();
 */
export function progress(label: string, total?: number): Progress {
  if (total !== undefined && !(Number.isInteger(total) && total >= 0)) {
    throw new RangeError(`progress(label, total): total must be a whole number >= 0, got ${total}`);
  }
  const id = newId("descent-progress");
  const start = Date.now();
  let last = 0;
  let state: ProgressState = { label, done: 0, total, seconds: 0 };
  const draw = (update: boolean) => writeBundle(progressBundle(state), id, update);
  draw(false);
  return {
    update(done: number, note?: string) {
      state = { ...state, done, note, seconds: (Date.now() - start) / 1000 };
      const now = Date.now();
      if (now - last < MIN_REDRAW_MS) return;
      last = now;
      draw(true);
    },
    finish(note?: string) {
      state = { ...state, done: state.total ?? state.done, note: note ?? state.note, seconds: (Date.now() - start) / 1000, finished: true };
      draw(true);
    },
  };
}
