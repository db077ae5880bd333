import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rewriteLinks } from "../../scripts/site/lessons.mjs";
import { eq2codeHtml, equationMappings, functionLines, locateTerms } from "../../site/lib/eq2code.mjs";
import { caretFor } from "../../site/src/scripts/playground-caret";
import { DEFAULT_STATE, parseState, stateToHash } from "../../site/src/scripts/playground-state";
import { isOptimizerName, OPTIMIZER_NAMES } from "../../src/optimizers/index";
import { REPO } from "./support/site";

/** The lesson pipeline's parts, without a site build: the executor, links, equation mappings, URL state. */

describe("the notebook executor (tslab's converter and executor in Node, no Jupyter)", () => {
  it("runs a notebook from the repository root and captures streams, displays, in-place updates and last values", () => {
    const out = join(mkdtempSync(join(tmpdir(), "descent-exec-")), "out.json");
    const r = spawnSync(process.execPath, ["scripts/site/execute-notebook.mjs", "test/site/fixtures/01-fixture.ipynb", out], { cwd: REPO, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(readFileSync(out, "utf8")) as { cells: { index: number; outputs: { output_type: string; name?: string; text?: string; data?: Record<string, string> }[] }[] };
    expect(run.cells.map((c) => c.index)).toEqual([1, 2]);
    expect(run.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "lr is 0.5\n" }]);
    const second = run.cells[1].outputs;
    // The progress display was updated in place: one output, holding the last text.
    expect(second[0]).toMatchObject({ output_type: "display_data", data: { "text/plain": "progress 2/2" } });
    expect(second[1]).toMatchObject({ output_type: "display_data", data: { "text/html": "<b>done</b>" } });
    expect(second[2]).toEqual({ output_type: "stream", name: "stdout", text: "1\n" });
    expect(second).toHaveLength(3);
  }, 60_000);

  it("stops at a failing cell with exit code 1, naming the notebook, the cell and the type error", () => {
    const out = join(mkdtempSync(join(tmpdir(), "descent-exec-")), "out.json");
    const r = spawnSync(process.execPath, ["scripts/site/execute-notebook.mjs", "test/site/fixtures/broken.ipynb", out], { cwd: REPO, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("test/site/fixtures/broken.ipynb, cell 1 (id b1) failed");
    expect(r.stderr).toContain('const x: number = "not a number";');
    expect(r.stderr).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(r.stderr).not.toContain("never reached");
  }, 60_000);
});

describe("links in notebook prose", () => {
  it("point to the site's pages for notebooks, docs and exercises, and name other repository files", () => {
    expect(rewriteLinks("see [momentum](03-momentum.ipynb#the-ravine)")).toBe("see [momentum](/lessons/03-momentum/#the-ravine)");
    expect(rewriteLinks("[the table](../docs/conventions.md)")).toBe("[the table](/reference/conventions/)");
    expect(rewriteLinks("[try it](../exercises/07-adam.ts)")).toBe("[try it](/exercises/07-adam/)");
    expect(rewriteLinks("[Adam's code](../src/optimizers/adam.ts)")).toBe("Adam's code (`src/optimizers/adam.ts` in the repository)");
    expect(rewriteLinks("[PyTorch](https://pytorch.org) and [top](#top)")).toBe("[PyTorch](https://pytorch.org) and [top](#top)");
  });
});

describe("equation-to-code mappings (site/src/equations/*.json)", () => {
  const mappings = equationMappings();

  it("exist for every optimizer but plain SGD, each with both conventions", () => {
    expect([...mappings.keys()].sort()).toEqual(OPTIMIZER_NAMES.filter((n) => n !== "sgd").slice().sort());
    for (const m of mappings.values()) expect(m.pytorch, m.optimizer).toBeDefined();
  });

  for (const [name, m] of mappings) {
    for (const convention of ["seed", "pytorch"] as const) {
      it(`${name} (${convention}): every term is marked in the equation and found on a line of the current source`, async () => {
        const spec = m[convention]!;
        const file = spec.file ?? m.file;
        const fn = functionLines(readFileSync(join(REPO, file), "utf8"), spec.from, file);
        const where = locateTerms(fn.lines, spec.terms, file);
        for (const t of spec.terms) {
          expect(spec.latex, t.id).toContain(`\\htmlData{term=${t.id}}`);
          for (const [k, i] of where.get(t.id)!.entries()) expect(fn.lines[i]).toContain(t.code[k]);
        }
        const html = await eq2codeHtml(m, convention);
        for (const t of spec.terms) {
          // The term is in both the rendered equation and the highlighted code.
          expect(html.match(new RegExp(`data-term="${t.id}"`, "g"))!.length, t.id).toBeGreaterThanOrEqual(3);
        }
        expect(html).not.toMatch(/\n[ \t]*\n/); // no blank line: Markdown would end the HTML block
      });
    }
  }

  it("fail loudly when the source no longer has a mapped line", () => {
    const fn = ["const step = () => {", "  v[i] = gamma * v[i] + eta * g;", "};"];
    expect(() => locateTerms(fn, [{ id: "v", label: "velocity", code: ["v[i] = mu * v[i]"] }], "x.ts")).toThrow(/term "v" looks for "v\[i\] = mu \* v\[i\]"/);
  });
});

describe("the playground's URL state", () => {
  it("round-trips through the hash", () => {
    const s = { ...DEFAULT_STATE, surface: "formula", formula: "x^2 + 10*y^2", optimizers: ["adam" as const, "rmsprop" as const], lr: { adam: 0.0316 }, p2: { rmsprop: 0.95 }, steps: 300, convention: "pytorch" as const, start: [0.5, -1.25] as [number, number] };
    const hash = stateToHash(s);
    expect(parseState(hash, isOptimizerName)).toEqual(s);
  });

  it("ignores what it does not understand instead of failing", () => {
    const s = parseState("#s=beale&o=adam,nosuch&n=abc&lr.adam=abc&x0=1&c=weird", isOptimizerName);
    expect(s.surface).toBe("beale");
    expect(s.optimizers).toEqual(["adam"]);
    expect(s.steps).toBe(DEFAULT_STATE.steps);
    // a number outside the slider's range is clamped to it (the slider and its label agree)
    expect(parseState("#n=-5", isOptimizerName).steps).toBe(10);
    expect(s.lr).toEqual({});
    expect(s.start).toBeNull();
    expect(s.convention).toBe("seed");
  });

  it("puts a caret under the character a parse error names", () => {
    expect(caretFor("x^2 + * y", 'cannot parse formula "x^2 + * y": value expected at character 7 ("* y")')).toBe(
      'x^2 + * y\n      ^\ncannot parse formula "x^2 + * y": value expected at character 7 ("* y")',
    );
    expect(caretFor("x +", "no position here")).toBe("no position here");
  });
});
