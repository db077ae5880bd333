import { randomBytes } from "crypto";
import type { Figure } from "../plot/plotly-types";
import { createDisplay, type Progress } from "./display-core";
import type { Row, TableOptions } from "./table-bundle";
import { writeBundle } from "./tslab-writer-node";

/**
 * What a notebook imports to show things: `show(figure)`, `table(rows)`, `markdown(text)` and
 * `progress(label, total)`. Each call is one Jupyter output with a rich representation and a
 * plain-text fallback (see figure-bundle.ts for how a figure finds plotly.js, offline). The
 * helpers themselves are display-core.ts (shared with the lesson pages' live cells,
 * display-browser.ts); this file binds them to tslab's kernel.
 *
 *   import { show, table, markdown, progress } from "./src/notebook/display-node";
 */

export type { Progress };

const display = createDisplay(writeBundle, (prefix) => `${prefix}-${randomBytes(6).toString("hex")}`);

/** Shows a Plotly figure built by src/plot (e.g. `lossCurvesFigure`, `surfaceContourFigure`). */
export function show(figure: Figure): void {
  display.show(figure);
}

/** Shows measured rows as an HTML table (text fallback aligned in columns). */
export function table(rows: readonly Row[], options: TableOptions = {}): void {
  display.table(rows, options);
}

/** Shows markdown (with LaTeX `$...$`) computed in code, e.g. a sentence with a measured number. */
export function markdown(text: string): void {
  display.markdown(text);
}

/**
 * One output that a long loop updates in place (Jupyter display ids), instead of printing a line
 * per step:
 *
 *   const bar = progress("Training", epochs);
 *   for (let e = 0; e < epochs; e++) { ...; bar.update(e + 1, `loss ${loss.toFixed(3)}`); }
 *   bar.finish();
 */
export function progress(label: string, total?: number): Progress {
  return display.progress(label, total);
}
