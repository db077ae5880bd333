/**
 * CSV for the gradebook, as RFC 4180 writes it: fields separated by commas, records by CRLF, and a
 * field holding a comma, a double quote, a CR or an LF enclosed in double quotes (quotes doubled).
 * A text cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a
 * CR: a student folder named `=1+2`) is neutralised as OWASP advises for CSV injection: a single
 * quote is put in front, so the cell shows as the text it is. Numbers are written as numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell, neutralised and quoted as needed. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document from rows of cells (strings are text cells; numbers are written as is). */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map((c) => (typeof c === "number" ? String(c) : csvText(c))).join(",")).join("\r\n") + "\r\n";
}
