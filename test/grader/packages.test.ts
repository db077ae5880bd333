import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../src/grader/registry";
import { ROOT, solutionSource } from "./helpers";

/** What leaves the repository: the Gradescope package, the student handout, the browser bundle. */

const work = mkdtempSync(join(tmpdir(), "descent-packages-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Titles and ids that only hidden cases have (a visible case may share an id pattern, not a title). */
function hiddenMarkers(): string[] {
  const visibleTitles = new Set(EXERCISES.flatMap((e) => e.cases.filter((c) => c.visible).map((c) => c.title)));
  return [...new Set(EXERCISES.flatMap((e) => e.cases.filter((c) => !c.visible && !visibleTitles.has(c.title)).map((c) => c.title)))];
}

/**
 * Lines of solution code that neither the stubs nor the library have (what a leak would contain;
 * generic lines such as a swap are also in src/, which students get by design).
 */
function solutionLines(): string[] {
  const library = allFiles(join(ROOT, "src")).map((f) => readFileSync(f, "utf8")).join("\n");
  const out: string[] = [];
  for (const e of EXERCISES) {
    const stub = readFileSync(join(ROOT, "exercises", e.file), "utf8");
    for (const line of solutionSource(e.file).split("\n").map((l) => l.trim())) {
      if (line.length >= 20 && !stub.includes(line) && !library.includes(line) && !line.startsWith("//") && !line.startsWith("*")) out.push(line);
    }
  }
  return out;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("the student handout", () => {
  const out = join(work, "handout");
  it("has the exercises, visible tests and notebooks, and no solution or hidden test", () => {
    const r = spawnSync(TSX, [join(ROOT, "scripts", "grading", "handout-build.ts"), "--out", out], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    for (const e of EXERCISES) expect(readFileSync(join(out, "exercises", e.file), "utf8")).toContain('throw new Error("TODO")');
    expect(existsSync(join(out, "exercises", "VISIBLE-TESTS.md"))).toBe(true);
    expect(readdirSync(join(out, "notebooks")).some((f) => f.endsWith(".ipynb"))).toBe(true);
    expect(existsSync(join(out, "solutions"))).toBe(false);
    expect(existsSync(join(out, "test"))).toBe(false);
    const texts = allFiles(out).map((f) => [f, readFileSync(f, "utf8")] as const);
    const markers = hiddenMarkers();
    const lines = solutionLines();
    expect(markers.length).toBeGreaterThan(10);
    expect(lines.length).toBeGreaterThan(50);
    for (const [file, text] of texts) {
      for (const m of markers) expect(text.includes(m), `hidden test "${m}" in ${file}`).toBe(false);
      for (const l of lines) expect(text.includes(l), `solution line "${l}" in ${file}`).toBe(false);
    }
  }, 60_000);

  it("grades only the visible tests there", () => {
    symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"));
    cpSync(join(ROOT, "solutions", "07-adam.ts"), join(out, "exercises", "07-adam.ts"));
    const r = spawnSync(process.execPath, [join(out, "bin", "descent.mjs"), "grade", "--format", "json"], { cwd: out, encoding: "utf8", timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { score: number; maxScore: number; exercises: { cases: { visible: boolean }[] }[] };
    const visiblePoints = EXERCISES.flatMap((e) => e.cases.filter((c) => c.visible)).reduce((s, c) => s + c.points, 0);
    expect(report.maxScore).toBe(visiblePoints);
    expect(report.score).toBe(2); // adam's two visible tests
    expect(report.exercises.flatMap((e) => e.cases).every((c) => c.visible)).toBe(true);
  }, 120_000);
});

describe("the Gradescope package", () => {
  it("grades a fake /autograder layout with its own run_autograder", () => {
    const out = join(work, "gradescope");
    const b = spawnSync(TSX, [join(ROOT, "scripts", "grading", "gradescope-build.ts"), "--out", out, "--no-node"], { cwd: ROOT, encoding: "utf8" });
    expect(b.status, b.stderr).toBe(0);
    const zip = join(out, "descent-autograder.zip");
    expect(statSync(zip).size).toBeGreaterThan(1e6);
    // Gradescope's layout: the zip in source/, run_autograder copied to the root, the upload in submission/.
    const root = join(work, "autograder");
    mkdirSync(join(root, "submission", "exercises"), { recursive: true });
    const unzip = spawnSync("unzip", ["-q", zip, "-d", join(root, "source")]);
    if (unzip.error) cpSync(join(out, "package"), join(root, "source"), { recursive: true }); // no unzip here: same files
    else expect(unzip.status).toBe(0);
    cpSync(join(root, "source", "run_autograder"), join(root, "run_autograder"));
    for (const e of EXERCISES) cpSync(join(ROOT, "solutions", e.file), join(root, "submission", "exercises", e.file));
    writeFileSync(join(root, "submission", "exercises", "02-momentum.ts"), "export function momentumStep(): void { while (true) {} }\n");
    const setup = spawnSync("bash", [join(root, "source", "setup.sh")], { encoding: "utf8" });
    expect(setup.status, setup.stderr).toBe(0);
    const run = spawnSync(join(root, "run_autograder"), [], { env: { ...process.env, DESCENT_AUTOGRADER_ROOT: root }, encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const res = JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")) as {
      score: number;
      execution_time: number;
      tests: { name: string; score: number; max_score: number; status: string; output: string; visibility: string }[];
    };
    // every solution's marks except the looping momentum file's
    const points = (name: string) => EXERCISES.filter((e) => name === "" || e.name === name).reduce((s, e) => s + e.cases.reduce((p, c) => p + c.points, 0), 0);
    expect(res.score).toBe(points("") - points("momentum"));
    expect(res.tests).toHaveLength(EXERCISES.reduce((s, e) => s + e.cases.length, 0));
    const momentum = res.tests.filter((t) => t.name.startsWith("02-momentum.ts"));
    expect(momentum.every((t) => t.status === "failed" && /did not finish in time/.test(t.output))).toBe(true);
    expect(new Set(res.tests.map((t) => t.visibility))).toEqual(new Set(["visible", "after_published"]));
  }, 180_000);
});

describe("the browser bundle of the grader", () => {
  it("bundles for a browser (the site's worker) with no Node built-in and no hidden test", async () => {
    const r = await build({
      entryPoints: [join(ROOT, "src", "grader", "index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((f) => f.includes("-node.ts") || f.includes("grader/hidden"))).toEqual([]);
    const code = r.outputFiles[0].text;
    for (const m of hiddenMarkers()) expect(code.includes(m), m).toBe(false);
  });
});
