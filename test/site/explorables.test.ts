import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explorableHtml } from "../../site/lib/explorables.mjs";
import { computeExplorable, seededValues } from "../../site/src/scripts/explorables/compute";
import { parseSpec, sliderPosition, sliderValue, type ExplorableSpec } from "../../site/src/scripts/explorables/spec";
import { markersOf } from "./support/explorables";
import { REPO } from "./support/site";

/**
 * The explorables' markers (site/lib/explorables.mjs) in the notebooks: each parses, each lesson
 * that discusses a hyperparameter has one, and every value each slider can take computes.
 */

const NOTEBOOKS = join(REPO, "notebooks");
interface Cell { cell_type: string; id?: string; source: string | string[] }
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

const files = readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

describe("explorable markers", () => {
  it("sit in every optimizer lesson and every schedule, noise and visualisation lesson", () => {
    const counts = Object.fromEntries(files.map((f) => [f.slice(0, 2), markersOf(f).length]));
    for (const n of ["02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "14"]) expect(counts[n], `lesson ${n}`).toBeGreaterThanOrEqual(1);
  });

  it("only in markdown cells, never in code (the notebooks' code is executed by tests)", () => {
    for (const f of files) {
      const nb = JSON.parse(readFileSync(join(NOTEBOOKS, f), "utf8")) as { cells: Cell[] };
      for (const c of nb.cells) if (c.cell_type === "code") expect(text(c.source), `${f} ${c.id}`).not.toContain("explorable:");
    }
  });

  for (const f of files) {
    markersOf(f).forEach(({ cell, json }, k) => {
      it(`${f} #${k + 1} (after cell ${cell}): parses, every slider position runs every optimizer, the static figure is complete`, () => {
        const spec: ExplorableSpec = parseSpec(json, f);
        const seeded = seededValues(spec);
        for (const [i, s] of spec.sliders.entries()) {
          // The slider's positions, as the page's <input type=range> steps through them.
          const positions = s.values ? s.values.map((_, p) => p) : Array.from({ length: Math.round((s.max! - s.min!) / (s.step ?? 0.01)) + 1 }, (_, p) => s.min! + p * (s.step ?? 0.01));
          expect(sliderValue(s, sliderPosition(s, s.value))).toBe(s.value);
          for (const p of positions.filter((_, q) => q % Math.ceil(positions.length / 12) === 0)) {
            const values = [...seeded];
            values[i] = sliderValue(s, p);
            const res = computeExplorable(spec, values);
            expect(res.runs).toHaveLength(spec.runs.length);
            for (const r of res.runs) expect(r.loss.length, `${r.label} at ${values}`).toBeGreaterThan(1);
          }
        }
        // The static figure the build writes: one SVG panel per requested panel, sliders disabled.
        const html = explorableHtml(json, { slug: f.replace(/\.ipynb$/, ""), index: k + 1 });
        expect(html.match(/<svg class="ex-panel"/g)?.length).toBe(spec.panels.length);
        expect(html).toContain('<fieldset class="ex-controls" disabled>');
        expect(html.match(/<input class="ex-input"/g)?.length).toBe(spec.sliders.length);
        expect(html).not.toMatch(/\n\s*\n/); // a blank line would end Markdown's raw HTML block
      });
    });
  }
});
