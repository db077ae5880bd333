/**
 * `npm run notebooks:execute [names...] [--force] [--out DIR] [--dir DIR] [--timeout S] [--jobs N]`
 *
 * Executes notebooks through Jupyter's real protocol: each one by `scripts/notebooks/run_notebook.py`
 * (nbclient, /usr/bin/python3) on the project kernel "descent", two at a time (the machine has two
 * cores). Executed copies go to notebooks/.executed/ (git-ignored). A notebook is skipped when its
 * executed copy was made from the same notebook, the same src/ and the same runner (a SHA-256 of
 * all of them is stored beside the copy; --force ignores it). Any failure prints the notebook, the
 * cell number and id, the cell's source and the real error (tslab's stderr), and the exit code is 1.
 *
 * `names` select notebooks by file name or prefix: `00`, `00-introduction`, `notebooks/00-introduction.ipynb`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const PYTHON = "/usr/bin/python3";
const RUNNER = join(ROOT, "scripts", "notebooks", "run_notebook.py");
const req = createRequire(join(ROOT, "package.json"));
const kernel = req("./scripts/notebooks/install-kernel.cjs") as {
  installKernel(): string;
  jupyterEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  KERNEL_NAME: string;
};

interface Options {
  names: string[];
  force: boolean;
  out: string;
  dir: string;
  timeout: number;
  jobs: number;
}

interface RunnerFailure {
  kind: string;
  cell: number | null;
  id: string | null;
  source: string;
  message: string;
}

interface RunnerResult {
  ok: boolean;
  setup?: string;
  seconds?: number;
  kernelStartSeconds?: number | null;
  cellSeconds?: [number, number][];
  failure?: RunnerFailure | null;
}

const USAGE = "usage: npm run notebooks:execute -- [names...] [--force] [--out DIR] [--dir DIR] [--timeout SECONDS] [--jobs N]";

class UsageError extends Error {}

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got ${text ?? "nothing"}`);
  return n;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { names: [], force: false, out: join(ROOT, "notebooks", ".executed"), dir: join(ROOT, "notebooks"), timeout: 120, jobs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--force") o.force = true;
    else if (a === "--out") o.out = resolve(value());
    else if (a === "--dir") o.dir = resolve(value());
    else if (a === "--timeout") o.timeout = positiveInt(a, value());
    else if (a === "--jobs") o.jobs = positiveInt(a, value());
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else o.names.push(a);
  }
  return o;
}

/** The notebooks to run: all `*.ipynb` of the folder, or those the names select (each name must match). */
function selectNotebooks(o: Options): string[] {
  if (!existsSync(o.dir)) throw new UsageError(`no notebook folder ${o.dir}`);
  const all = readdirSync(o.dir).filter((f) => f.endsWith(".ipynb")).sort();
  if (o.names.length === 0) return all.map((f) => join(o.dir, f));
  const picked = new Set<string>();
  for (const name of o.names) {
    const b = basename(name);
    const hits = all.filter((f) => f === b || f === `${b}.ipynb` || f.startsWith(b));
    if (hits.length === 0) throw new UsageError(`no notebook matches "${name}" in ${shown(o.dir)} (have: ${all.join(", ") || "none"})`);
    hits.forEach((h) => picked.add(join(o.dir, h)));
  }
  return [...picked].sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
}

/**
 * What an executed copy depends on besides the notebook: every file of src/, the runner, the
 * kernel launcher (with its compile path) and the locked dependency versions. Computed once per run.
 */
function environmentHash(): string {
  const h = createHash("sha256");
  const files = [
    ...filesUnder(join(ROOT, "src")),
    RUNNER,
    join(ROOT, "scripts", "notebooks", "notebook-kernel.cjs"),
    join(ROOT, "scripts", "notebooks", "notebook-kernel-fast.cjs"),
    join(ROOT, "scripts", "notebooks", "notebook-kernel-protocol.cjs"),
    join(ROOT, "package-lock.json"),
  ];
  for (const f of files) {
    if (!existsSync(f)) continue;
    h.update(relative(ROOT, f)).update("\0").update(readFileSync(f)).update("\0");
  }
  return h.digest("hex");
}

function fileHash(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/**
 * Why a notebook must run again, or null when its executed copy is current. The stamp beside
 * the copy holds two lines: the notebook's hash and the environment's (src/, runner, locks).
 */
function staleReason(output: string, stampFile: string, nbHash: string, envHash: string, force: boolean): string | null {
  if (force) return "forced";
  if (!existsSync(output) || !existsSync(stampFile)) return "no executed copy";
  const [nb, env] = readFileSync(stampFile, "utf8").split("\n");
  if (nb !== nbHash) return "notebook changed";
  if (env !== envHash) return "src/ or the runner changed";
  return null;
}

function runRunner(notebook: string, output: string, timeout: number): Promise<RunnerResult> {
  return new Promise((done) => {
    const child = spawn(PYTHON, [RUNNER, notebook, output, "--timeout", String(timeout), "--kernel", kernel.KERNEL_NAME], {
      cwd: ROOT,
      env: kernel.jupyterEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    // Jupyter's own log lines; kept short, shown only when the runner gives no result.
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on("error", (e) => done({ ok: false, setup: `cannot start ${PYTHON}: ${e.message}` }));
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        done(JSON.parse(line) as RunnerResult);
      } catch {
        done({ ok: false, setup: `the runner exited with code ${code} and no result:\n${stderr.trim()}` });
      }
    });
  });
}

/** A path as the user reads it best: relative inside the repository, absolute outside. */
function shown(path: string): string {
  const r = relative(ROOT, path);
  return r && !r.startsWith("..") ? r : path;
}

function indent(text: string, prefix = "    "): string {
  return text.replace(/\n$/, "").split("\n").map((l) => prefix + l).join("\n");
}

function describeFailure(name: string, r: RunnerResult): string {
  if (r.setup) return `FAIL ${name}: ${r.setup}`;
  const f = r.failure;
  if (!f) return `FAIL ${name}: no result`;
  if (f.cell === null) return `FAIL ${name}: ${f.message}`;
  return [
    `FAIL ${name}, cell ${f.cell + 1} (index ${f.cell}${f.id ? `, id ${f.id}` : ""}): ${f.kind === "error" ? "error" : f.kind}`,
    "  source:",
    indent(f.source || "(empty)"),
    "  error:",
    indent(f.message),
  ].join("\n");
}

/** Runs `work` over `items` with at most `jobs` at a time, keeping the input order of results. */
async function pool<T, R>(items: T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

function nbclientMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import nbclient, nbformat"], { encoding: "utf8" });
  return probe.status === 0 ? null : "nbclient is not installed";
}

async function main(): Promise<number> {
  let o: Options;
  let notebooks: string[];
  try {
    o = parseArgs(process.argv.slice(2));
    notebooks = selectNotebooks(o);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`notebooks:execute: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const missing = nbclientMissing();
  if (missing) {
    console.error(`notebooks:execute: ${missing}; install Jupyter's executor: apt-get install -y jupyter-nbconvert python3-nbclient (Debian), or run npm test, which installs it`);
    return 1;
  }
  if (notebooks.length === 0) {
    console.log(`notebooks:execute: no notebooks in ${shown(o.dir)}`);
    return 0;
  }
  kernel.installKernel();
  mkdirSync(o.out, { recursive: true });
  const env = environmentHash();
  const started = Date.now();
  const outcomes = await pool(notebooks, o.jobs, async (nb) => {
    const name = basename(nb);
    const output = join(o.out, name);
    const stampFile = `${output}.sha256`;
    const nbHash = fileHash(nb);
    const reason = staleReason(output, stampFile, nbHash, env, o.force);
    if (reason === null) {
      console.log(`cached ${name}`);
      return true;
    }
    if (existsSync(stampFile)) writeFileSync(stampFile, ""); // a stale stamp must never vouch for a new copy
    const r = await runRunner(nb, output, o.timeout);
    if (r.ok) {
      writeFileSync(stampFile, `${nbHash}\n${env}\n`);
      console.log(`ok     ${name}  ${r.seconds?.toFixed(1)} s, kernel start ${r.kernelStartSeconds?.toFixed(1)} s (${reason})`);
      return true;
    }
    console.log(describeFailure(name, r));
    return false;
  });
  const failed = outcomes.filter((ok) => !ok).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${notebooks.length - failed} of ${notebooks.length} notebooks ran cleanly in ${seconds} s; executed copies in ${shown(o.out)}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`notebooks:execute: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
