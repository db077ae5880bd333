// Serves a built site with Debian's Apache (`apache2-bin`) and the site's own .htaccess, as a
// course's web space would: the test of site/public/.htaccess (test/site/apache-hosting.e2e.test.ts)
// and the `apache` server of `npm run site:bench`. Apache runs in the foreground from a config
// written to a temp folder, on 127.0.0.1 only, with no Debian config file involved.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const APACHE = "/usr/sbin/apache2";
const MODULES = "/usr/lib/apache2/modules";

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

/** Starts Apache on `dir`; resolves with { url, stop() } once it answers. */
export async function startApache(dir) {
  if (!existsSync(APACHE)) throw new Error(`${APACHE} is missing: install Debian's apache2-bin`);
  const root = resolve(dir);
  const work = mkdtempSync(join(tmpdir(), "descent-apache-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const mods = ["mpm_event", "authz_core", "dir", "mime", "filter", "deflate", "headers"];
  writeFileSync(join(work, "httpd.conf"), [
    `ServerRoot "${work}"`, `ServerName 127.0.0.1`, `Listen 127.0.0.1:${port}`,
    `PidFile "${join(work, "httpd.pid")}"`, `ErrorLog "${join(work, "error.log")}"`, "LogLevel warn",
    ...mods.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
    // Apache started as root serves as an unprivileged user (who can read the site).
    ...(asRoot ? ["User nobody", "Group nogroup"] : []),
    "TypesConfig /etc/mime.types",
    `DocumentRoot "${root}"`,
    `<Directory "${root}">`, "  AllowOverride All", "  Require all granted", "</Directory>",
    "",
  ].join("\n"));
  const child = spawn(APACHE, ["-f", join(work, "httpd.conf"), "-DFOREGROUND"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => { child.kill("SIGTERM"); setTimeout(() => rmSync(work, { recursive: true, force: true }), 500).unref(); };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try { await fetch(url + "/"); return { url, stop }; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  stop();
  const log = existsSync(join(work, "error.log")) ? readFileSync(join(work, "error.log"), "utf8") : "";
  throw new Error(`Apache did not start on ${url}: ${out}${log}`);
}
