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
  const codeHtml = await codeToHtml(code, {
    lang: "ts",
    themes: { light: "github-light", dark: "github-dark" },
    defaultColor: false,
    transformers: [
      {
        line(node, line) {
          const id = lineTerm.get(line - 1);
          if (id) {
            node.properties["data-term"] = id;
            node.properties.tabindex = "0";
            node.properties.title = labels.get(id);
          }
        },
      },
    ],
  });
  let eq = katex.renderToString(spec.latex, { displayMode: true, trust: (c) => c.command === "\\htmlData", strict: false, output: "htmlAndMathml" });
  // Terms in the equation are focusable, and say what they are.
  eq = eq.replace(/data-term="([^"]+)"/g, (_, id) => `data-term="${id}" tabindex="0" title="${escapeHtml(labels.get(id) ?? id)}"`);
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
