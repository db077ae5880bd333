#!/usr/bin/env node
// Entry point of the `descent` command. The library is TypeScript; tsx compiles it on load,
// so a fresh clone needs no build step.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../src/cli/main.ts", import.meta.url);
const io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};
process.exitCode = await main(process.argv.slice(2), io);
