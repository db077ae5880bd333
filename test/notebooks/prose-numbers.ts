
/**
 * "Every number in prose is produced by code": a scan of every notebook's markdown cells for a number
 * that no code produced. Measured numbers belong in `markdown(...)`/`table(...)` output computed from
 * the run; a markdown cell may only carry numbers that are
 *
 * - structure: equation numbers "(14)", list and heading numbers, notebook numbers ("notebook 03",
 *   "notebooks 05 to 10"), years ("Qian, 1999"), section references ("sec. 2.1");
 * - definitions: display equations (`$$` on lines of their own) define things, with whatever
 *   constants the definition has (Beale's 2.625); a claim goes in the prose around them;
 * - suggestions: the "## Try it" section lists settings for the student to try, not results;
 * - small integers 0 to 10 (the 2 of $2/L$, "two hidden layers", "1 - beta");
 * - constants of the notebook's own code: a number that appears as a literal in one of its code cells
 *   (the 50 of "kappa = 50", the 0.03 of "eta = 0.03"): a setting, not a result.
 *
 * Anything else ("about 43 steps", "0.684", "exactly 2/h at 0.0400") is hand-typed, and fails here
 * with the notebook, the cell id and the sentence.
 */

export interface Cell {
  cell_type: string;
  id: string;
  source: string | string[];
}
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

/** Number literals as written (1e-6, 0.03, 12,000 -> 12000, 2^{19/4} gives 2, 19, 4). */
export function numbersIn(s: string): string[] {
  return (s.match(/\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?/g) ?? []).map((n) => n.replace(/,(?=\d{3}\b)/g, "").replace(/,$/, ""));
}

/** Canonical value of a literal, so 0.030 == 0.03, 1e-6 == 0.000001, 12,000 == 12000. */
const value = (n: string): number => Number(n.replace(/,/g, ""));

/** The markdown with everything that is not a claim removed: code spans, link targets, structure. */
export function proseOf(markdown: string): string {
  return (
    markdown
      .replace(/^##\s*Try it[\s\S]*?(?=^##\s|(?![\s\S]))/gm, " ") // the "Try it" section, up to the next heading
      .replace(/^\s*\$\$[\s\S]*?\$\$\s*$/gm, " ") // display equations on lines of their own
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/`[^`]*`/g, " ")
      .replace(/\]\([^)]*\)/g, "] ")
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/^\s*#+\s*[\d.·]*\s*/gm, " ") // heading numbers: "## 1.", "# 03 ·"
      .replace(/^\s*\d+\.\s/gm, " ") // ordered list markers
      .replace(/\\tag\{\d+\}/g, " ")
      .replace(/\\[td]?frac\d\d/g, " ") // \tfrac12
      .replace(/\(\d+\)(?:\s*-\s*\(\d+\))?/g, " ") // equation numbers (14), (13)-(15)
      .replace(/\bnotebooks?\s+\d\d(?:\s*(?:to|and|,|-)\s*\d\d)*/gi, " ") // notebook 03, notebooks 05 to 10
      .replace(/\b(?:19[5-9]\d|20[0-3]\d)[a-z]?\b/g, " ") // years
      .replace(/\barXiv:\d+\.\d+/g, " ")
      .replace(/\bsec(?:tion)?\.?\s+\d+(?:\.\d+)*/gi, " ")
      .replace(/\\(?:mathbb|mathrm|text)\{[^}]*\}/g, " ")
  );
}

function codeConstants(cells: Cell[]): Set<number> {
  const values = new Set<number>();
  for (const c of cells) if (c.cell_type === "code") for (const n of numbersIn(text(c.source))) values.add(value(n));
  return values;
}

export function handTypedNumbers(cells: Cell[]): { id: string; number: string; context: string }[] {
  const constants = codeConstants(cells);
  const found: { id: string; number: string; context: string }[] = [];
  for (const c of cells) {
    if (c.cell_type !== "markdown") continue;
    const prose = proseOf(text(c.source));
    for (const m of prose.matchAll(/\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?/g)) {
      const literal = m[0].replace(/,$/, "");
      const v = value(literal);
      if (Number.isInteger(v) && v >= 0 && v <= 10) continue;
      if (constants.has(v)) continue;
      const at = m.index ?? 0;
      found.push({ id: c.id, number: literal, context: prose.slice(Math.max(0, at - 60), at + 40).replace(/\s+/g, " ") });
    }
  }
  return found;
}

