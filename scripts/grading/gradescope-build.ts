import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { exitWithOneLine } from "./exit-error";
import { assignmentsToBuild, writePerAssignment } from "./gradescope-assignments";
import { zipFolder } from "./gradescope-zip";

/**
 * `npm run gradescope [-- --out DIR] [-- --no-node]`: builds the Gradescope autograder zip an
 * instructor uploads (DIR/descent-autograder.zip, default dist/gradescope/).
 *
 * Inside: setup.sh, run_autograder, the grader bundled into one file (library, exercises, hidden
 * tests, sandbox), the TypeScript compiler and esbuild it needs at run time, and a Node binary
 * (this machine's, Linux x64): Gradescope's Ubuntu images and Debian 12 ship Node 12 to 18, too
 * old for the grader (Node >= 20.19: the permission model and require(esm)), and run_autograder
 * must work with no network. `--no-node` leaves the binary out (setup.sh then needs a Node >= 20.19
 * on the image's PATH).
 *
 * Assignments (assignments.json, see src/grader/assignments.ts): `--assignment ID` builds that
 * assignment's autograder (DIR/descent-autograder-ID.zip: only its exercises, results.json's
 * total = its points); `--all-assignments` builds one zip per assignment into DIR; `--config FILE`
 * reads another course configuration.
 */

const ROOT = resolve(__dirname, "..", "..");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SETUP = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# Everything the grader needs is in this folder (no download): only Node is checked here.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$HERE/node/bin/node" ]; then
  echo "Descent autograder: using the bundled Node $("$HERE/node/bin/node" --version)"
  exit 0
fi
if command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Descent autograder: using the system's Node $(node --version)"
  exit 0
fi
echo "Descent autograder: this package has no bundled Node and the image has no Node >= 20.19." >&2
echo "Rebuild it without --no-node (npm run gradescope), or install Node 20.19+ in this script." >&2
exit 1
`;

const RUN = `#!/usr/bin/env bash
# Grades /autograder/submission into /autograder/results/results.json.
# Gradescope copies this file to /autograder/run_autograder and the package to /autograder/source.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SRC="$HERE"
[ -d "$HERE/source/grader" ] && SRC="$HERE/source"
NODE="$SRC/node/bin/node"
[ -x "$NODE" ] || NODE="$(command -v node)"
exec "$NODE" "$SRC/grader/run-autograder.cjs"
`;

function bundle(entry: string, outfile: string): void {
  buildSync({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["typescript", "esbuild"],
    logLevel: "warning",
  });
}

function main(): void {
  const outDir = resolve(arg("out") ?? join(ROOT, "dist", "gradescope"));
  const pkg = join(outDir, "package");
  const started = Date.now();
  const assignments = assignmentsToBuild(ROOT); // checked before the slow part: a bad id fails at once
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(join(pkg, "grader"), { recursive: true });
  process.stderr.write("bundling the grader...\n");
  bundle("scripts/grading/gradescope-run.ts", join(pkg, "grader", "run-autograder.cjs"));
  bundle("src/grader/sandbox-child-node.ts", join(pkg, "grader", "sandbox-child.cjs"));
  process.stderr.write("copying typescript and esbuild...\n");
  const modules = join(pkg, "node_modules");
  cpSync(join(ROOT, "node_modules", "typescript", "package.json"), join(modules, "typescript", "package.json"));
  cpSync(join(ROOT, "node_modules", "typescript", "lib"), join(modules, "typescript", "lib"), {
    recursive: true,
    // the compiler and the standard library's declarations; not the language service's locales
    filter: (f) => statSync(f).isDirectory() ? !/\/lib\/[a-z]{2}(-[a-z]+)?$/i.test(f) : /typescript\.js$|lib\..*\.d\.ts$|\.json$/.test(f),
  });
  cpSync(join(ROOT, "node_modules", "esbuild"), join(modules, "esbuild"), { recursive: true });
  const platform = `${process.platform}-${process.arch}`;
  const binary = join(ROOT, "node_modules", "@esbuild", platform);
  if (!existsSync(binary)) throw new Error(`esbuild's binary for ${platform} is not installed (node_modules/@esbuild/${platform})`);
  cpSync(binary, join(modules, "@esbuild", platform), { recursive: true });
  if (!process.argv.includes("--no-node")) {
    process.stderr.write(`bundling Node ${process.version} (${process.execPath})...\n`);
    mkdirSync(join(pkg, "node", "bin"), { recursive: true });
    copyFileSync(process.execPath, join(pkg, "node", "bin", "node"));
    chmodSync(join(pkg, "node", "bin", "node"), 0o755);
  }
  writeFileSync(join(pkg, "setup.sh"), SETUP, { mode: 0o755 });
  writeFileSync(join(pkg, "run_autograder"), RUN, { mode: 0o755 });
  // Assignments (issue 16): one zip per assignment, each with grader/assignment.json.
  if (assignments.length > 0) return writePerAssignment(assignments, pkg, outDir, zipFolder, started);
  writeFileSync(
    join(pkg, "README.txt"),
    "Descent's Gradescope autograder. Upload descent-autograder.zip as the autograder (Ubuntu base image).\n" +
      "Students submit their exercise files (or their exercises/ folder). See the Descent README, section Grading.\n",
  );
  process.stderr.write("zipping...\n");
  const zip = join(outDir, "descent-autograder.zip");
  const count = zipFolder(pkg, zip);
  const mb = (statSync(zip).size / 1e6).toFixed(1);
  process.stdout.write(`${zip}: ${count} files, ${mb} MB, built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

try {
  main();
} catch (error) {
  exitWithOneLine("gradescope", error);
}
