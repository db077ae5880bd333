// Expressive Code (Starlight's code blocks) colours every token with an inline style carrying one
// CSS variable per theme, e.g. `<span style="--0:#F97583;--1:#BF3441">`. A lesson has thousands of
// tokens but only a dozen distinct colour pairs, so those attributes were about a third of a
// lesson's HTML. This pass gives each distinct style a short class instead (`ec-t` + the style's
// number on the page: `ec-t0`, `ec-t1`, ...) and adds one small <style> per page with the
// variables and the rules Expressive Code would have applied. It also drops the class of the
// `<span class="indent">` around each line's leading spaces in blocks that do not wrap (the only
// rule that reads that class is `pre.wrap ... span.indent`). Runs after Expressive Code's rehype
// plugin.

/** Token styles Expressive Code writes: only theme variables (`--0`, `--1fs`, ...). */
const TOKEN_STYLE = /^(?:--\d+(?:bg|fs|fw|td)?:[^;"<>{}]+;?)+$/;

/** The class for the page's `k`-th distinct token style. */
export const tokenClass = (k) => "ec-t" + k.toString(36);

// Expressive Code's own selectors (its ec.*.css), with `span[style^='--']:not([class])` replaced by
// the token classes. Theme 0 is the dark theme, 1 the light one (astro.config.mjs' order).
const themeRule = (i) => `{color:var(--${i},inherit);background-color:var(--${i}bg,transparent);font-style:var(--${i}fs,inherit);font-weight:var(--${i}fw,inherit);text-decoration:var(--${i}td,inherit)}`;
const TOKEN = ":where(span[class^='ec-t'])";
export const TOKEN_CSS =
  `.expressive-code .ec-line ${TOKEN},:root:not([data-theme='dark']) .expressive-code[data-theme='dark'] .ec-line ${TOKEN}${themeRule(0)}` +
  `:root:not([data-theme='dark']) .expressive-code .ec-line ${TOKEN}${themeRule(1)}` +
  `:root[data-theme='light'] .expressive-code:not([data-theme='dark']) .ec-line ${TOKEN},.expressive-code[data-theme='light'] .ec-line ${TOKEN}${themeRule(1)}`;

// A token in the code's default colour (github-dark's and github-light's foreground, which is
// Expressive Code's --ec-codeFg in each theme) needs no span at all: its text inherits that colour.
const DEFAULT_STYLE = "--0:#E1E4E8;--1:#24292E";

function walk(node, visit) {
  visit(node);
  for (const c of node.children ?? []) walk(c, visit);
}

/** The copy button's `data-code` repeats the block's text; site/src/scripts/code-copy.ts reads it from the block on click instead. */
function dropCopyText(node) {
  if (node.type === "element" && node.tagName === "button" && typeof node.properties?.dataCode === "string") delete node.properties.dataCode;
}

const isIndent = (c) => c.type === "element" && c.tagName === "span" && [c.properties?.className].flat().includes("indent");

/**
 * In a <pre> without the `wrap` class, each line's indent span loses its class. The span stays:
 * merged into the next text, the spaces would shift the rest of the line by a fraction of a pixel.
 */
function unwrapIndents(pre) {
  if ([pre.properties?.className].flat().includes("wrap")) return;
  walk(pre, (n) => {
    if (isIndent(n)) delete n.properties.className;
  });
}

export function rehypeCodeClasses() {
  return (tree) => {
    const used = new Map();
    walk(tree, (node) => {
      if (node.type === "element" && node.tagName === "pre" && node.properties?.dataLanguage !== undefined) unwrapIndents(node);
      if (node.type === "element" && node.children?.length) {
        // Default-coloured tokens become plain text in their parent.
        node.children = node.children.flatMap((c) =>
          c.type === "element" && c.tagName === "span" && !c.properties?.className && typeof c.properties?.style === "string" && c.properties.style.trim().toUpperCase() === DEFAULT_STYLE.toUpperCase()
            ? c.children
            : [c],
        );
      }
      dropCopyText(node);
      if (node.type !== "element" || node.tagName !== "span") return;
      const p = node.properties ?? {};
      const style = typeof p.style === "string" ? p.style.trim() : "";
      const cls = p.className;
      if (!style || (Array.isArray(cls) ? cls.length : cls) || !TOKEN_STYLE.test(style)) return;
      if (!used.has(style)) used.set(style, tokenClass(used.size));
      delete p.style;
      p.className = [used.get(style)];
    });
    if (!used.size) return;
    const rules = [...used].map(([style, name]) => `.${name}{${style}}`).join("");
    tree.children.push({ type: "element", tagName: "style", properties: {}, children: [{ type: "text", value: rules + TOKEN_CSS }] });
  };
}

/** The Astro integration that runs rehypeCodeClasses after Starlight's (Expressive Code's) rehype plugins. */
export function codeClasses() {
  return {
    name: "descent-code-classes",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => updateConfig({ markdown: { rehypePlugins: [rehypeCodeClasses] } }),
    },
  };
}
