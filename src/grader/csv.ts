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

/** Rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

