// Fewer bytes for KaTeX's output, drawn exactly as KaTeX draws it. A lesson's formulas were half of
// its HTML, and a plain static server sends that HTML uncompressed on the critical path. Per page:
//  - each distinct inline style (`style="top:-2.55em;margin-right:0.05em;"`, thousands per lesson,
//    a hundred or two distinct) becomes a short class (`k-3`) whose rule, in one <style> placed
//    before the page's first formula, declares the same properties `!important`: an important
//    author rule wins over every normal rule exactly as an inline style does (KaTeX's CSS has no
//    important declaration of these properties), so every box is laid out as before;
//  - each stretchy SVG path (the radical's `M95,702 c-2.7,0,...`, ~0.6 KB, once per \sqrt) is
//    kept once per page in a hidden <svg> and drawn with <use href="#kp-0">; the referenced path
//    says `stroke="none"` (KaTeX's `.katex svg path` rule, which the <use> copy does not match)
//    and inherits the rest (fill: currentColor) from KaTeX's <svg> as before;
//  - the classes that no stylesheet selects (KaTeX marks every atom `mord`, `mbin`, `mrel`, ...,
//    `mtight` in scripts, for its own use while laying out: its CSS never names them) are dropped;
//  - the `xmlns` of <math> and <svg> (implied in HTML) is dropped, and, where the caller allows,
//    the TeX source in MathML's <annotation> (no screen reader reads it; MathML keeps the formula).
// test/site/katex-compact.e2e.test.ts renders every lesson's formulas both ways in Chromium and
// compares every box of KaTeX's HTML.

/** A page's styles and paths, shared by all its formulas. */
export function katexSheet() {
  return { styles: new Map(), paths: new Map(), icons: new Map() };
}

/** The short name a page gives `key` in `map`: `prefix` + a base-36 count, the same name each time. */
function shortName(map, key, prefix) {
  let name = map.get(key);
  if (name === undefined) map.set(key, (name = `${prefix}${map.size.toString(36)}`));
  return name;
}

/**
 * The same for the page's other repeated SVG icons (Starlight's heading-anchor link icon, ~0.5 KB
 * per heading): an icon's <path fill=".." d=".."> (hast) becomes <use href="#ki-0">; the kept path
 * has the same fill (currentcolor resolves against the <use>, i.e. the link's colour, as before).
 */
export function shareIconPath(node, sheet) {
  const p = node.properties ?? {};
  if (node.tagName !== "path" || typeof p.d !== "string" || p.d.length < 200 || Object.keys(p).some((k) => k !== "d" && k !== "fill")) return false;
  const key = `${p.fill ?? ""}|${p.d}`;
  const id = shortName(sheet.icons, key, "ki-");
  Object.assign(node, { tagName: "use", properties: { href: `#${id}` }, children: [] });
  return true;
}

const STYLE = /<span( class="([^"]*)")? style="([^"]*)"/g;

/**
 * KaTeX's atom classes, which katex.min.css (and the site's CSS) never select: dropping them
 * changes nothing drawn. test/site/katex-compact.e2e.test.ts checks that the stylesheets still
 * never name them.
 */
export const UNSELECTED_CLASSES = ["mord", "mbin", "mrel", "mopen", "mclose", "mpunct", "minner", "mop", "mtight"];
const UNSELECTED = new Set(UNSELECTED_CLASSES);
const keptClasses = (cls) => cls.split(" ").filter((c) => c && !UNSELECTED.has(c));
const PATH = /<path d="([^"]{200,})"\s*\/?>(?:<\/path>)?/g;

/**
 * KaTeX's HTML (from renderToString) with its inline styles as classes of `sheet` and its long SVG
 * paths as references; `keepTex: false` also drops the TeX annotation.
 */
export function compactKatex(html, sheet, { keepTex = false } = {}) {
  let out = html
    .replace(/<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/g, "<math")
    .replace(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, "<svg");
  if (!keepTex) {
    out = out.replace(/<semantics>([^]*?)<annotation encoding="application\/x-tex">[^]*?<\/annotation><\/semantics>/g, "$1");
  }
  out = out.replace(STYLE, (_, _c, cls, style) => {
    const name = shortName(sheet.styles, style, "k-");
    return `<span class="${[...keptClasses(cls ?? ""), name].join(" ")}"`;
  });
  out = out.replace(/<span class="([^"]*)"/g, (_, cls) => {
    const kept = keptClasses(cls);
    return kept.length ? `<span class="${kept.join(" ")}"` : "<span";
  });
  out = out.replace(PATH, (_, d) => {
    const id = shortName(sheet.paths, d, "kp-");
    return `<use href="#${id}"></use>`;
  });
  return out;
}

/** `top:-2.55em;margin-right:0.05em;` -> `top:-2.55em!important;margin-right:0.05em!important` */
function important(style) {
  return style
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => `${d}!important`)
    .join(";");
}

/**
 * The HTML the page needs before its first formula: the style rules and the shared paths ("" if
 * none), in one hidden <span> (Starlight spaces a block after any non-span sibling: a <style> or an
 * <svg> before the first paragraph would move it down).
 */
export function katexSheetHtml(sheet) {
  let html = "";
  if (sheet.styles.size) html += `<style>${[...sheet.styles].map(([style, name]) => `.${name}{${important(style)}}`).join("")}</style>`;
  if (sheet.paths.size || sheet.icons.size) {
    const attr = (v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    html +=
      '<svg><defs>' +
      [...sheet.paths].map(([d, id]) => `<path id="${id}" stroke="none" d="${d}"></path>`).join("") +
      [...sheet.icons].map(([key, id]) => {
        const [fill, d] = [key.slice(0, key.indexOf("|")), key.slice(key.indexOf("|") + 1)];
        return `<path id="${id}"${fill ? ` fill="${attr(fill)}"` : ""} d="${attr(d)}"></path>`;
      }).join("") +
      "</defs></svg>";
  }
  return html && `<span hidden>${html}</span>`;
}

/**
 * The same on KaTeX's output already parsed (hast: the equation-to-code boxes, rendered by
 * site/lib/eq2code.mjs and parsed with the page): `node` is changed in place.
 */
export function compactKatexTree(node, sheet, { keepTex = false } = {}) {
  if (node.type !== "element") return;
  const p = (node.properties ??= {});
  if ((node.tagName === "math" || node.tagName === "svg") && p.xmlns) delete p.xmlns;
  if (node.tagName === "span" && p.className) {
    const kept = (Array.isArray(p.className) ? p.className : String(p.className).split(" ")).filter((c) => !UNSELECTED.has(c));
    if (kept.length) p.className = kept;
    else delete p.className;
  }
  if (node.tagName === "span" && typeof p.style === "string" && p.style) {
    const name = shortName(sheet.styles, p.style, "k-");
    delete p.style;
    p.className = [...(Array.isArray(p.className) ? p.className : p.className ? [p.className] : []), name];
  }
  if (node.tagName === "path" && typeof p.d === "string" && p.d.length >= 200) {
    const id = shortName(sheet.paths, p.d, "kp-");
    Object.assign(node, { tagName: "use", properties: { href: `#${id}` }, children: [] });
    return;
  }
  if (!keepTex && node.tagName === "math") {
    // <math><semantics>FORMULA<annotation>TeX</annotation></semantics></math> -> <math>FORMULA</math>
    node.children = node.children.flatMap((c) =>
      c.type === "element" && c.tagName === "semantics" ? c.children.filter((g) => !(g.type === "element" && g.tagName === "annotation")) : [c],
    );
  }
  for (const c of node.children ?? []) compactKatexTree(c, sheet, { keepTex });
}

/** compactKatex on each KaTeX formula inside other HTML (a raw block that also holds code, a legend, ...). */
export function compactKatexIn(html, sheet, opts) {
  let out = "";
  let at = 0;
  const start = /<span class="katex(?:-display)?"/g;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    // The formula's end: the </span> that balances its opening tag.
    const tags = /<(\/?)span\b[^>]*>/g;
    tags.lastIndex = m.index;
    let depth = 0;
    let end = -1;
    for (let t = tags.exec(html); t; t = tags.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) { end = t.index + t[0].length; break; }
    }
    if (end < 0) break;
    out += html.slice(at, m.index) + compactKatex(html.slice(m.index, end), sheet, opts);
    at = end;
    start.lastIndex = end;
  }
  return out + html.slice(at);
}
