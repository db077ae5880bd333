// Math in notebook markdown, found exactly as Jupyter finds it, so that the site shows what the
// notebook shows.
//
// Jupyter (classic Notebook and JupyterLab alike) does not let the Markdown parser see math: its
// `removeMath` splits the cell's text on math delimiters, braces, line breaks and code spans, takes
// out every formula (`$...$`, `$$...$$`, `\\(...\\)`, `\\[...\\]`, `\begin{env}...\end{env}`),
// renders the rest as Markdown and puts the formulas back for MathJax: `$$` and environments are
// displays wherever they stand (on one line, inside a paragraph, over several lines), `$` is inline,
// `\$` is a dollar, a formula never crosses a blank line, and braces must balance before a closing
// delimiter counts. remark-math has different rules (a one-line `$$...$$` is inline; a `$$` block
// inside a paragraph can swallow the rest of the page), so the lesson generator uses this port of
// Jupyter's algorithm instead: each formula becomes a placeholder word that Markdown cannot touch
// (it carries the TeX, hex-encoded), and site/plugins/rehype-notebook-math.mjs renders the
// placeholders with KaTeX after Markdown has run.
import katex from "katex";

// Jupyter's MATHSPLIT (jupyterlab/packages/rendermime/src/latex.ts, notebook 6's mathjaxutils.js).
const MATHSPLIT = /(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[{}$]|[{}]|(?:\n\s*)+|@@\d+@@|\\\\(?:\(|\)|\[|\]))/i;

/**
 * Jupyter's removeMath. Returns the text with each formula replaced by `@@n@@`, and the formulas
 * (delimiters included) in order. A `@@n@@` already in the text is kept as a literal.
 */
export function removeMath(source) {
  const math = [];
  let start = null;
  let end = null;
  let last = null;
  let braces = 0;
  let text = source;
  // Code spans and fences: their dollars are hidden (as ~D) so that they never open a formula.
  const hasCode = text.includes("`") || text.includes("~~~");
  let deTilde = (s) => s;
  if (hasCode) {
    text = text
      .replace(/~/g, "~T")
      .replace(/^(?<fence>`{3,}|(~T){3,})[^`\n]*\n([\s\S]*?)^\k<fence>`*$/gm, (m) => m.replace(/\$/g, "~D"))
      .replace(/(^|[^\\])(`+)([^\n]*?[^`\n])\2(?!`)/gm, (m) => m.replace(/\$/g, "~D"));
    deTilde = (s) => s.replace(/~([TD])/g, (_, c) => (c === "T" ? "~" : "$"));
  }
  let blocks = text.replace(/\r\n?/g, "\n").split(MATHSPLIT);
  const processMath = (i, j) => {
    const block = blocks.slice(i, j + 1).join("");
    for (let k = j; k > i; k--) blocks[k] = "";
    blocks[i] = "@@" + math.length + "@@";
    math.push({ raw: deTilde(block), literal: false });
  };
  for (let i = 1, m = blocks.length; i < m; i += 2) {
    const block = blocks[i];
    if (block.charAt(0) === "@") {
      blocks[i] = "@@" + math.length + "@@";
      math.push({ raw: block, literal: true });
    } else if (start !== null) {
      if (block === end) {
        if (braces) last = i;
        else {
          processMath(start, i);
          start = end = last = null;
        }
      } else if (/\n.*\n/.test(block)) {
        if (last !== null) {
          i = last;
          processMath(start, i);
        }
        start = end = last = null;
        braces = 0;
      } else if (block === "{") braces++;
      else if (block === "}" && braces) braces--;
    } else if (block === "$" || block === "$$") {
      start = i;
      end = block;
      braces = 0;
    } else if (block === "\\\\(" || block === "\\\\[") {
      start = i;
      end = block.slice(-1) === "(" ? "\\\\)" : "\\\\]";
      braces = 0;
    } else if (block.substr(1, 5) === "begin") {
      start = i;
      end = "\\end" + block.substr(6);
      braces = 0;
    }
  }
  if (start !== null && last !== null) processMath(start, last);
  // Our addition: a dollar that opened no formula is a dollar (Markdown must not see it as math).
  for (let i = 1; i < blocks.length; i += 2) if (blocks[i] === "$" || blocks[i] === "$$") blocks[i] = blocks[i].replace(/\$/g, "\\$");
  return { text: deTilde(blocks.join("")), math };
}

/** One formula: its TeX without delimiters and whether Jupyter shows it as a display. */
export function classify(raw) {
  if (raw.startsWith("$$")) return { tex: raw.slice(2, -2), display: true };
  if (raw.startsWith("$")) return { tex: raw.slice(1, -1), display: false };
  if (raw.startsWith("\\\\[")) return { tex: raw.slice(3, -3), display: true };
  if (raw.startsWith("\\\\(")) return { tex: raw.slice(3, -3), display: false };
  return { tex: raw, display: true }; // \begin{env}...\end{env}: MathJax's processEnvironments shows it as a display
}

/** The formulas of a piece of notebook markdown, in order, as Jupyter finds them. */
export function formulasOf(markdown) {
  return removeMath(markdown).math.filter((m) => !m.literal).map((m) => classify(m.raw));
}

const PLACEHOLDER = /KATEXMATH([DI])([0-9a-f]+)Q/g;
const hex = (s) => Buffer.from(s, "utf8").toString("hex");
export const placeholderPattern = () => new RegExp(PLACEHOLDER.source, "g");
export const decodePlaceholder = (kind, h) => ({ display: kind === "D", tex: Buffer.from(h, "hex").toString("utf8") });

/**
 * Notebook markdown as the site's Markdown: every formula replaced by a placeholder word (letters
 * and hex digits only, so Markdown leaves it whole in any context: paragraph, heading, list, table,
 * emphasis, HTML block), to be rendered by rehype-notebook-math.
 */
export function mathToPlaceholders(markdown) {
  const { text, math } = removeMath(markdown);
  return text.replace(/@@(\d+)@@/g, (_, n) => {
    const m = math[Number(n)];
    if (m.literal) return m.raw;
    const { tex, display } = classify(m.raw);
    return `KATEXMATH${display ? "D" : "I"}${hex(tex)}Q`;
  });
}

/** KaTeX's options for notebook math: errors are thrown (the caller names the lesson). */
export function katexOptions(display, macros) {
  return { displayMode: display, throwOnError: true, strict: "ignore", output: "htmlAndMathml", macros, globalGroup: true, trust: false };
}

/** What a formula reads as in plain text (its MathML's characters): "\\gamma" -> "γ". */
export function mathPlainText(tex) {
  const mathml = katex.renderToString(tex, { output: "mathml", throwOnError: false, strict: "ignore" });
  return mathml
    .replace(/<annotation[\s\S]*?<\/annotation>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Markdown text (a title) with its formulas as plain text: "The effect of $\\gamma$" -> "The effect of γ". */
export function withPlainMath(markdown) {
  const { text, math } = removeMath(markdown);
  return text
    .replace(/@@(\d+)@@/g, (_, n) => (math[Number(n)].literal ? math[Number(n)].raw : mathPlainText(classify(math[Number(n)].raw).tex)))
    .replace(/\\\$/g, "$");
}
