import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Shared by the site tests: the build, a static server on 127.0.0.1, Debian's Chromium. */

export const REPO = resolve(__dirname, "..", "..", "..");
export const DIST = join(REPO, "site", "dist");
export const CHROMIUM = "/usr/bin/chromium";

/** Runs a command to completion; resolves with its output, rejects with it on a non-zero exit. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok({ stdout, stderr }) : fail(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${stdout}\n${stderr}`))));
  });
}

/**
 * `npm run build` as a user runs it (tsx scripts/site/build.mjs); the build skips itself when
 * nothing changed. Several site test files run in parallel: a lock folder lets one build at a time
 * (the next one then finds the site up to date).
 */
export async function buildSite(): Promise<{ stdout: string; stderr: string }> {
  const lock = join(REPO, "site", ".build-lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 20 minutes was left by a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 20 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await run(process.execPath, [join(REPO, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/site/build.mjs"]);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Server {
  url: string;
  stop(): void;
}

/** `node scripts/site/serve.mjs --port 0` as a child process; resolves with the URL it prints. */
export function startServer(dir = DIST): Promise<Server> {
  return new Promise((ok, fail) => {
    const child: ChildProcess = spawn(process.execPath, ["scripts/site/serve.mjs", "--port", "0", "--dir", dir], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => fail(new Error(`the server printed no URL: ${out}`)), 10_000);
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /Serving the course at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1], stop: () => child.kill() });
      }
    });
    child.stderr!.on("data", (d) => (out += d));
    child.on("error", fail);
  });
}

/** Debian's Chromium with the flags that keep it off the network (see shared TOOLCHAIN.md). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/system-deps.sh does it)`);
  // Playwright gives every launch a fresh, temporary profile (--user-data-dir is its to set).
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** Every page of the built site, as URL paths ("/", "/lessons/00-introduction/", ...). */
export function sitePages(dir = DIST): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name === "_astro" || e.name === "pagefind" || e.name === "lesson-data") continue;
        walk(join(d, e.name), `${prefix}${e.name}/`);
      } else if (e.name === "index.html") out.push(prefix);
    }
  };
  walk(dir, "/");
  return out.sort();
}

/** What `useSite` hands a test file once its `beforeAll` has run. */
export interface SiteSession {
  /** The static server over site/dist. */
  readonly server: Server;
  /** Debian's Chromium, shared by the file's tests. */
  readonly browser: Browser;
  /** What `npm run build` printed (it says whether it built or found the site up to date). */
  readonly buildOutput: string;
}

/**
 * The set-up most site test files share: build the site (once, under the lock), serve it, launch
 * Chromium; both are closed after the file's tests. The returned object is read inside tests.
 */
export function useSite(timeoutMs = 900_000): SiteSession {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let buildOutput = "";
  beforeAll(async () => {
    buildOutput = (await buildSite()).stdout;
    server = await startServer();
    browser = await launchChromium();
  }, timeoutMs);
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useSite: ${name} is read before beforeAll has run (read it inside a test)`);
    return value;
  };
  return {
    get server() { return ready(server, "server"); },
    get browser() { return ready(browser, "browser"); },
    get buildOutput() { return buildOutput; },
  };
}

/**
 * Runs `attempt` (open a page in a context of its own, check it, take its full-page screenshot,
 * close the context even when it fails) again, up to `times` in all, when the screenshot times
 * out. Chromium's full-page capture of a tall page sometimes never ends: in CI, lesson 00 (the
 * lightest lesson) hung for the whole 180 s on its second capture, while the same capture takes
 * seconds before and after. Any other failure is thrown at once; so is the last hang.
 */
export async function retryHungCapture(label: string, attempt: () => Promise<void>, times = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i >= times || !(e instanceof Error && /page\.screenshot: Timeout/.test(e.message))) throw e;
      console.log(`[screenshots] ${label}: the full-page capture hung (attempt ${i} of ${times}); again in a new context`);
    }
  }
}

/** How long one full-page capture may take: seconds when it works, a hang when it does not. */
export const CAPTURE_TIMEOUT_MS = 90_000;
