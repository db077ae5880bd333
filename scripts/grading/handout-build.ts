import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { VISIBLE_EXERCISES } from "../../src/grader/catalogue";
import { formatValue } from "../../src/grader/compare";
import { exitWithOneLine } from "./exit-error";
import { handoutAssignment, writeAssignmentHandout, type HandoutAssignment } from "./handout-assignment";

/**
 * `npm run handout [-- --out DIR]`: the folder students receive (default dist/handout/):
 * exercises (stubs), their visible tests (run by `npx descent grade`, and listed with their
 * expected values in exercises/VISIBLE-TESTS.md), the notebooks, and the library they run on.
 * Left out: solutions/, the hidden tests (src/grader/hidden/ is replaced by an empty stub), the
 * project's own tests (test/ holds files derived from the solutions), benchmarks, the site and
 * the project's scripts (except the notebook kernel's).
 *
 * `--assignment ID` (from assignments.json, or `--config FILE`): that assignment's handout
 * (default dist/handout-ID/): only its stubs, their visible tests and the notebooks its exercises
 * link, with an assignments.json that makes `npx descent grade` grade that assignment.
 */

const ROOT = resolve(__dirname, "..", "..");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const HIDDEN_STUB = `import type { TestCase } from "../types";

/** The student handout has no hidden tests: \`descent grade\` here runs the visible ones only. */
export const HIDDEN_CASES: Readonly<Record<string, readonly TestCase[]>> = {};
`;

/** The notebooks' scripts (kernel, launcher, runner, export): one folder, copied whole. */
const NOTEBOOK_SCRIPTS = "scripts/notebooks";

function visibleTestsMarkdown(only?: ReadonlySet<string>): string {
  // The example names an exercise of the handout (an assignment's handout has only its own).
  const example = VISIBLE_EXERCISES.find((e) => (only ? only.has(e.name) : e.name === "adam")) ?? VISIBLE_EXERCISES[0];
  const lines = [
    "# The visible tests",
    "",
    `\`npx descent grade\` runs these on your files (\`npx descent grade exercises/${example.file}\` for one);`,
    `in a notebook, \`check("${example.name}", ${example.exports.length === 1 ? example.exports[0] : `{ ${example.exports.join(", ")} }`})\` does the same. Your final grade also counts hidden tests,`,
    "checked the same way on other inputs: make the rule right, not just these numbers.",
    "",
  ];
  for (const e of VISIBLE_EXERCISES) {
    if (only && !only.has(e.name)) continue;
    lines.push(`## ${e.file}: ${e.title}`, "");
    for (const c of e.cases) {
      lines.push(`- **${c.title}** (${c.points} point${c.points === 1 ? "" : "s"})`);
      lines.push(`  - input: ${e.describe(c.input)}`);
      const want = e.reference(c.input);
      lines.push(want === null ? "  - judged by running the library with your answer (see the file's doc comment)" : `  - expected: \`${formatValue(want, 12)}\``);
    }
    lines.push("");
  }
  return lines.join("\n");
}

function main(): void {
  const assignment: HandoutAssignment | undefined = handoutAssignment(ROOT); // checked first: a bad id fails at once
  const out = resolve(arg("out") ?? join(ROOT, "dist", assignment ? `handout-${assignment.id}` : "handout"));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const copy = (rel: string, filter?: (src: string) => boolean): void => {
    const from = join(ROOT, rel);
    if (existsSync(from)) cpSync(from, join(out, rel), { recursive: true, ...(filter ? { filter } : {}) });
  };
  // Assignments (issue 16): only the assignment's stubs and the notebooks they link.
  const keep = (f: string): boolean => assignment === undefined || assignment.files.has(f.slice(ROOT.length + 1)) || !f.slice(ROOT.length + 1).includes("/");
  copy("exercises", keep);
  copy("notebooks", (f) => !/\/\.|\/executed\/|\/node_modules\//.test(f.slice(ROOT.length)) && keep(f));
  copy("src");
  copy("bin");
  copy("docs");
  copy("examples");
  copy("package-lock.json");
  writeFileSync(join(out, "src", "grader", "hidden", "index.ts"), HIDDEN_STUB);
  copy(NOTEBOOK_SCRIPTS);

  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown> & { scripts: Record<string, string> };
  const scripts: Record<string, string> = { grade: "node bin/descent.mjs grade", typecheck: pkg.scripts.typecheck ?? "tsc --noEmit -p tsconfig.json" };
  for (const [k, v] of Object.entries(pkg.scripts)) {
    if ((k === "postinstall" || k.startsWith("notebooks")) && v.includes(NOTEBOOK_SCRIPTS)) scripts[k] = v;
  }
  writeFileSync(join(out, "package.json"), `${JSON.stringify({ ...pkg, name: "descent-handout", scripts }, null, 2)}\n`);
  const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8")) as { include?: string[] };
  tsconfig.include = ["src", "exercises"];
  writeFileSync(join(out, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  writeFileSync(join(out, "exercises", "VISIBLE-TESTS.md"), visibleTestsMarkdown(assignment?.names));
  if (assignment) {
    writeAssignmentHandout(out, assignment);
    return;
  }
  writeFileSync(
    join(out, "README.md"),
    [
      "# Descent: your exercises",
      "",
      "```sh",
      "npm install                              # once",
      "npx descent grade                        # grade every exercise in exercises/ (visible tests)",
      "npx descent grade exercises/07-adam.ts   # one exercise",
      "npm run notebooks                        # the course notebooks (needs Jupyter)",
      "```",
      "",
      "Each file in `exercises/` states its equation, the function's signature and the task; replace",
      '`throw new Error("TODO")` with your code. Failing tests show a small input, what was expected,',
      "what you returned and, when your output matches a common mistake, which one. The visible tests",
      "are listed in `exercises/VISIBLE-TESTS.md`; your grade also counts hidden tests on other inputs.",
      "In a notebook: `import { check } from \"./src/grader/check-node\";` then `await check(\"adam\", adamStep)`.",
      "",
      "Submit the files of `exercises/` (your instructor says where: Gradescope or a folder).",
      "",
    ].join("\n"),
  );
  const count = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(d, e.name)) : 1), 0);
  process.stdout.write(`${out}: ${count(out)} files (exercises, visible tests, notebooks, the library; no solutions, no hidden tests)\n`);
}

try {
  main();
} catch (error) {
  exitWithOneLine("handout", error);
}
