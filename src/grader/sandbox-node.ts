import { fork, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import type { CaseOutcome, DriverInput } from "./types";

/**
 * One sandboxed Node process per submission (grader side). See sandbox-child-node.ts for what
 * the child does before student code runs. Here:
 * - the child is started with `--experimental-permission` and `--allow-fs-read` limited to its
 *   own bundled script (so it cannot read solutions/, the tests or anything else; no
 *   --allow-child-process, no --allow-worker), `--max-old-space-size`, an empty environment;
 * - every request has a wall-time limit; past it the child is killed (SIGKILL) and the case is a
 *   timeout; a child that dies (heap limit, RSS limit polled from /proc, a crash) fails the case it
 *   was running with the reason, and a fresh child is started for the remaining cases, with the
 *   files that loaded fine loaded again;
 * - messages carry a random nonce, and anything else the child sends is ignored.
 */

export interface SandboxOptions {
  /** Wall-time limit per case (and per file load), ms. */
  readonly timeMs?: number;
  /** V8 heap limit of the child, MB. */
  readonly heapMb?: number;
  /** Resident-set limit, MB (polled; covers typed arrays outside the V8 heap). */
  readonly rssMb?: number;
  /** Limit for promises the student returns, ms (inside the child). */
  readonly promiseMs?: number;
}

const DEFAULTS: Required<SandboxOptions> = { timeMs: 3000, heapMb: 192, rssMb: 512, promiseMs: 1000 };

let childScript: string | undefined;

/**
 * The child's script. A prebuilt `sandbox-child.cjs` next to this module wins (the Gradescope
 * package ships one); otherwise the child is bundled from source once per process into a cache
 * folder, named by its content hash.
 */
export function childScriptPath(): string {
  if (childScript) return childScript;
  const prebuilt = join(__dirname, "sandbox-child.cjs");
  if (existsSync(prebuilt)) {
    childScript = prebuilt;
    return prebuilt;
  }
  const result = buildSync({
    entryPoints: [join(__dirname, "sandbox-child-node.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), `descent-grader-${process.getuid?.() ?? "u"}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `sandbox-child-${hash}.cjs`);
  if (!existsSync(path) || readFileSync(path, "utf8") !== code) {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, path);
  }
  childScript = path;
  return path;
}

interface Pending {
  readonly id: number;
  resolve(outcome: CaseOutcome): void;
}

/** Reads the child's resident set size from /proc (Linux); NaN elsewhere. */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export class Sandbox {
  private readonly options: Required<SandboxOptions>;
  private child: ChildProcess | undefined;
  private nonce = "";
  private nextId = 1;
  private pending: Pending | undefined;
  private stderr = "";
  private deathReason: CaseOutcome | undefined;
  private readonly loaded = new Map<string, string>();
  private monitor: ReturnType<typeof setInterval> | undefined;

  constructor(options: SandboxOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  private async start(): Promise<void> {
    const script = childScriptPath();
    this.nonce = randomBytes(12).toString("hex");
    this.stderr = "";
    this.deathReason = undefined;
    const child = fork(script, [String(this.options.promiseMs), this.nonce], {
      execArgv: [
        "--experimental-permission",
        `--allow-fs-read=${script}`,
        `--max-old-space-size=${this.options.heapMb}`,
        "--disable-warning=ExperimentalWarning",
        "--stack-size=2000",
      ],
      env: {},
      cwd: tmpdir(),
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.child = child;
    child.stderr?.on("data", (d: Buffer) => {
      if (this.stderr.length < 20_000) this.stderr += d.toString();
    });
    child.on("message", (raw: unknown) => {
      const msg = raw as { nonce?: unknown; id?: unknown; result?: CaseOutcome };
      if (msg === null || typeof msg !== "object" || msg.nonce !== this.nonce) return; // not ours: ignore
      const p = this.pending;
      if (p && msg.id === p.id && msg.result) {
        this.pending = undefined;
        p.resolve(msg.result);
      }
    });
    child.on("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.monitor) clearInterval(this.monitor);
      const p = this.pending;
      this.pending = undefined;
      if (p) p.resolve(this.deathReason ?? this.explainExit(code, signal));
    });
    child.on("error", () => {
      // exit follows; nothing else to do
    });
    this.monitor = setInterval(() => {
      const rss = rssMb(child.pid);
      if (rss > this.options.rssMb) {
        this.deathReason = { ok: false, kind: "memory", message: `it used more than ${this.options.rssMb} MB of memory` };
        child.kill("SIGKILL");
      }
    }, 50);
    this.monitor.unref();
    const ready = await this.request({ type: "ready" }, 10_000, 0);
    if (!ready.ok) throw new Error(`the sandbox did not start: ${ready.message}`);
  }

  private explainExit(code: number | null, signal: NodeJS.Signals | null): CaseOutcome {
    if (/heap out of memory|Allocation failed|OOM/i.test(this.stderr)) {
      return { ok: false, kind: "memory", message: `it ran out of memory (limit ${this.options.heapMb} MB)` };
    }
    if (code === 0 && signal === null) return { ok: false, kind: "exited", message: "the process ended before answering (process.exit or similar is not allowed)" };
    const why = signal ? `signal ${signal}` : `exit code ${code}`;
    const tail = this.stderr.trim().split("\n").slice(-2).join(" ").slice(0, 300);
    return { ok: false, kind: "crashed", message: `${why}${tail ? `: ${tail}` : ""}` };
  }

  /** Sends one request (or, with id 0, waits for the ready message) with a wall-time limit. */
  private request(body: Record<string, unknown>, timeMs: number, fixedId?: number): Promise<CaseOutcome> {
    const child = this.child;
    if (!child) return Promise.resolve({ ok: false, kind: "crashed", message: "the sandbox is not running" });
    const id = fixedId ?? this.nextId++;
    return new Promise<CaseOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.deathReason = { ok: false, kind: "timeout", message: `no answer within ${timeMs} ms` };
        child.kill("SIGKILL");
      }, timeMs);
      this.pending = {
        id,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      if (fixedId === 0) return;
      try {
        child.send({ ...body, nonce: this.nonce, id });
      } catch (error) {
        this.pending = undefined;
        clearTimeout(timer);
        resolve({ ok: false, kind: "crashed", message: `could not reach the sandbox: ${(error as Error).message}` });
      }
    });
  }

  private async ensure(): Promise<void> {
    if (this.child) return;
    await this.start();
    // A fresh child: load again the files that loaded fine in the previous one.
    for (const [file, code] of this.loaded) {
      const r = await this.request({ type: "load", file, code }, this.options.timeMs);
      if (!r.ok) this.loaded.delete(file);
    }
  }

  /** Starts the child ahead of the first request; never throws (a failure shows at the first request). */
  async warmUp(): Promise<void> {
    try {
      await this.ensure();
    } catch {
      // reported by load/run
    }
  }

  /** Loads one compiled file (CommonJS). A failure (throw, loop, exit at load) is returned, not thrown. */
  async load(file: string, code: string): Promise<CaseOutcome> {
    await this.ensure();
    const r = await this.request({ type: "load", file, code }, this.options.timeMs);
    if (r.ok) this.loaded.set(file, code);
    return r;
  }

  /** Runs one case on a loaded file. Never throws. */
  async run(file: string, input: DriverInput): Promise<CaseOutcome> {
    try {
      await this.ensure();
    } catch (error) {
      return { ok: false, kind: "crashed", message: (error as Error).message };
    }
    if (!this.loaded.has(file)) return { ok: false, kind: "crashed", message: `${file} could not be loaded again after an earlier failure` };
    return this.request({ type: "run", file, input }, this.options.timeMs);
  }

  close(): void {
    if (this.monitor) clearInterval(this.monitor);
    const child = this.child;
    this.child = undefined;
    if (child) child.kill("SIGKILL");
  }
}
