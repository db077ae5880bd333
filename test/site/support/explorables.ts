// The explorable markers of a notebook (site/lib/explorables.mjs), for the explorables' tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXPLORABLE_MARKER } from "../../../site/lib/explorables.mjs";
import { REPO } from "./site";

const NOTEBOOKS = join(REPO, "notebooks");
interface Cell { cell_type: string; id?: string; source: string | string[] }
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

/** Each marker of a notebook's markdown cells: the cell's id and the marker's JSON. */
export function markersOf(file: string): { cell: string; json: string }[] {
  const nb = JSON.parse(readFileSync(join(NOTEBOOKS, file), "utf8")) as { cells: Cell[] };
  const out: { cell: string; json: string }[] = [];
  for (const c of nb.cells) {
    if (c.cell_type !== "markdown") continue;
    for (const m of text(c.source).matchAll(EXPLORABLE_MARKER)) out.push({ cell: c.id ?? "?", json: m[1] });
  }
  return out;
}

