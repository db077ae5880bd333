import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonHashes, ROOT } from "./support/jupyter";

/**
 * The student's working copies (scripts/notebooks/work-copies.cjs): `npm run notebooks` opens
 * Jupyter on my-notebooks/, never on the tracked lessons, and brings that folder up to date
 * without ever losing a student's edit.
 */
interface Report {
  created: string[];
  restored: string[];
  updated: string[];
  refreshed: { name: string; keptAs: string }[];
  offered: string[];
  current: string[];
}
const { syncWorkCopies, describeSync } = createRequire(__filename)(join(ROOT, "scripts", "notebooks", "work-copies.cjs")) as {
  syncWorkCopies(o: { lessonsDir: string; workDir: string; refresh?: string[]; now?: Date }): Report;
  describeSync(r: Report, shown: string): string[];
};

function lesson(markdown: string, code: string, outputs: unknown[] = []): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "descent" } },
    cells: [
      { cell_type: "markdown", id: "intro", source: markdown, metadata: {} },
      { cell_type: "code", id: "run", source: code, outputs, execution_count: outputs.length ? 1 : null, metadata: {} },
    ],
  });
}

/** What Jupyter writes when a student runs a cell (and saves): outputs, a count, reformatted JSON. */
function ranAndSaved(text: string): string {
  const nb = JSON.parse(text) as { cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null; source: string | string[] }[] };
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    c.outputs = [{ output_type: "stream", name: "stdout", text: ["1\n"] }];
    c.execution_count = 7;
  }
  for (const c of nb.cells) if (typeof c.source === "string") c.source = c.source.split(/(?<=\n)/); // Jupyter stores lines
  return JSON.stringify(nb, null, 1);
}

function dirs(): { lessons: string; work: string } {
  const base = mkdtempSync(join(tmpdir(), "descent-work-"));
  const lessons = join(base, "notebooks");
  mkdirSync(lessons);
  writeFileSync(join(lessons, "00-a.ipynb"), lesson("# A\nfirst", "console.log(1)"));
  writeFileSync(join(lessons, "01-b.ipynb"), lesson("# B", "console.log(2)"));
  writeFileSync(join(lessons, "README.md"), "not a notebook");
  return { lessons, work: join(base, "my-notebooks") };
}

describe("the student's working copies", () => {
  it("are made on the first run, and a second run changes nothing", () => {
    const d = dirs();
    const first = syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    expect(first.created).toEqual(["00-a.ipynb", "01-b.ipynb"]);
    expect(readdirSync(d.work).sort()).toEqual([".descent-lessons.json", "00-a.ipynb", "01-b.ipynb"]);
    expect(readFileSync(join(d.work, "00-a.ipynb"), "utf8")).toBe(readFileSync(join(d.lessons, "00-a.ipynb"), "utf8"));
    const second = syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    expect(second).toMatchObject({ created: [], updated: [], offered: [], refreshed: [], current: ["00-a.ipynb", "01-b.ipynb"] });
    expect(describeSync(second, "my-notebooks")).toEqual([]);
  });

  it("keep a student's outputs and edits, add a new lesson, and follow a changed lesson only where the student has not edited", () => {
    const d = dirs();
    syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    // The student runs 00 without editing it, and edits 01's code.
    writeFileSync(join(d.work, "00-a.ipynb"), ranAndSaved(readFileSync(join(d.work, "00-a.ipynb"), "utf8")));
    const edited = ranAndSaved(lesson("# B", "console.log(2 + 40) // my answer"));
    writeFileSync(join(d.work, "01-b.ipynb"), edited);
    // Unchanged lessons: nothing moves, outputs included.
    const quiet = syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    expect(quiet.current).toEqual(["00-a.ipynb", "01-b.ipynb"]);
    expect(readFileSync(join(d.work, "01-b.ipynb"), "utf8")).toBe(edited);
    expect(readFileSync(join(d.work, "00-a.ipynb"), "utf8")).toContain('"execution_count": 7');

    // The course changes both lessons and adds one.
    writeFileSync(join(d.lessons, "00-a.ipynb"), lesson("# A\nfirst, reworded", "console.log(1)"));
    writeFileSync(join(d.lessons, "01-b.ipynb"), lesson("# B, fixed", "console.log(2)"));
    writeFileSync(join(d.lessons, "02-c.ipynb"), lesson("# C", "console.log(3)"));
    const r = syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    expect(r.created).toEqual(["02-c.ipynb"]);
    expect(r.updated).toEqual(["00-a.ipynb"]); // not edited: follows the lesson
    expect(r.offered).toEqual(["01-b.ipynb"]); // edited: untouched, offered
    expect(readFileSync(join(d.work, "00-a.ipynb"), "utf8")).toContain("first, reworded");
    expect(readFileSync(join(d.work, "01-b.ipynb"), "utf8")).toBe(edited);
    const lines = describeSync(r, "my-notebooks");
    expect(lines).toContain("Changed lessons you have edited (your copies are untouched): 01-b.ipynb");
    expect(lines).toContain("  to take the new version, keeping yours beside it: npm run notebooks -- --refresh 01-b");
    // Offered again next time, still untouched.
    expect(syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work }).offered).toEqual(["01-b.ipynb"]);

    // --refresh 01: the new lesson, and the student's copy kept beside it, byte for byte.
    const now = new Date(2026, 11, 3, 16, 15, 2);
    const refreshed = syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work, refresh: ["01"], now });
    expect(refreshed.refreshed).toEqual([{ name: "01-b.ipynb", keptAs: "01-b.mine-20261203-161502.ipynb" }]);
    expect(readFileSync(join(d.work, "01-b.mine-20261203-161502.ipynb"), "utf8")).toBe(edited);
    expect(readFileSync(join(d.work, "01-b.ipynb"), "utf8")).toContain("# B, fixed");
    // A second refresh in the same second does not overwrite the first kept copy.
    writeFileSync(join(d.work, "01-b.ipynb"), ranAndSaved(lesson("# B, fixed", "// mine again")));
    const twice = syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work, refresh: ["all"], now });
    expect(twice.refreshed).toEqual([{ name: "01-b.ipynb", keptAs: "01-b.mine-20261203-161502-1.ipynb" }]);
    expect(readFileSync(join(d.work, "01-b.mine-20261203-161502.ipynb"), "utf8")).toBe(edited);
    // Unedited copies are not duplicated by --refresh all.
    expect(readdirSync(d.work).filter((f) => f.startsWith("00-a"))).toEqual(["00-a.ipynb"]);
  });

  it("copy a lesson again when the student deleted their copy, and reject a --refresh naming no lesson", () => {
    const d = dirs();
    syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    rmSync(join(d.work, "01-b.ipynb"));
    expect(syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work }).restored).toEqual(["01-b.ipynb"]);
    expect(() => syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work, refresh: ["99"] })).toThrow("--refresh 99: no lesson matches (have: 00-a.ipynb, 01-b.ipynb)");
  });

  it("never treat an unreadable copy as unedited (a half-saved file is kept, the lesson offered)", () => {
    const d = dirs();
    syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work });
    writeFileSync(join(d.work, "00-a.ipynb"), "{ not json");
    writeFileSync(join(d.lessons, "00-a.ipynb"), lesson("# A2", "console.log(1)"));
    expect(syncWorkCopies({ lessonsDir: d.lessons, workDir: d.work }).offered).toEqual(["00-a.ipynb"]);
    expect(readFileSync(join(d.work, "00-a.ipynb"), "utf8")).toBe("{ not json");
  });

  it("npm run notebooks -- --sync-only copies the real lessons, prints where they are, and leaves notebooks/ alone", () => {
    const before = lessonHashes();
    const work = join(mkdtempSync(join(tmpdir(), "descent-work-")), "my-notebooks");
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "scripts", "notebooks", "open-notebooks.cjs"), "--sync-only", "--work", work, ...args], { cwd: ROOT, encoding: "utf8" });
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    const names = Object.keys(before).sort();
    expect(r.stdout).toContain(`Copied ${names.length} lessons into ${work}/: ${names.join(", ")}`);
    expect(r.stdout).toContain(`Your notebooks are in ${work}/`);
    expect(readdirSync(work).filter((f) => f.endsWith(".ipynb")).sort()).toEqual(names);
    const again = run();
    expect(again.stdout.trim()).toBe(`Your notebooks are in ${work}/ (the lessons in notebooks/ are never changed)`);
    const bad = run("--refresh", "nope");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("npm run notebooks: --refresh nope: no lesson matches");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run notebooks \[-- options\]\n/);
    expect(help.stdout).toContain("--refresh NAME");
    expect(lessonHashes()).toEqual(before);
    expect(existsSync(join(ROOT, ".gitignore")) && readFileSync(join(ROOT, ".gitignore"), "utf8")).toMatch(/^\/my-notebooks\/$/m);
  });

  it("are where the README's Notebooks section and notebook 00 tell the student their work lives", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Notebooks"), readme.indexOf("\n## ", readme.indexOf("## Notebooks") + 3));
    expect(section).toContain("**Where your work lives: `my-notebooks/`**");
    expect(section).toContain("--refresh");
    const nb = JSON.parse(readFileSync(join(ROOT, "notebooks", "00-introduction.ipynb"), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const said = nb.cells.filter((c) => c.cell_type === "markdown").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).find((t) => t.includes("## Where your work is saved"));
    expect(said).toContain("`my-notebooks/`");
    expect(said).toContain("npm run notebooks -- --refresh 00");
  });
});
