import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * The operating-system walls around a submission's process, chosen at run time from what this
 * machine allows (the JavaScript lockdown in sandbox-child-node.ts is the second wall, always on).
 *
 * In order of preference:
 * 1. bubblewrap (`bwrap`, Debian package `bubblewrap`): new user, PID, network, IPC, UTS and
 *    cgroup namespaces and a private file view (read-only /usr, the child's own script, an empty
 *    /tmp, a minimal /dev and the namespace's own /proc). No network at all (only the namespace's
 *    own loopback), no other process visible or reachable by a signal, no course file visible
 *    (not solutions/, not other students' folders).
 * 2. `unshare` (util-linux) with a user namespace: network and PID namespaces; files are then
 *    closed by Node's permission model only.
 * 3. Neither (e.g. a container whose seccomp profile forbids namespaces, as Docker's default does):
 *    no OS network or PID isolation.
 * Always, when the grader runs as root: the child runs as an unprivileged uid of its own (so it
 * cannot signal the grader or read root-only files, even without namespaces), in a session of its
 * own. Always when `prlimit` (util-linux) exists: rlimits on CPU seconds, data (memory), processes,
 * file size, open files and core dumps.
 *
 * `DESCENT_SANDBOX=bwrap|unshare|none` forces a level (tests use it to check each fallback; `none`
 * also skips the uid drop and rlimits, the JS-only wall of a non-root user without namespaces).
 */

export type NamespaceTool = "bwrap" | "unshare" | null;

export interface OsLayers {
  /** Which tool made the namespaces, if any. */
  readonly namespaces: NamespaceTool;
  /** The uid the child runs as when the grader is root (undefined: the grader's own uid). */
  readonly uid: number | undefined;
  /** Whether rlimits are applied (prlimit found). */
  readonly rlimits: boolean;
  /** True when the OS layer lacks network or process isolation: the report says so plainly. */
  readonly weaker: boolean;
  /** One line for report headers. */
  readonly summary: string;
}

export interface SpawnPlan {
  readonly command: string;
  readonly args: string[];
  readonly uid?: number;
  readonly gid?: number;
}

export interface ChildLimits {
  /** CPU seconds for the child process (RLIMIT_CPU). */
  readonly cpuSeconds: number;
  /** Writable private memory, MB (RLIMIT_DATA: heap, typed arrays; WebAssembly's reservation is not counted). */
  readonly dataMb: number;
}

function which(name: string): string | undefined {
  for (const dir of ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"]) {
    const p = `${dir}/${name}`;
    if (existsSync(p)) return p;
  }
  return undefined;
}

const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * A uid of the child's own when the grader is root: 61000-63999 (Debian's dynamically allocated
 * range), one per grading process, so a child cannot signal another student's sandbox either.
 */
function childUid(): number {
  return 61000 + (process.pid % 3000);
}

/** bwrap's arguments: namespaces and a file view holding only what Node needs, read-only. */
export function bwrapArgs(readOnly: readonly string[]): string[] {
  const args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"];
  // Merged /usr (Debian 12): /lib, /lib64, /bin are links into /usr; otherwise bind them too.
  for (const top of ["/lib", "/lib64", "/bin"]) {
    if (!existsSync(top)) continue;
    args.push("--ro-bind", top, top);
  }
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
  for (const p of readOnly) {
    if (p.startsWith("/usr/")) continue;
    args.push("--ro-bind", p, p);
  }
  args.push("--chdir", "/tmp");
  return args;
}

function unshareArgs(): string[] {
  return ["--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "--mount", "--mount-proc"];
}

function prlimitArgs(limits: ChildLimits): string[] {
  const mb = 1024 * 1024;
  return [
    `--cpu=${Math.ceil(limits.cpuSeconds)}`,
    `--data=${Math.ceil(limits.dataMb) * mb}`,
    // Node's own threads count as processes; room for them and a few workers, not a fork bomb.
    "--nproc=256",
    `--fsize=${16 * mb}`,
    "--nofile=256",
    "--core=0",
    "--",
  ];
}

/** The command that starts `node nodeArgs...` inside the chosen layers. */
export function spawnPlan(layers: OsLayers, node: string, nodeArgs: readonly string[], readOnly: readonly string[], limits: ChildLimits): SpawnPlan {
  let argv: string[] = [node, ...nodeArgs];
  if (layers.namespaces === "bwrap") {
    const nodeFiles = node.startsWith("/usr/") ? [] : [node];
    argv = [which("bwrap")!, ...bwrapArgs([...nodeFiles, ...readOnly]), ...argv];
  } else if (layers.namespaces === "unshare") {
    argv = [which("unshare")!, ...unshareArgs(), ...argv];
  }
  if (layers.rlimits) argv = [which("prlimit")!, ...prlimitArgs(limits), ...argv];
  const [command, ...args] = argv;
  return { command, args, ...(layers.uid !== undefined ? { uid: layers.uid, gid: layers.uid } : {}) };
}

/** Runs the plan once with `node -e` reading the script: does this machine allow it? */
function works(layers: OsLayers, script: string): boolean {
  const plan = spawnPlan(layers, process.execPath, ["-e", "require('fs').accessSync(process.argv[1])", script], [script], {
    cpuSeconds: 10,
    dataMb: 1024,
  });
  try {
    const r = spawnSync(plan.command, plan.args, {
      env: {},
      cwd: "/",
      timeout: 15_000,
      stdio: "ignore",
      ...(plan.uid !== undefined ? { uid: plan.uid, gid: plan.gid } : {}),
    });
    return r.status === 0;
  } catch {
    return false;
  }
}

function describe(namespaces: NamespaceTool, uid: number | undefined, rlimits: boolean): OsLayers {
  const parts: string[] = [];
  if (namespaces === "bwrap") parts.push("bubblewrap: no network, own PID namespace, private read-only file view");
  else if (namespaces === "unshare") parts.push("unshare: no network, own PID namespace (files closed by Node's permission model only)");
  if (uid !== undefined) parts.push("an unprivileged uid of its own");
  if (rlimits) parts.push("rlimits");
  parts.push("Node permission model + JS lockdown");
  const weaker = namespaces === null;
  const summary = weaker
    ? `sandbox: WEAKER, no OS network or PID isolation on this machine (namespaces unavailable); ${parts.join(", ")}`
    : `sandbox: ${parts.join(", ")}`;
  return { namespaces, uid, rlimits, weaker, summary };
}

const cache = new Map<string, OsLayers>();

/** The strongest layers that work here for this child script (probed once per process). */
export function osLayers(script: string): OsLayers {
  const forced = process.env.DESCENT_SANDBOX;
  const key = `${forced ?? ""}:${script}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: OsLayers;
  if (forced === "none") {
    result = describe(null, undefined, false);
  } else {
    const uid = isRoot() ? childUid() : undefined;
    const rlimits = which("prlimit") !== undefined;
    const candidates: NamespaceTool[] = forced === "unshare" ? ["unshare", null] : forced === "bwrap" ? ["bwrap", null] : ["bwrap", "unshare", null];
    result = describe(null, uid, rlimits);
    for (const tool of candidates) {
      if (tool !== null && which(tool) === undefined) continue;
      const candidate = describe(tool, uid, rlimits);
      if (tool === null || works(candidate, script)) {
        result = candidate;
        break;
      }
    }
    // Even the bare uid drop can fail (a container without that uid mapped), or the process
    // rlimit (counted per user: a non-root user with many threads): step down until Node starts.
    if (result.namespaces === null && !works(result, script)) {
      result = describe(null, undefined, rlimits);
      if (!works(result, script)) result = describe(null, undefined, false);
    }
  }
  cache.set(key, result);
  return result;
}
