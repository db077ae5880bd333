import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { handTypedNumbers, type Cell } from "./prose-numbers";

/** The rule and its exceptions are in ./prose-numbers.ts. */
const DIR = join(__dirname, "..", "..", "notebooks");

describe("prose numbers", () => {
  it("the scanner sees a hand-typed measurement and lets settings and structure through", () => {
    const cells: Cell[] = [
      { cell_type: "code", id: "run", source: "const lr = 0.03; minimize(valley, start, momentum({ lr, momentum: 0.9 }), { steps: 300 });" },
      { cell_type: "markdown", id: "ok", source: "## 2. With $\\eta = 0.03$ and $\\gamma = 0.9$ (Qian, 1999), eq. (14), notebooks 05 to 10, 300 steps." },
      { cell_type: "markdown", id: "bad", source: "The best momentum is about 0.684, reached in about 43 steps." },
    ];
    const hits = handTypedNumbers(cells);
    expect(hits.map((h) => [h.id, h.number])).toEqual([
      ["bad", "0.684"],
      ["bad", "43"],
    ]);
  });

  const notebooks = readdirSync(DIR).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
  it("finds every notebook", () => expect(notebooks.length).toBeGreaterThanOrEqual(16));
  it("every lesson links the notation card, which exists", () => {
    expect(readFileSync(join(DIR, "..", "docs", "notation.md"), "utf8")).toMatch(/# Notation card/);
    const missing = notebooks.filter((f) => !readFileSync(join(DIR, f), "utf8").includes("../docs/notation.md"));
    expect(missing).toEqual([]);
  });

  for (const file of notebooks) {
    it(`${file}: no number in a markdown cell that its code does not produce`, () => {
      const nb = JSON.parse(readFileSync(join(DIR, file), "utf8")) as { cells: Cell[] };
      const hits = handTypedNumbers(nb.cells).map((h) => `[${h.id}] ${h.number}: …${h.context}…`);
      expect(hits).toEqual([]);
    });
  }
});
