import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { osLayers, spawnPlan, type OsLayers } from "./sandbox/os-layers-node";
import type { CaseOutcome, DriverInput } from "./types";

/**
 * One sandboxed Node process per submission (grader side). See sandbox-child-node.ts for what
 * the child does before student code runs, and sandbox/os-layers-node.ts for the OS walls around
 * it (namespaces, an unprivileged uid, rlimits), chosen at run time. Here:
 * - the child is started in a session of its own, inside those walls, with `--experimental-permission` and `--allow-fs-read` limited to its
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
  let code: string;
  if (existsSync(prebuilt)) {
    code = readFileSync(prebuilt, "utf8");
  } else {
    const result = buildSync({
      entryPoints: [join(__dirname, "sandbox-child-node.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      write: false,
      logLevel: "silent",
    });
    code = result.outputFiles[0].text;
  }
  // Always copied to a folder of ours that every uid may read: the child may run as another uid
  // (and inside bubblewrap sees only this file), whatever the permissions of the install folder.
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const dir = scriptFolder();
  const path = join(dir, `sandbox-child-${hash}.cjs`);
  if (!existsSync(path) || readFileSync(path, "utf8") !== code) {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, code, { mode: 0o644 });
    chmodSync(temp, 0o644);
    renameSync(temp, path);
  }
  childScript = path;
  return path;
}

/** A cache folder owned by us, not writable by others (else a fresh private one). */
function scriptFolder(): string {
  const uid = process.getuid?.() ?? -1;
  const dir = join(tmpdir(), `descent-grader-${uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const st = lstatSync(dir);
    if (st.isDirectory() && (uid < 0 || st.uid === uid) && (st.mode & 0o022) === 0) {
      chmodSync(dir, 0o755);
      return dir;
    }
  } catch {
    // fall through to a private folder
  }
  const own = mkdtempSync(join(tmpdir(), "descent-grader-"));
  chmodSync(own, 0o755);
  return own;
}

/** The OS layers this process's sandboxes run in (probed once; see sandbox/os-layers-node.ts). */
export function sandboxLayers(): OsLayers {
  return osLayers(childScriptPath());
}

interface Pending {
  readonly id: number;
  resolve(outcome: CaseOutcome): void;
}

/** Reads one process's resident set size from /proc (Linux), MB; NaN elsewhere. */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The processes under `root` (the wrapper we started: prlimit, bwrap, unshare, then Node), found
 * once when the child is ready, so the memory poll can read the real Node process's RSS.
 */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  try {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        parent.set(Number(name), ppid);
      } catch {
        // gone already
      }
    }
  } catch {
    return [root];
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, pp] of parent) if (pp === out[i]) out.push(pid);
  return out;
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
  private cpuSeconds = 0;

  constructor(options: SandboxOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  private async start(): Promise<void> {
    const script = childScriptPath();
    const layers = osLayers(script);
    this.nonce = randomBytes(12).toString("hex");
    this.stderr = "";
    this.deathReason = undefined;
    const nodeArgs = [
      "--experimental-permission",
      `--allow-fs-read=${script}`,
      `--max-old-space-size=${this.options.heapMb}`,
      "--disable-warning=ExperimentalWarning",
      "--stack-size=2000",
      script,
      String(this.options.promiseMs),
      this.nonce,
    ];
    const limits = { cpuSeconds: 60 + (4 * this.options.timeMs) / 1000, dataMb: this.options.rssMb + 256 };
    this.cpuSeconds = Math.ceil(limits.cpuSeconds);
    const plan = spawnPlan(layers, process.execPath, nodeArgs, [script], limits);
    const child = spawn(plan.command, plan.args, {
      env: {},
      cwd: "/",
      // A session and process group of its own: kill(0, ...) from the child reaches only itself.
      detached: true,
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      ...(plan.uid !== undefined ? { uid: plan.uid, gid: plan.gid } : {}),
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
    let tree: number[] = child.pid === undefined ? [] : [child.pid];
    this.monitor = setInterval(() => {
      let rss = 0;
      for (const pid of tree) {
        const r = rssMb(pid);
        if (r > 0) rss += r;
      }
      if (rss > this.options.rssMb) {
        this.deathReason = { ok: false, kind: "memory", message: `it used more than ${this.options.rssMb} MB of memory` };
        this.kill(child);
      }
    }, 50);
    this.monitor.unref();
    const ready = await this.request({ type: "ready" }, 10_000, 0);
    if (!ready.ok) throw new Error(`the sandbox did not start: ${ready.message}`);
    if (child.pid !== undefined) tree = descendants(child.pid);
  }

  /** Kills the child's whole process group (the wrappers and Node). */
  private kill(child: ChildProcess): void {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    child.kill("SIGKILL");
  }

  private explainExit(code: number | null, signal: NodeJS.Signals | null): CaseOutcome {
    if (/heap out of memory|Allocation failed|OOM/i.test(this.stderr)) {
      return { ok: false, kind: "memory", message: `it ran out of memory (limit ${this.options.heapMb} MB)` };
    }
    if (signal === "SIGXCPU" || code === 128 + 24 || /SIGXCPU|CPU time limit/i.test(this.stderr)) {
      return { ok: false, kind: "timeout", message: `it used more than ${this.cpuSeconds} s of CPU time (the sandbox's limit)` };
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
        this.kill(child);
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
    if (child) this.kill(child);
  }
}
