import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

/** Helpers for the tests that drive the real Jupyter server (`npm run notebooks`) and Chromium. */
export const ROOT = join(__dirname, "..", "..", "..");
export const CHROMIUM = "/usr/bin/chromium";
export const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** A Jupyter environment of its own: runtime, data (signatures) and config folders in a temp dir. */
export function jupyterSandbox(): { dir: string; runtime: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), "descent-jupyter-"));
  const runtime = join(dir, "runtime");
  for (const d of ["runtime", "data", "config"]) mkdirSync(join(dir, d));
  const env = { ...process.env, JUPYTER_RUNTIME_DIR: runtime, JUPYTER_DATA_DIR: join(dir, "data"), JUPYTER_CONFIG_DIR: join(dir, "config") };
  return { dir, runtime, env };
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? done(a.port) : fail(new Error("no port"))));
    });
  });
}

export interface NotebookServer {
  child: ChildProcess;
  url: string;
  token: string;
  /** Everything npm, our launcher and Jupyter printed so far. */
  output(): string;
  /** Resolves with the exit code when the process group's leader (npm) exits. */
  exited: Promise<number | null>;
}

/**
 * `npm run notebooks -- --work DIR --no-browser ...` as a terminal would run it: npm leads a new
 * process group (so a test can send SIGINT to the whole group, as Ctrl+C does). Resolves once
 * Jupyter prints its URL.
 */
export async function startNotebooks(work: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<NotebookServer> {
  const port = await freePort();
  const token = "descent-test-token";
  const child = spawn("npm", ["run", "notebooks", "--", "--classic", "--work", work, "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", `--NotebookApp.token=${token}`, ...extra], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!/is running at/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run notebooks did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, token, output: () => out, exited };
}

/** Debian's Chromium with the flags that keep it off the network (shared TOOLCHAIN.md); a fresh profile per launch. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/system-deps.sh does it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** SHA-256 of every tracked lesson file, to show that nothing wrote into notebooks/. */
export function lessonHashes(): Record<string, string> {
  const dir = join(ROOT, "notebooks");
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".ipynb"))
      .map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]),
  );
}

/** Runs `npm run notebooks:execute -- args` (tsx directly) and resolves with its status and output. */
export function executeNotebooks(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [join(ROOT, "scripts", "notebooks", "execute-notebooks.ts"), ...args], { cwd: ROOT, env });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", fail);
    child.on("close", (status) => done({ status, out }));
  });
}

/** A notebook on the project kernel with one code cell per source (nbformat 4.5, cell ids). */
export function notebookJson(sources: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "descent", display_name: "TypeScript (Descent)", language: "typescript" } },
    cells: sources.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, source, outputs: [], execution_count: null, metadata: {} })),
  });
}
