import type { Figure } from "../plot/plotly-types";
import { createDisplay, type BundleWriter, type Progress } from "./display-core";
import type { MimeBundle } from "./mime-bundle";
import type { Row, TableOptions } from "./table-bundle";

/**
 * The notebook display helpers for a lesson page's live cells: the same `show`, `table`,
 * `markdown` and `progress` as display-node.ts (one core, display-core.ts), writing each output
 * to the sink the live-cell worker installs (it forwards the bundle to the page, which renders it
 * as the built page does). The live cells import `./src/notebook/display-node` and get this file.
 */

export type { Progress };

/** Where the worker receives bundles; kept on globalThis so every copy of this module shares it. */
const SINK_KEY = "__descentDisplaySink";

export function setDisplaySink(sink: BundleWriter | undefined): void {
  (globalThis as Record<string, unknown>)[SINK_KEY] = sink;
}

const write: BundleWriter = (bundle: MimeBundle, displayId?: string, update?: boolean) => {
  const sink = (globalThis as Record<string, unknown>)[SINK_KEY] as BundleWriter | undefined;
  if (sink) sink(bundle, displayId, update);
  else console.log(typeof bundle["text/plain"] === "string" ? bundle["text/plain"] : JSON.stringify(bundle));
};

let counter = 0;
const display = createDisplay(write, (prefix) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`);

/** Shows a Plotly figure built by src/plot (e.g. `lossCurvesFigure`, `surfaceContourFigure`). */
export function show(figure: Figure): void {
  display.show(figure);
}

/** Shows measured rows as an HTML table (text fallback aligned in columns). */
export function table(rows: readonly Row[], options: TableOptions = {}): void {
  display.table(rows, options);
}

/** Shows markdown (with LaTeX `$...$`) computed in code. */
export function markdown(text: string): void {
  display.markdown(text);
}

/** One output that a long loop updates in place. */
export function progress(label: string, total?: number): Progress {
  return display.progress(label, total);
}

/** Writes a prepared bundle (check-browser.ts's report). */
export function writeBundle(bundle: MimeBundle): void {
  write(bundle);
}
