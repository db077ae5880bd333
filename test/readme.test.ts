import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The README is the first thing a newcomer runs: its TypeScript example must run as printed and
 * print what its comment says, and the two commands it names must exist in package.json.
 */
const root = join(__dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe("README", () => {
  it("names an install-and-run command and a test command that package.json defines", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    // npm start serves the course site (scripts/site/start.mjs); npm test installs the system
    // packages the tests need, type-checks, then runs vitest.
    expect(pkg.scripts.start).toMatch(/scripts\/site\/start\.mjs/);
    expect(pkg.scripts.test).toMatch(/system-deps\.sh/);
    expect(pkg.scripts.test).toMatch(/vitest run/);
  });

  it("runs its library example as printed, reaching Rosenbrock's minimum", () => {
    const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    // Run it from a scratch folder inside the repository, so "./src/..." resolves to the repo's src.
    const dir = mkdtempSync(join(root, "test", ".readme-"));
    try {
      const file = join(dir, "snippet.ts");
      writeFileSync(file, (snippet as string).replaceAll('"./src/', '"../../src/'));
      const out = execFileSync(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), file], { encoding: "utf8" });
      const theta = JSON.parse(out.trim()) as number[];
      expect(theta[0]).toBeCloseTo(1, 6);
      expect(theta[1]).toBeCloseTo(1, 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
