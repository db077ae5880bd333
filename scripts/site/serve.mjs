#!/usr/bin/env node
// A small static file server for the built site (site/dist): no dependency, 127.0.0.1 only.
// `node scripts/site/serve.mjs [--port N] [--dir DIR] [--no-isolate]`; port 0 picks a free port. It prints the
// URL as `Serving the course at http://127.0.0.1:PORT/` (the tests read that line).
import { createServer } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
  ".ipynb": "application/x-ipynb+json", ".txt": "text/plain; charset=utf-8", ".xml": "application/xml",
  ".wasm": "application/wasm", ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream", ".pagefind": "application/octet-stream", ".ico": "image/x-icon",
};

/** Resolves a URL path to a file under root, or null (never outside root). */
function fileFor(root, urlPath) {
  let p;
  try { p = decodeURIComponent(urlPath.split("?")[0].split("#")[0]); } catch { return null; }
  const full = normalize(join(root, p));
  if (full !== root && !full.startsWith(root + sep)) return null;
  if (existsSync(full) && statSync(full).isDirectory()) {
    const index = join(full, "index.html");
    return existsSync(index) ? index : null;
  }
  if (existsSync(full)) return full;
  if (existsSync(full + ".html")) return full + ".html";
  return null;
}

// Cross-origin isolation: with these headers the live lessons' parallel runs (src/parallel/*-browser.ts)
// get SharedArrayBuffer and run on real Web Workers. Every resource of the site is same-origin, so
// COEP require-corp blocks nothing; a static host without them still works (the runs are simulated).
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cross-Origin-Resource-Policy": "same-origin" };

/**
 * Serves `dir`; `compress: false` makes a plain static server (no gzip), as many course web spaces are;
 * `isolate: false` leaves out the cross-origin isolation headers, as most static hosts do.
 */
export function serve(dir, port = 0, host = "127.0.0.1", { compress = true, isolate = true } = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    if (isolate) for (const [k, v] of Object.entries(ISOLATION)) res.setHeader(k, v);
    const url = req.url ?? "/";
    let file = fileFor(root, url);
    let status = 200;
    if (!file) {
      // Directory URLs without a trailing slash: redirect like static hosts do.
      const dirFile = fileFor(root, url.split("?")[0] + "/");
      if (dirFile && !url.endsWith("/")) {
        res.writeHead(301, { Location: url.split("?")[0] + "/" });
        res.end();
        return;
      }
      file = join(root, "404.html");
      status = 404;
      if (!existsSync(file)) { res.writeHead(404, { "Content-Type": "text/plain" }); res.end("not found"); return; }
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    // Text is gzipped as any real static host does (the lessons' HTML and Plotly shrink 3x).
    const gzip = compress && /text|javascript|json|svg|xml/.test(type) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-cache", Vary: "Accept-Encoding", ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip({ level: 6 })).pipe(res);
    else body.pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const dir = opt("--dir", fileURLToPath(new URL("../../site/dist", import.meta.url)));
  const port = Number(opt("--port", process.env.PORT ?? "4321"));
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`descent: error: no built site in ${dir}; run \`npm run build\` first`);
    process.exit(2);
  }
  // --no-isolate: without the cross-origin isolation headers, as a plain static host serves (tests the fallback).
  serve(dir, port, "127.0.0.1", { isolate: !args.includes("--no-isolate") }).then(
    (server) => console.log(`Serving the course at http://127.0.0.1:${server.address().port}/ (Ctrl+C to stop)`),
    (e) => {
      console.error(e.code === "EADDRINUSE" ? `descent: error: port ${port} is in use; try PORT=0 npm run preview` : `descent: error: ${e.message}`);
      process.exit(2);
    },
  );
}
