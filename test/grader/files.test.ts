import { spawn, spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvDocument, csvText } from "../../src/grader/csv";
import { EXERCISES } from "../../src/grader/registry";
import { ROOT } from "./helpers";

/** The whole course's points (every exercise, visible and hidden). */
const TOTAL = EXERCISES.reduce((t, e) => t + e.cases.reduce((p, c) => p + c.points, 0), 0);

/**
 * Issue 12, sections 2-4, through the real CLI: what a student submits is a regular file or
 * nothing (links, FIFOs and devices are that student's error, named, and never block or flood the
 * grader); --out never destroys what it writes over; student text cannot forge report lines; the
 * gradebook is RFC 4180 with formula cells neutralised; an option that changes grades re-grades.
 * Special files are made with mkfifo and mknod in a temporary folder, never the machine's /dev.
 */

const BIN = join(ROOT, "bin", "descent.mjs");
const work = mkdtempSync(join(tmpdir(), "descent-files-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function descent(args: string[], timeoutMs = 120_000): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - t0 });
    });
  });
}

function mkfifo(path: string): void {
  const r = spawnSync("mkfifo", [path]);
  expect(r.status, String(r.stderr)).toBe(0);
}

/** A character device node in our temp folder with the numbers of /dev/zero (1,5) or /dev/null (1,3). */
function mknodChar(path: string, minor: 3 | 5): void {
  const r = spawnSync("mknod", [path, "c", "1", String(minor)]);
  expect(r.status, String(r.stderr)).toBe(0);
}

const sol = (f: string): string => join(ROOT, "solutions", f);

describe("a submission is a regular file, and only a regular file", () => {
  it("refuses a link to the solutions, a link to /etc/passwd, a FIFO and a device, names each, and grades the rest", async () => {
    const d = join(work, "one");
    mkdirSync(d);
    symlinkSync(sol("01-sgd.ts"), join(d, "01-sgd.ts"));
    symlinkSync("/etc/passwd", join(d, "02-momentum.ts"));
    mkfifo(join(d, "03-nesterov.ts"));
    mknodChar(join(d, "04-adagrad.ts"), 5);
    cpSync(sol("05-adadelta.ts"), join(d, "05-adadelta.ts"));
    const r = await descent(["grade", d, "--format", "json"]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { exercises: { file: string; score: number; maxScore: number; cases: { message: string }[] }[] };
    const ex = (f: string) => report.exercises.find((e) => e.file === f)!;
    expect(ex("01-sgd.ts").score).toBe(0);
    expect(ex("01-sgd.ts").cases[0].message).toMatch(/01-sgd\.ts is a symbolic link; only regular files are graded/);
    expect(ex("02-momentum.ts").cases[0].message).toMatch(/symbolic link/);
    expect(r.out).not.toMatch(/root:/);
    expect(ex("03-nesterov.ts").cases[0].message).toMatch(/03-nesterov\.ts is a FIFO/);
    expect(ex("04-adagrad.ts").cases[0].message).toMatch(/04-adagrad\.ts is a character device/);
    expect(ex("05-adadelta.ts").score).toBe(ex("05-adadelta.ts").maxScore);
  }, 180_000);

  it("in --class: one student's FIFO, device or linked folder blocks no one, and each is named in the gradebook", async () => {
    const c = join(work, "class");
    for (const s of ["ann", "ben", "cat"]) mkdirSync(join(c, s), { recursive: true });
    cpSync(sol("01-sgd.ts"), join(c, "ann", "01-sgd.ts"));
    mkfifo(join(c, "ben", "01-sgd.ts"));
    mknodChar(join(c, "cat", "01-sgd.ts"), 5);
    mkdirSync(join(work, "elsewhere"));
    cpSync(sol("01-sgd.ts"), join(work, "elsewhere", "01-sgd.ts"));
    symlinkSync(join(work, "elsewhere"), join(c, "dan"));
    const r = await descent(["grade", "--class", c, "--jobs", "2"], 240_000);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/graded 3 of 4 students/);
    // The summary names the sandbox's layers (and says WEAKER plainly where they are).
    expect(r.out).toMatch(/^sandbox: (WEAKER|bubblewrap|unshare)/m);
    const rows = readFileSync(join(c, "gradebook.csv"), "utf8").split("\r\n");
    const row = (s: string): string => rows.find((x) => x.startsWith(`${s},`))!;
    expect(row("ann")).toMatch(new RegExp(`^ann,8,${TOTAL},8,`));
    expect(row("ben")).toMatch(new RegExp(`^ben,0,${TOTAL},0,.*not graded: 01-sgd\\.ts is a FIFO`));
    expect(row("cat")).toMatch(new RegExp(`^cat,0,${TOTAL},0,.*not graded: 01-sgd\\.ts is a character device`));
    expect(row("dan")).toMatch(/^dan,,,.*symbolic link/);
  }, 300_000);
});

describe("--out never destroys what it writes over", () => {
  const one = join(work, "out-sub");
  const setup = (): void => {
    mkdirSync(one, { recursive: true });
    cpSync(sol("01-sgd.ts"), join(one, "01-sgd.ts"));
  };

  it("writes through a device node (it stays a device) and through a link (it stays a link)", async () => {
    setup();
    const dev = join(work, "null-node");
    mknodChar(dev, 3);
    const r = await descent(["grade", join(one, "01-sgd.ts"), "--out", dev]);
    expect(r.code, r.err).toBe(0);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    const target = join(work, "real-report.txt");
    writeFileSync(target, "old");
    const link = join(work, "report-link.txt");
    symlinkSync(target, link);
    const r2 = await descent(["grade", join(one, "01-sgd.ts"), "--out", link]);
    expect(r2.code, r2.err).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toMatch(/01-sgd\.ts\s+8\/8/);
  }, 180_000);

  it("refuses a folder and a missing parent with one line, before grading, leaving no temp file", async () => {
    setup();
    const folder = join(work, "a-folder");
    mkdirSync(folder);
    const before = readdirSync(work).sort();
    for (const [out, why] of [
      [folder, /cannot write .*a-folder: it is a folder/],
      [join(work, "nowhere", "x.json"), /cannot write .*x\.json: the folder .*nowhere does not exist/],
    ] as const) {
      const r = await descent(["grade", join(one, "01-sgd.ts"), "--out", out]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toMatch(why);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
    expect(readdirSync(work).sort()).toEqual(before);
    expect(readdirSync(folder)).toEqual([]);
  }, 180_000);
});

describe("fair reports", () => {
  it("quotes a thrown message, so it cannot forge the total or 'Every test passes.'", async () => {
    const d = join(work, "forger");
    mkdirSync(d);
    writeFileSync(join(d, "01-sgd.ts"), 'export function sgdStep(): void { throw new Error("x\\ntotal                 115/115\\n\\nEvery test passes."); }\n');
    const r = await descent(["grade", join(d, "01-sgd.ts")]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split("\n");
    expect(lines.filter((l) => /^total\s/.test(l))).toEqual(["total      0/8"]);
    expect(lines).not.toContain("Every test passes.");
    expect(r.out).toContain('your code threw an error: "x\\ntotal');
  }, 120_000);

  it("re-grades a class when --time-limit changes (a grade may depend on it)", async () => {
    const c = join(work, "limits");
    mkdirSync(join(c, "eve"), { recursive: true });
    cpSync(sol("01-sgd.ts"), join(c, "eve", "01-sgd.ts"));
    expect((await descent(["grade", "--class", c, "--time-limit", "2"])).out).toMatch(/graded 1 of 1 students/);
    expect((await descent(["grade", "--class", c, "--time-limit", "2"])).out).toMatch(/graded 0 of 1 students .*1 unchanged/);
    expect((await descent(["grade", "--class", c, "--time-limit", "5"])).out).toMatch(/graded 1 of 1 students/);
  }, 300_000);

  it("refuses --jobs that is not a decimal integer", async () => {
    for (const jobs of ["0x10", "1e1", " 2", "2.0", "+2"]) {
      const r = await descent(["grade", "--class", work, "--jobs", jobs]);
      expect(r.code, jobs).toBe(2);
      expect(r.err).toMatch(/--jobs must be an integer from 1 to 64/);
    }
  }, 120_000);
});

describe("the gradebook CSV (RFC 4180, formula cells neutralised)", () => {
  it("quotes CR, LF, commas and quotes, and puts a quote before =, +, -, @", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText("a,b")).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("line\rbreak")).toBe('"line\rbreak"');
    expect(csvText("=1+2")).toBe(`"'=1+2"`);
    expect(csvText("+1")).toBe(`"'+1"`);
    expect(csvText("-1")).toBe(`"'-1"`);
    expect(csvText("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvDocument([["s", 1.5], ["=x", 0]])).toBe(`s,1.5\r\n"'=x",0\r\n`);
  });

  it("writes a student folder named =1+2 and one with a carriage return as text", async () => {
    const c = join(work, "inject");
    for (const s of ["=1+2", "odd\rname"]) mkdirSync(join(c, s), { recursive: true });
    const r = await descent(["grade", "--class", c]);
    expect(r.code, r.err).toBe(0);
    const csv = readFileSync(join(c, "gradebook.csv"), "utf8");
    expect(csv).toContain(`\r\n"'=1+2",0,${TOTAL},`);
    expect(csv).toContain(`\r\n"odd\rname",0,${TOTAL},`);
    expect(statSync(join(c, "gradebook.csv")).isFile()).toBe(true);
  }, 240_000);
});
