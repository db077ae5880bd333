import { escapeHtml, type MimeBundle } from "./mime-bundle";

export interface ProgressState {
  label: string;
  /** Units done so far. */
  done: number;
  /** Units in all, when known. */
  total?: number;
  /** Seconds since the start. */
  seconds: number;
  /** A short status, e.g. the current loss. */
  note?: string;
  finished?: boolean;
}

/** "Training: 40/100 (40%) 1.2 s loss 0.31", the text both representations share. */
export function progressText(s: ProgressState): string {
  const count = s.total !== undefined ? `${s.done}/${s.total} (${Math.round((100 * s.done) / Math.max(s.total, 1))}%)` : `${s.done}`;
  return `${s.label}: ${count} ${s.seconds.toFixed(1)} s${s.note ? ` ${s.note}` : ""}${s.finished ? " done" : ""}`;
}

/** A progress bar (HTML `<progress>`, readable in light and dark themes) with a text fallback. */
export function progressBundle(s: ProgressState): MimeBundle {
  const text = progressText(s);
  const bar = s.total !== undefined ? `<progress value="${s.done}" max="${Math.max(s.total, 1)}" style="width:240px;vertical-align:middle"></progress> ` : "";
  return { "text/html": `<div class="descent-progress">${bar}<code>${escapeHtml(text)}</code></div>`, "text/plain": text };
}
