import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../src/grader/registry";
import type { GradeReport } from "../../src/grader/types";
import { ROOT, solutionSource } from "./helpers";

/**
 * Section 1 of issue 12: a submission that tries every network route and every signal route it
 * can name, graded by the real CLI in a child process. Each attempt is wrapped in try/catch and
 * then the file computes the right answer, so: no listener the test opens on 127.0.0.1 may see
 * a connection or a datagram, nothing may be killed (the grader, a sentinel process of the same
 * user, this test), and the run ends with every test graded and full marks.
 * The run is repeated with each sandbox level this machine supports (DESCENT_SANDBOX), the
 * JavaScript-only wall included, so each wall is attacked on its own.
 */

const bin = join(ROOT, "bin", "descent.mjs");

let tcp: Server;
let udp: UdpSocket;
let tcpPort = 0;
let udpPort = 0;
let tcpHits = 0;
let udpHits = 0;
let sentinel: ChildProcess;
let dir: string;

function attacks(signals: boolean): string {
  return `
  const tried: string[] = [];
  const attempt = (name: string, f: () => unknown): void => {
    try { const r: any = f(); if (r && typeof r.then === "function") r.catch(() => {}); tried.push(name); } catch { /* stopped */ }
  };
  const g: any = globalThis;
  const P: any = g.process;
  const get = (m: string): any => P.getBuiltinModule(m);
  attempt("fetch", () => g.fetch("http://127.0.0.1:${"${TCP}"}/"));
  attempt("getBuiltinModule net", () => get("net").connect(${"${TCP}"}, "127.0.0.1"));
  attempt("getBuiltinModule node:net", () => get("node:net").createConnection({ port: ${"${TCP}"}, host: "127.0.0.1" }));
  attempt("getBuiltinModule http", () => get("http").get("http://127.0.0.1:${"${TCP}"}/").on("error", () => {}));
  attempt("getBuiltinModule https", () => get("https").get("https://127.0.0.1:${"${TCP}"}/").on("error", () => {}));
  attempt("getBuiltinModule tls", () => get("tls").connect(${"${TCP}"}, "127.0.0.1").on("error", () => {}));
  attempt("getBuiltinModule http2", () => get("http2").connect("http://127.0.0.1:${"${TCP}"}").on("error", () => {}));
  attempt("getBuiltinModule dgram", () => { const s = get("dgram").createSocket("udp4"); s.send("x", ${"${UDP}"}, "127.0.0.1"); });
  attempt("getBuiltinModule dns", () => get("dns").lookup("localhost", () => {}));
  attempt("getBuiltinModule child_process", () => get("child_process").spawnSync("/bin/sh", ["-c", "echo x > /dev/udp/127.0.0.1/${"${UDP}"}"]));
  attempt("getBuiltinModule worker_threads", () => new (get("worker_threads").Worker)("require('net').connect(${"${TCP}"}, '127.0.0.1')", { eval: true }));
  attempt("mainModule require _http_client", () => new (P.mainModule.require("_http_client").ClientRequest)("http://127.0.0.1:${"${TCP}"}/").on("error", () => {}));
  attempt("mainModule require _tls_wrap", () => P.mainModule.require("_tls_wrap").connect(${"${TCP}"}, "127.0.0.1"));
  attempt("require net", () => (require as any)("net").connect(${"${TCP}"}, "127.0.0.1"));
  attempt("module.constructor", () => (module as any).constructor._load("net").connect(${"${TCP}"}, "127.0.0.1"));
  attempt("process.binding tcp_wrap", () => { const b = P.binding("tcp_wrap"); const t = new b.TCP(b.constants.SOCKET); t.connect(new b.TCPConnectWrap(), "127.0.0.1", ${"${TCP}"}); });
  attempt("process._linkedBinding", () => P._linkedBinding("tcp_wrap"));
  attempt("process.dlopen", () => P.dlopen({ exports: {} }, "/usr/lib/x86_64-linux-gnu/libc.so.6"));
  attempt("dynamic import", () => eval("import('node:net')").then((m: any) => m.connect(${"${TCP}"}, "127.0.0.1")));
  attempt("Function constructor", () => new Function("return process.getBuiltinModule('net')")().connect(${"${TCP}"}, "127.0.0.1"));
  attempt("WebAssembly", () => new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))));
  attempt("WebSocket", () => new g.WebSocket("ws://127.0.0.1:${"${TCP}"}/"));
  ${
    signals
      ? `attempt("kill ppid", () => P.kill(P.ppid, "SIGKILL"));
  attempt("_kill ppid", () => P._kill(P.ppid, 9));
  attempt("kill group 0", () => P.kill(0, "SIGKILL"));
  attempt("_kill group 0", () => P._kill(0, 9));
  attempt("kill -1", () => P.kill(-1, "SIGKILL"));
  attempt("_kill -1", () => P._kill(-1, 9));
  attempt("kill sentinel", () => P.kill(${"${SENTINEL}"}, "SIGKILL"));
  attempt("child_process kill", () => get("child_process").execSync("kill -9 -1"));`
      : ""
  }
  attempt("reallyExit", () => P.reallyExit(0));
  attempt("abort", () => P.abort());
`;
}

function submission(tcpPort: number, udpPort: number, sentinelPid: number): Record<string, string> {
  const fill = (s: string): string => s.replaceAll("${TCP}", String(tcpPort)).replaceAll("${UDP}", String(udpPort)).replaceAll("${SENTINEL}", String(sentinelPid));
  const files: Record<string, string> = {};
  for (const e of EXERCISES) files[e.file] = solutionSource(e.file);
  // At load time, every route and every signal.
  files["03-nesterov.ts"] = `// @ts-nocheck\n${fill(attacks(true))}\n${solutionSource("03-nesterov.ts")}`;
  // In a test, then wait so that an asynchronous connection would have the time to land.
  files["01-sgd.ts"] =
    `// @ts-nocheck\nlet first = true;\nexport async function sgdStep(params: Float64Array, grad: Float64Array, state: { t: number }, hyper: { lr: number }): Promise<void> {\n` +
    `  if (first) {\n  first = false;\n${fill(attacks(true))}\n  await new Promise((r) => setTimeout(r, 300));\n  }\n  for (let i = 0; i < params.length; i++) params[i] -= hyper.lr * grad[i];\n}\n`;
  // An un-awaited rejection and a throw from a timer after the file loaded: they cost nothing.
  files["02-momentum.ts"] = `// @ts-nocheck\n${solutionSource("02-momentum.ts")}\nPromise.reject(new Error("late rejection"));\nsetTimeout(() => { throw new Error("late throw"); }, 5);\n`;
  return files;
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code, signal) => resolve({ code, signal, out, err }));
  });
}

beforeAll(async () => {
  tcp = createServer((s) => {
    tcpHits++;
    s.destroy();
  });
  await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", r));
  tcpPort = (tcp.address() as { port: number }).port;
  udp = createSocket("udp4");
  udp.on("message", () => udpHits++);
  await new Promise<void>((r) => udp.bind(0, "127.0.0.1", r));
  udpPort = udp.address().port;
  sentinel = spawn("sleep", ["600"], { detached: true, stdio: "ignore" });
  dir = mkdtempSync(join(tmpdir(), "descent-attacks-"));
});

afterAll(() => {
  tcp.close();
  udp.close();
  try {
    sentinel.kill("SIGKILL");
  } catch {
    // gone
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The levels to attack: each one this machine can set up, and the JS-only wall. */
function levels(): string[] {
  const out: string[] = [];
  if (spawnSync("bwrap", ["--version"]).status === 0) out.push("bwrap");
  if (spawnSync("unshare", ["--version"]).status === 0) out.push("unshare");
  out.push("none");
  return out;
}

describe("the listeners", () => {
  it("count a connection and a datagram from outside the sandbox (so a zero below means something)", async () => {
    const [t0, u0] = [tcpHits, udpHits];
    const { connect } = await import("node:net");
    await new Promise<void>((r) => connect(tcpPort, "127.0.0.1").on("connect", r));
    const s = createSocket("udp4");
    await new Promise<void>((r) => s.send("x", udpPort, "127.0.0.1", () => r()));
    s.close();
    for (let i = 0; i < 50 && (tcpHits === t0 || udpHits === u0); i++) await new Promise((r) => setTimeout(r, 10));
    expect([tcpHits - t0, udpHits - u0]).toEqual([1, 1]);
    tcpHits = t0;
    udpHits = u0;
  });
});

describe.each(levels())("an attacking submission under DESCENT_SANDBOX=%s", (level) => {
  let result: { code: number | null; signal: string | null; out: string; err: string };
  let report: GradeReport & { sandbox?: { summary: string; weaker: boolean } };

  beforeAll(async () => {
    const sub = join(dir, level);
    mkdirSync(sub, { recursive: true });
    // The JS-only wall runs with the grader's own uid: kill(-1) there, as root, would be a test of
    // the whole machine, so that level's signals go to the parent, the group and the sentinel only.
    const files = submission(tcpPort, udpPort, sentinel.pid!);
    if (level === "none") for (const f of Object.keys(files)) files[f] = files[f].replace(/attempt\("(kill|_kill) -1".*\n/g, "").replace(/attempt\("child_process kill".*\n/g, "");
    for (const [f, s] of Object.entries(files)) writeFileSync(join(sub, f), s);
    result = await runCli(["grade", sub, "--format", "json"], { DESCENT_SANDBOX: level });
    await new Promise((r) => setTimeout(r, 300));
    report = JSON.parse(result.out) as typeof report;
  }, 180_000);

  it("grades every test and gives full marks (the attempts were stopped, the answers are right)", () => {
    expect(result.signal).toBe(null);
    expect(result.code).toBe(0);
    expect(report.exercises).toHaveLength(EXERCISES.length);
    const lost = report.exercises.filter((e) => e.score !== e.maxScore).map((e) => `${e.file}: ${e.cases.map((c) => c.message).join("; ")}`);
    expect(lost).toEqual([]);
    expect(report.score).toBe(report.maxScore);
  });

  it("lets no connection or datagram reach the listeners on 127.0.0.1", () => {
    expect(tcpHits).toBe(0);
    expect(udpHits).toBe(0);
  });

  it("kills nothing: the sentinel process of the grader's user is alive", () => {
    expect(() => process.kill(sentinel.pid!, 0)).not.toThrow();
    expect(sentinel.exitCode).toBe(null);
  });

  it("says which layers were active, and plainly when the wall is weaker", () => {
    expect(report.sandbox?.summary).toMatch(/^sandbox: /);
    if (level === "none") expect(report.sandbox?.summary).toMatch(/WEAKER/);
    else expect(report.sandbox?.summary).toContain(level === "bwrap" ? "bubblewrap" : "unshare");
  });
});

/**
 * The OS wall alone, without the JavaScript lockdown: plain Node, started exactly as the sandbox
 * starts its child (same wrappers, uid and limits), tries the network, a course file and signals.
 */
describe.each(levels().filter((l) => l !== "none"))("the OS wall alone (%s), without the JS lockdown", (level) => {
  it("has no route to 127.0.0.1's listeners, cannot signal outside, and (bubblewrap) cannot see the course", async () => {
    const { osLayers, spawnPlan } = await import("../../src/grader/sandbox/os-layers-node");
    const { childScriptPath } = await import("../../src/grader/sandbox-node");
    const before = process.env.DESCENT_SANDBOX;
    process.env.DESCENT_SANDBOX = level;
    const layers = osLayers(childScriptPath());
    if (before === undefined) delete process.env.DESCENT_SANDBOX;
    else process.env.DESCENT_SANDBOX = before;
    expect(layers.namespaces).toBe(level);
    const probe = `
      const out = {};
      const net = require("net"), dgram = require("dgram"), fs = require("fs");
      const tryIt = (k, f) => { try { out[k] = String(f()); } catch (e) { out[k] = "refused: " + e.code; } };
      tryIt("read", () => fs.readFileSync(${JSON.stringify(join(ROOT, "solutions", "01-sgd.ts"))}, "utf8").length);
      tryIt("kill sentinel", () => process.kill(${sentinel.pid}, 0));
      tryIt("kill parent", () => process.kill(process.ppid, 0) && process.ppid);
      tryIt("kill -1", () => process.kill(-1, "SIGCONT"));
      const s = dgram.createSocket("udp4"); s.on("error", () => {}); s.send("x", ${udpPort}, "127.0.0.1", (e) => { out.udp = e ? "refused: " + e.code : "sent"; });
      net.connect(${tcpPort}, "127.0.0.1").on("connect", () => { out.tcp = "connected"; }).on("error", (e) => { out.tcp = "refused: " + e.code; });
      setTimeout(() => { console.log(JSON.stringify(out)); process.exit(0); }, 500);`;
    const plan = spawnPlan(layers, process.execPath, ["-e", probe], [], { cpuSeconds: 20, dataMb: 1024 });
    const r = spawnSync(plan.command, plan.args, { env: {}, cwd: "/", encoding: "utf8", timeout: 30_000, ...(plan.uid !== undefined ? { uid: plan.uid, gid: plan.gid } : {}) });
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, string>;
    expect(out.tcp).toMatch(/^refused: /);
    expect(out["kill sentinel"]).toMatch(/^refused: (ESRCH|EPERM)/);
    // The parent a child sees is inside its own PID namespace (bubblewrap's init, pid 1) or outside it (0: none).
    expect(out["kill parent"]).toMatch(/^(0|1|refused: .*)$/);
    if (level === "bwrap") expect(out.read).toMatch(/^refused: ENOENT/);
    await new Promise((res) => setTimeout(res, 100));
    expect([tcpHits, udpHits]).toEqual([0, 0]);
    expect(() => process.kill(sentinel.pid!, 0)).not.toThrow();
  });
});
