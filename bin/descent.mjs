#!/usr/bin/env node
// Entry point of the `descent` command. The library is TypeScript; tsx compiles it on load,
// so a fresh clone needs no build step. Output goes through processIo (src/cli/output.ts):
// synchronous writes on fds 1 and 2, so a closed pipe or a full disk is handled by main as one
// line or a quiet end, never as Node's unhandled 'error' event with a stack trace.
import { tsImport } from "tsx/esm/api";

const { main, processIo } = await tsImport("../src/cli/main.ts", import.meta.url);
process.exitCode = main(process.argv.slice(2), processIo());
