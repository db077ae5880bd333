#!/usr/bin/env node
// `npm start`: the whole course on this machine. Builds what is missing or out of date
// (scripts/site/build.mjs; a second start with nothing changed reuses the last build), then
// serves site/dist on http://127.0.0.1:4321/ (PORT=... to change it; PORT=0 picks a free port).
import { buildSite } from "./build.mjs";
import { serve } from "./serve.mjs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."), "site", "dist");

try {
  await buildSite();
} catch (e) {
  console.error(e.message.startsWith("descent: error:") ? e.message : `descent: error: ${e.message}`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
try {
  const server = await serve(DIST, port);
  console.log(`Serving the course at http://127.0.0.1:${server.address().port}/ (Ctrl+C to stop)`);
  console.log("Compare every optimizer on a surface from the command line: npx descent compare --problem rosenbrock");
} catch (e) {
  console.error(e.code === "EADDRINUSE" ? `descent: error: port ${port} is in use; try PORT=0 npm start` : `descent: error: ${e.message}`);
  process.exit(2);
}
