import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkReport } from "../../src/grader/check-node";
import { loadSource, mutantSource, ROOT, solutionSource } from "./helpers";
import { MUTANT_FILES } from "./mutants";

/** `check()` as notebook cells call it: in-process, and for real in the project's tslab kernel. */

describe("check() for notebooks", () => {
  it("reports the visible tests in HTML and text, with the diagnosis", async () => {
    const good = await checkReport("adam", loadSource(solutionSource("07-adam.ts"), "07-adam.ts").adamStep as () => void);
    expect(good.result.score).toBe(2);
    expect(good.text).toMatch(/07-adam\.ts \(Adam, eqs\. \(13\)-\(15\)\): 2\/2/);
    const m = MUTANT_FILES.find((x) => x.exercise === "adam" && x.mistake === "eps-inside")!;
    const bad = await checkReport("adam", loadSource(mutantSource(m), "07-adam.ts"));
    expect(bad.result.score).toBe(0);
    expect(bad.html).toContain("likely mistake: epsilon inside the square root");
    expect(bad.html).toContain("<b>expected</b>");
    expect(bad.text).toContain("likely mistake: epsilon inside the square root");
  });

  const python = "/usr/bin/python3";
  const hasJupyter = spawnSync(python, ["-c", "import nbclient, nbformat"]).status === 0;
  it.runIf(hasJupyter)("displays one HTML output with a text fallback in a real tslab kernel", () => {
    const dir = mkdtempSync(join(tmpdir(), "descent-check-nb-"));
    try {
      const cell = (id: string, source: string) => ({ cell_type: "code", id, metadata: {}, execution_count: null, outputs: [], source });
      const notebook = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: "descent", display_name: "TypeScript (Descent)", language: "typescript" } },
        cells: [
          cell("a", 'import { check } from "./src/grader/check-node";'),
          cell(
            "b",
            [
              "function rmspropStep(params: Float64Array, grad: Float64Array, state: { Eg2: Float64Array; t: number }, hyper: { lr: number; gamma: number; eps: number }): void {",
              "  for (let i = 0; i < params.length; i++) {",
              "    state.Eg2[i] = hyper.gamma * state.Eg2[i] + (1 - hyper.gamma) * grad[i] * grad[i];",
              "    params[i] -= (hyper.lr / (Math.sqrt(state.Eg2[i]) + hyper.eps)) * grad[i];",
              "  }",
              "}",
              'await check("rmsprop", rmspropStep);',
            ].join("\n"),
          ),
        ],
      };
      const nb = join(dir, "check.ipynb");
      const out = join(dir, "out.ipynb");
      writeFileSync(nb, JSON.stringify(notebook));
      const r = spawnSync(python, [join(ROOT, "scripts", "notebooks", "run_notebook.py"), nb, out, "--timeout", "120", "--kernel", "descent"], {
        cwd: ROOT,
        env: { ...process.env, JUPYTER_PATH: join(ROOT, ".jupyter") },
        encoding: "utf8",
        timeout: 180_000,
      });
      const result = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { ok: boolean; failure?: unknown };
      expect(result.ok, JSON.stringify(result.failure)).toBe(true);
      const executed = JSON.parse(readFileSync(out, "utf8")) as { cells: { outputs: { output_type: string; data?: Record<string, string | string[]> }[] }[] };
      const outputs = executed.cells[1].outputs.filter((o) => o.output_type === "display_data");
      expect(outputs).toHaveLength(1);
      // nbformat may store a multi-line text as a list of lines
      const text = (mime: string): string => [outputs[0].data?.[mime] ?? ""].flat().join("");
      expect(text("text/html")).toContain("likely mistake: epsilon outside the square root");
      expect(text("text/plain")).toMatch(/06-rmsprop\.ts \(RMSprop, eq\. \(12\)\): 0\/2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});
