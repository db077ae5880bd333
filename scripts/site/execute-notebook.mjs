#!/usr/bin/env node
// Executes one notebook's code cells in THIS Node process with tslab's own converter and
// executor (the pieces its Jupyter kernel uses), with the repository root as the working
// directory, exactly as the project kernel runs them, and writes every cell's outputs as JSON:
//   node scripts/site/execute-notebook.mjs notebooks/03-momentum.ipynb out.json
// No Jupyter, no Python. Outputs follow nbformat: streams (stdout/stderr merged per cell as the
// kernel does), display_data with every MIME type a display call wrote (tslab's display and the
// notebook helper go through the same writer), updates to a display id replacing it in place.
// A cell that fails (type error, throw, or anything on stderr) stops the run with exit code 1
// and prints the notebook, the cell and the error.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [nbPath, outPath] = process.argv.slice(2);
if (!nbPath || !outPath) {
  console.error("usage: node scripts/site/execute-notebook.mjs NOTEBOOK.ipynb OUT.json");
  process.exit(2);
}
process.chdir(REPO);
const require = createRequire(resolve(REPO, "package.json"));
const { createConverter } = require("tslab/dist/converter");
const { createExecutor } = require("tslab/dist/executor");
const jupyter = require("tslab/dist/jupyter");

const nb = JSON.parse(readFileSync(nbPath, "utf8"));
const text = (s) => (Array.isArray(s) ? s.join("") : String(s ?? ""));

let nodeConv;
let browserConv;
const convs = {
  get node() { return (nodeConv ??= createConverter({ isJS: false, isBrowser: false })); },
  get browser() { return (browserConv ??= createConverter({ isJS: false, isBrowser: true })); },
  close() { nodeConv?.close(); browserConv?.close(); },
};

const realStdout = process.stdout.write.bind(process.stdout);
const realStderr = process.stderr.write.bind(process.stderr);
let outputs = [];
const stream = (name, chunk) => {
  const s = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  const last = outputs[outputs.length - 1];
  if (last && last.output_type === "stream" && last.name === name) last.text += s;
  else outputs.push({ output_type: "stream", name, text: s });
  return true;
};
// Console output of the executor itself (diagnostics, thrown errors, last expression values)
// goes to the cell as the kernel's console does.
const cellConsole = {
  log: (...a) => stream("stdout", format(...a) + "\n"),
  error: (...a) => stream("stderr", format(...a) + "\n"),
};
const executor = createExecutor(REPO, convs, cellConsole);

const results = [];
const started = Date.now();
let failed = false;
for (const [index, cell] of (nb.cells ?? []).entries()) {
  if (cell.cell_type !== "code") continue;
  const source = text(cell.source);
  outputs = [];
  const displayIds = new Map();
  jupyter.lastWriteDisplayData = (msg, update) => {
    const id = msg.transient?.display_id;
    const out = { output_type: "display_data", data: msg.data, metadata: msg.metadata ?? {} };
    if (update && id && displayIds.has(id)) {
      outputs[displayIds.get(id)] = out;
      return;
    }
    if (id) displayIds.set(id, outputs.length);
    outputs.push(out);
  };
  process.stdout.write = (c) => stream("stdout", c);
  process.stderr.write = (c) => stream("stderr", c);
  let ok;
  const t0 = Date.now();
  try {
    ok = await executor.execute(source);
  } catch (e) {
    ok = false;
    stream("stderr", String(e?.stack ?? e));
  } finally {
    process.stdout.write = realStdout;
    process.stderr.write = realStderr;
  }
  const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => o.text).join("");
  results.push({ index, id: cell.id ?? null, ms: Date.now() - t0, outputs });
  if (!ok || stderr) {
    console.error(`descent: error: ${nbPath}, cell ${index + 1}${cell.id ? ` (id ${cell.id})` : ""} failed:`);
    console.error(source.split("\n").map((l) => "  | " + l).join("\n"));
    console.error(stderr.trim() || "(the cell failed without a message)");
    failed = true;
    break;
  }
}
executor.close?.();
convs.close();
if (failed) process.exit(1);
writeFileSync(outPath, JSON.stringify({ notebook: nbPath, ms: Date.now() - started, cells: results }));
process.exit(0);
