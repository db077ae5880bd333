import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The notebooks run src/ through tslab, which compiles with its own TypeScript 5.0 to
 * CommonJS. This compiles every browser-and-Node file of src/ with that same compiler (5.0.4,
 * module CommonJS, strict) and expects no diagnostics, so a feature newer than 5.0 or an
 * ESM-only construct (import.meta, top-level await) is caught here rather than in a notebook.
 */
const require = createRequire(__filename);
// The compiler tslab itself runs (tslab 1.0.22 depends on this TypeScript 5.0.4 build).
const ts = require("@tslab/typescript-for-tslab") as typeof import("typescript");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("src/ under tslab's compiler", () => {
  it("compiles with TypeScript 5.0 to CommonJS without a diagnostic", () => {
    expect(ts.version).toBe("5.0.4");
    const root = join(__dirname, "..", "..", "src");
    const files = tsFiles(root).filter((f) => !f.includes(`${join("src", "cli")}`));
    expect(files.length).toBeGreaterThan(50);
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      typeRoots: [join(__dirname, "..", "..", "node_modules", "@types")],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName.slice(root.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
