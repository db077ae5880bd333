import type { Figure } from "../plot/plotly-types";
import { figureBundle } from "./figure-bundle";
import type { MimeBundle } from "./mime-bundle";
import { markdownBundle } from "./mime-bundle";
import { progressBundle, type ProgressState } from "./progress-bundle";
import { tableBundle, type Row, type TableOptions } from "./table-bundle";

/**
 * The notebook display helpers (`show`, `table`, `markdown`, `progress`), written once for every
 * environment: display-node.ts binds them to tslab's kernel, display-browser.ts to the lesson
 * page's live cells. Only how a bundle is written and how an id is made differ.
 */

/** Sends one output; with `displayId` and `update`, replaces the output shown under that id. */
export type BundleWriter = (bundle: MimeBundle, displayId?: string, update?: boolean) => void;

export interface Progress {
  /** Reports `done` units (and an optional short note such as the loss); redrawn at most 10 times a second. */
  update(done: number, note?: string): void;
  /** Draws the final state. */
  finish(note?: string): void;
}

export interface Display {
  show(figure: Figure): void;
  table(rows: readonly Row[], options?: TableOptions): void;
  markdown(text: string): void;
  progress(label: string, total?: number): Progress;
}

function isFigure(x: unknown): x is Figure {
  return typeof x === "object" && x !== null && Array.isArray((x as Figure).data) && typeof (x as Figure).layout === "object" && (x as Figure).layout !== null;
}

const MIN_REDRAW_MS = 100;

export function createDisplay(write: BundleWriter, newId: (prefix: string) => string): Display {
  return {
    show(figure: Figure): void {
      if (!isFigure(figure)) {
        throw new TypeError(`show(figure): expected a Plotly figure { data: [...], layout: {...} } from src/plot, got ${figure === null ? "null" : typeof figure}`);
      }
      write(figureBundle(figure, { id: newId("descent-figure") }));
    },
    table(rows: readonly Row[], options: TableOptions = {}): void {
      write(tableBundle(rows, options));
    },
    markdown(text: string): void {
      if (typeof text !== "string") throw new TypeError(`markdown(text): expected a string, got ${typeof text}`);
      write(markdownBundle(text));
    },
    progress(label: string, total?: number): Progress {
      if (total !== undefined && !(Number.isInteger(total) && total >= 0)) {
        throw new RangeError(`progress(label, total): total must be a whole number >= 0, got ${total}`);
      }
      const id = newId("descent-progress");
      const start = Date.now();
      let last = 0;
      let state: ProgressState = { label, done: 0, total, seconds: 0 };
      const draw = (update: boolean) => write(progressBundle(state), id, update);
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
    },
  };
}
