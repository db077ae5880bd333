/**
 * A Jupyter MIME bundle: one output carrying several representations of the same thing, of which
 * the front end shows the richest it can render (JupyterLab's Plotly renderer, the HTML fallback
 * in classic Notebook and nbconvert exports, plain text in a terminal). Browser-safe and pure.
 */
export type MimeBundle = Record<string, string | object>;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to put inside HTML (element content or a quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON made safe inside an inline `<script>`: `</script>` (and `<!--`) in a string would end the
 * script early, and U+2028/U+2029 are line breaks to older JavaScript parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A markdown output with its own text as the plain fallback. */
export function markdownBundle(markdown: string): MimeBundle {
  return { "text/markdown": markdown, "text/plain": markdown };
}
