// Cost of type-checking a lesson cell as tslab does (non-strict), with the library's sources as
// the program's other files: what a browser check would have to do (measured here in Node with
// the same typescript.js the exercise pages load).
import ts from "typescript";
import { readFileSync } from "node:fs";
const nb = JSON.parse(readFileSync("notebooks/03-momentum.ipynb", "utf8"));
const cells = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
const opts = { strict: false, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], types: [] };
let old;
const host = ts.createCompilerHost(opts);
const t0 = performance.now();
for (let k = 1; k <= cells.length; k++) {
  const file = "/work/wt/live/__cell__.ts";
  const text = cells.slice(0, k).join("\n;\n") + "\nexport {};\n";
  const h = { ...host, getSourceFile: (f, v) => (f === file ? ts.createSourceFile(f, text, v, true) : host.getSourceFile(f, v)), fileExists: (f) => f === file || host.fileExists(f), readFile: (f) => (f === file ? text : host.readFile(f)) };
  const t = performance.now();
  const p = ts.createProgram([file], opts, h, old);
  const d = ts.getPreEmitDiagnostics(p, p.getSourceFile(file));
  old = p;
  console.log(`cells 1..${k}: ${Math.round(performance.now() - t)} ms, ${d.length} diagnostics, ${p.getSourceFiles().length} files`);
}
console.log("total", Math.round(performance.now() - t0), "ms");
