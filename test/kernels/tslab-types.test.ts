import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The notebooks' compiler (tslab's TypeScript 5.0 with Node's types only: no DOM lib, so no
 * global `WebAssembly` namespace) must accept the optimizers with their kernels: a notebook cell
 * importing ./src/optimizers/index failed on `WebAssembly.Memory` types before runtime.ts
 * declared the few it uses. test/core/tslab-compat.test.ts compiles src/ with the DOM lib, which
 * hides this; here the lib is the notebook kernel's.
 */
const require = createRequire(__filename);
const ts = require("@tslab/typescript-for-tslab") as typeof import("typescript");

describe("kernels under the notebook kernel's compiler", () => {
  it("src/optimizers/index.ts type-checks with ES2022 + Node types and no DOM lib", () => {
    const root = join(__dirname, "..", "..");
    const program = ts.createProgram([join(root, "src", "optimizers", "index.ts")], {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      declaration: true,
      lib: ["lib.es2022.d.ts"],
      types: ["node"],
      typeRoots: [join(root, "node_modules", "@types")],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
  });
});
