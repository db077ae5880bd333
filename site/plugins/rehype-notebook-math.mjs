// Renders the math placeholders that site/lib/notebook-math.mjs put into the lessons' Markdown,
// with KaTeX, in two passes around Starlight's own heading plugins:
//  1. `rehypeMathMarkers` (first of all rehype plugins): each placeholder in the text becomes
//     <span data-math="..."> holding the formula's plain text ("γ" for \gamma), so that heading ids,
//     the table of contents and the anchor links read "The effect of γ", never KaTeX's markup.
//  2. `rehypeMathRender` (added after Starlight's plugins by the `notebookMath` integration): each
//     marker, and each placeholder left inside raw HTML, becomes KaTeX's output, displays as
//     displays. A formula KaTeX cannot render fails the build, naming the page and the formula.
// Rendered formulas are kept out of the search index (Pagefind would index KaTeX's hidden MathML
// and glyphs as text).
import katex from "katex";
import { fromHtml } from "hast-util-from-html";
import { decodePlaceholder, katexOptions, mathPlainText, placeholderPattern } from "../lib/notebook-math.mjs";
import { compactKatex, compactKatexIn, compactKatexTree, shareIconPath, katexSheet, katexSheetHtml } from "../lib/katex-compact.mjs";

function walk(node, fn, parent = null) {
  if (fn(node, parent) === "skip") return;
  if (node.children) for (const child of [...node.children]) walk(child, fn, node);
}

export function rehypeMathMarkers() {
  return (tree) => {
    walk(tree, (node, parent) => {
      if (node.type !== "text" || !parent || !placeholderPattern().test(node.value)) return;
      const parts = [];
      let at = 0;
      for (const m of node.value.matchAll(placeholderPattern())) {
        if (m.index > at) parts.push({ type: "text", value: node.value.slice(at, m.index) });
        const { tex, display } = decodePlaceholder(m[1], m[2]);
        parts.push({
          type: "element",
          tagName: "span",
          properties: { dataMath: m[2], dataDisplay: display ? "true" : "false" },
          children: [{ type: "text", value: mathPlainText(tex) }],
        });
        at = m.index + m[0].length;
      }
      if (at < node.value.length) parts.push({ type: "text", value: node.value.slice(at) });
      parent.children.splice(parent.children.indexOf(node), 1, ...parts);
    });
  };
}

function renderTex(tex, display, macros, where) {
  try {
    try {
      return katex.renderToString(tex, katexOptions(display, macros));
    } catch (e) {
      // MathJax lets \newcommand define \R, which KaTeX predefines: redefine it, as MathJax does.
      if (!/attempting to redefine/.test(e.message)) throw e;
      return katex.renderToString(tex.replace(/\\newcommand\b/g, "\\renewcommand"), katexOptions(display, macros));
    }
  } catch (e) {
    throw new Error(`${where}: KaTeX cannot render the ${display ? "display" : "inline"} formula ${JSON.stringify(tex.trim())}: ${e.message}`);
  }
}

/** KaTeX's HTML as hast, its root marked out of the search index. */
function katexNodes(html) {
  const root = fromHtml(html, { fragment: true });
  for (const n of root.children) if (n.type === "element") n.properties.dataPagefindIgnore = "all";
  return root.children;
}

export function rehypeMathRender() {
  return (tree, file) => {
    const where = file.path ? file.path.replace(/^.*\/src\/content\/docs\//, "") : "a page";
    const macros = {}; // \newcommand in one formula holds for the rest of the page, as in Jupyter
    // The page's shared KaTeX styles and paths (site/lib/katex-compact.mjs). Prose formulas lose
    // their TeX annotation; formulas in cell outputs and in raw HTML (equation-to-code boxes) keep
    // it: the live-cell tests read an output's numbers from it, on the static page as on the live one.
    const sheet = katexSheet();
    // Formulas inside a cell's outputs keep their TeX. A Markdown output is parsed with the page
    // between the raw `<div class="live-out">` and its `</div>`: the div depth is followed across
    // raw nodes in document order.
    let outputDepth = 0;
    const divDepth = (html) => (html.match(/<div\b/g)?.length ?? 0) - (html.match(/<\/div>/g)?.length ?? 0);
    walk(tree, (node, parent) => {
      if (node.type === "raw") {
        const at = node.value.indexOf('<div class="live-out">');
        if (outputDepth > 0) outputDepth += divDepth(at >= 0 ? node.value.slice(0, at) : node.value);
        if (at >= 0) outputDepth = Math.max(outputDepth, 0) + divDepth(node.value.slice(at));
      }
      const inOutput = outputDepth > 0;
      if (node.type === "element" && node.properties?.dataMath !== undefined && parent) {
        const { tex, display } = decodePlaceholder(node.properties.dataDisplay === "true" ? "D" : "I", String(node.properties.dataMath));
        parent.children.splice(parent.children.indexOf(node), 1, ...katexNodes(compactKatex(renderTex(tex, display, macros, where), sheet, { keepTex: inOutput })));
        return "skip";
      }
      if (node.type === "raw" && placeholderPattern().test(node.value)) {
        node.value = node.value.replace(placeholderPattern(), (_, kind, h) => {
          const { tex, display } = decodePlaceholder(kind, h);
          return compactKatex(renderTex(tex, display, macros, where), sheet, { keepTex: true }).replace(/^<span class="katex/, '<span data-pagefind-ignore="all" class="katex');
        });
      } else if (node.type === "raw" && node.value.includes('<span class="katex')) node.value = compactKatexIn(node.value, sheet, { keepTex: true });
      // Starlight's heading-anchor icons: one shared path (site/lib/katex-compact.mjs). Starlight
      // puts the same icon node in every link of every page: the link gets its own copy first.
      if (node.type === "element" && node.tagName === "a" && [node.properties?.class, node.properties?.className].flat().includes("sl-anchor-link")) {
        node.children = structuredClone(node.children);
        walk(node, (n) => { if (n.type === "element" && n.tagName === "path") shareIconPath(n, sheet); });
        return "skip";
      }
      // KaTeX's own rendering of any other formula (the equation-to-code boxes) is kept out of search too.
      if (node.type === "element" && Array.isArray(node.properties?.className) && node.properties.className.some((c) => c === "katex" || c === "katex-display")) {
        node.properties.dataPagefindIgnore = "all";
        compactKatexTree(node, sheet);
        return "skip";
      }
    });
    // Before the first formula, so that no formula is ever laid out without its rules.
    const head = katexSheetHtml(sheet);
    if (head) tree.children.unshift(...fromHtml(head, { fragment: true }).children);
  };
}

/** The Astro integration that runs rehypeMathRender after Starlight's rehype plugins. */
export function notebookMath() {
  return {
    name: "descent-notebook-math",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => updateConfig({ markdown: { rehypePlugins: [rehypeMathRender] } }),
    },
  };
}
