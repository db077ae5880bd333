import { escapeHtml, type MimeBundle } from "./mime-bundle";

/** One table cell: numbers are formatted, null shows as an empty cell. */
export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export interface TableOptions {
  /** Significant digits for non-integer numbers (default 4). */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
  /** Column order (default: keys in order of first appearance). */
  columns?: string[];
}

/**
 * A number as a reader wants it in a measured table: integers in full, others to `digits`
 * significant digits, very small or large ones in exponent form; NaN and infinities by name.
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

function cellText(v: Cell, digits: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v, digits);
  return String(v);
}

function columnsOf(rows: readonly Row[], columns?: string[]): string[] {
  if (columns) return columns;
  const seen: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.includes(k)) seen.push(k);
  return seen;
}

/** A table of measured rows as HTML (numbers right-aligned) with an aligned plain-text fallback. */
export function tableBundle(rows: readonly Row[], options: TableOptions = {}): MimeBundle {
  if (!Array.isArray(rows)) throw new TypeError(`table(rows): rows must be an array of objects, got ${typeof rows}`);
  const digits = options.digits ?? 4;
  const cols = columnsOf(rows, options.columns);
  const cells = rows.map((r) => cols.map((c) => cellText(r[c], digits)));
  const numeric = cols.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === "number" || r[c] == null));
  const widths = cols.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j]!.length)));
  const pad = (s: string, j: number) => (numeric[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!));
  const text = [
    ...(options.caption ? [options.caption] : []),
    cols.map(pad).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((row) => row.map(pad).join("  ")),
  ].join("\n");
  const align = (j: number) => (numeric[j] ? ' style="text-align:right"' : ' style="text-align:left"');
  const html = [
    '<table class="descent-table">',
    ...(options.caption ? [`<caption style="text-align:left">${escapeHtml(options.caption)}</caption>`] : []),
    `<thead><tr>${cols.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>${cells.map((row) => `<tr>${row.map((v, j) => `<td${align(j)}>${escapeHtml(v)}</td>`).join("")}</tr>`).join("")}</tbody>`,
    "</table>",
  ].join("\n");
  return { "text/html": html, "text/plain": text };
}
