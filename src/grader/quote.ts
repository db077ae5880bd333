/**
 * Student text in the grader's reports (a thrown message, console output, a returned string or
 * key) is quoted, so it can never look like the grader's own lines: a message holding
 * "\ntotal 115/115\nEvery test passes." prints as one quoted line with \n in it. Line and
 * paragraph separators and bidirectional controls are escaped too (they move or hide text).
 */

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const json = JSON.stringify(c);
  return json.length > 3 || c === '"' ? json.slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Student text as one line, without quotes: every control or invisible character escaped. */
export function oneLineText(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** Student text as a quoted, one-line string, cut at `max` characters. */
export function quoteStudent(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}...` : text;
  return `"${oneLineText(cut.replace(/\\/g, "\\\\").replace(/"/g, '\\"'))}"`;
}
