// "Equation to code": an optimizer's equation (KaTeX) beside the lines of src/optimizers/<name>.ts
// that compute it. Each term is \htmlData{term=ID}{...} in the mapping's LaTeX, and each
// mapping term names substrings of the source lines that compute it; the lines are FOUND in the
// current source at build time (no line numbers to go stale), and a mapping that no longer
// matches the source fails the build with the term and the text it looked for.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import { codeToHtml } from "shiki";
import { REPO, SITE_DIR } from "../course.mjs";
import { OPTIMIZER_NAMES } from "../../src/optimizers/index.ts";

const EQUATIONS = join(SITE_DIR, "src", "equations");

export function equationMappings() {
  if (!existsSync(EQUATIONS)) return new Map();
  const found = readdirSync(EQUATIONS)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(EQUATIONS, f), "utf8")));
  // In the course's order (the library's registry order).
  const rank = (m) => (OPTIMIZER_NAMES.indexOf(m.optimizer) + OPTIMIZER_NAMES.length + 1) % (OPTIMIZER_NAMES.length + 1);
  return new Map(found.sort((a, b) => rank(a) - rank(b)).map((m) => [m.optimizer, m]));
}

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// ---- Token colours as classes ------------------------------------------------------------------
// Shiki writes each token's two theme colours inline (style="--shiki-light:..;--shiki-dark:.."):
// 140 KB of the update-rules page. Each distinct pair becomes one class instead, written to a
// stylesheet by tokenCss(); the colours are darkened (light theme) or lightened (dark theme) where
// needed to reach WCAG AA contrast (4.5:1) on the code's background.
const LIGHT_BG = "#ffffff";
const DARK_BG = "#24292e";
const tokenClasses = new Map();

const rgb = (hex) => {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? h.split("").map((c) => c + c).join("") : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
};
const toHex = (c) => "#" + c.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, "0")).join("");
const luminance = (c) => {
  const [r, g, b] = c.map((v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a, b) => {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
/** The colour moved towards black (on a light background) or white (on a dark one) until it reads at 4.5:1. */
export function readable(color, bg, target = 4.5) {
  let c = rgb(color);
  const towards = luminance(rgb(bg)) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  for (let k = 0; k < 40 && contrast(toHex(c), bg) < target; k++) c = c.map((v, i) => v + (towards[i] - v) * 0.08);
  return toHex(c);
}

function tokenClass(light, dark) {
  const key = `${light}|${dark}`;
  if (!tokenClasses.has(key)) tokenClasses.set(key, `tk${tokenClasses.size}`);
  return tokenClasses.get(key);
}

/** The stylesheet for every token class used so far (light and dark themes). */
export function tokenCss() {
  const rules = [];
  for (const [key, cls] of tokenClasses) {
    const [light, dark] = key.split("|");
    rules.push(`.eq2code .${cls}{color:${readable(light, LIGHT_BG)}}:root[data-theme="dark"] .eq2code .${cls}{color:${readable(dark, DARK_BG)}}`);
  }
  return rules.join("\n") + "\n";
}

/** The lines [from, to] of the function that starts at the line containing `from`. */
export function functionLines(source, from, file) {
  const lines = source.split("\n");
  const start = lines.findIndex((l) => l.includes(from));
  if (start < 0) throw new Error(`equation mapping: "${from}" not found in ${file}`);
  const indent = /^\s*/.exec(lines[start])[0];
  let end = start + 1;
  while (end < lines.length && !(lines[end].startsWith(indent + "}") && /^\s*}\)?;?\s*$/.test(lines[end]))) end++;
  return { start, end, lines: lines.slice(start, end + 1) };
}

/** Where each term's code lines are: term id -> 0-based indices into the function's lines. */
export function locateTerms(fnLines, terms, file) {
  const where = new Map();
  for (const term of terms) {
    const idx = [];
    for (const needle of term.code) {
      const i = fnLines.findIndex((l) => l.includes(needle));
      if (i < 0) throw new Error(`equation mapping for ${file}: term "${term.id}" looks for "${needle}", which is not in the function any more`);
      idx.push(i);
    }
    where.set(term.id, idx);
  }
  return where;
}

/** The HTML of one equation-to-code box for one convention of one optimizer. */
export async function eq2codeHtml(mapping, convention) {
  const spec = mapping[convention];
  const file = spec.file ?? mapping.file;
  const source = readFileSync(join(REPO, file), "utf8");
  const fn = functionLines(source, spec.from, file);
  const where = locateTerms(fn.lines, spec.terms, file);
  const lineTerm = new Map();
  for (const [id, idx] of where) for (const i of idx) if (!lineTerm.has(i)) lineTerm.set(i, id);
  for (const term of spec.terms) {
    if (!spec.latex.includes(`term=${term.id}}`)) throw new Error(`equation mapping for ${file}: term "${term.id}" is not marked in the ${convention} LaTeX`);
  }
  const labels = new Map(spec.terms.map((t) => [t.id, t.label]));
  // Dedent the function so it reads as a listing.
  const pad = Math.min(...fn.lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)[0].length));
  const code = fn.lines.map((l) => l.slice(pad)).join("\n");
  let codeHtml = await codeToHtml(code, {
    lang: "ts",
    themes: { light: "github-light", dark: "github-dark" },
    defaultColor: false,
    transformers: [
      {
        line(node, line) {
          const id = lineTerm.get(line - 1);
          // Lines are not tab stops: the legend's buttons are the keyboard's way in (one per term).
          if (id) {
            node.properties["data-term"] = id;
            node.properties.title = labels.get(id);
          }
        },
      },
    ],
  });
  let eq = katex.renderToString(spec.latex, { displayMode: true, trust: (c) => c.command === "\\htmlData", strict: false, output: "htmlAndMathml" });
  // Terms in the equation say what they are on hover. They are not focusable: KaTeX's glyphs are
  // aria-hidden (screen readers read its MathML), and focus inside hidden markup is an a11y error;
  // keyboard users focus the legend's buttons, which light the same term.
  eq = eq.replace(/data-term="([^"]+)"/g, (_, id) => `data-term="${id}" title="${escapeHtml(labels.get(id) ?? id)}"`);
  // Token colours as classes (see tokenCss), the code block's own colours kept.
  codeHtml = codeHtml.replace(/<span style="--shiki-light:(#[0-9a-fA-F]{3,8});--shiki-dark:(#[0-9a-fA-F]{3,8})">/g, (_, l, d) => `<span class="${tokenClass(l.toLowerCase(), d.toLowerCase())}">`).replace(/(<pre class="shiki[^"]*"[^>]*?) tabindex="0"/, "$1");
  const startLine = fn.start + 1;
  const legend = spec.terms
    .map((t) => `<li><button type="button" data-term="${t.id}">${escapeHtml(t.label)}</button></li>`)
    .join("");
  return (
    `<div class="eq2code" data-optimizer="${mapping.optimizer}" data-convention="${convention}">` +
    `<div class="eq" data-pagefind-ignore="all">${eq}<ul class="legend" aria-label="Terms">${legend}</ul></div>` +
    `<div class="code"><div class="code-caption"><code>${file}</code>, lines ${startLine}-${fn.end + 1} (<code>${escapeHtml(/const (\w+)/.exec(spec.from)?.[1] ?? spec.from)}</code>)</div>${codeHtml}</div>` +
    `</div>`
  ).replace(/\n\s*\n/g, "\n");
}
