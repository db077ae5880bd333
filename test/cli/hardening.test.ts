import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args";
import { formatBytes, MAX_DATA_BYTES, MAX_FORMULA_WORK, MAX_LEAST_SQUARES_WORK, MAX_RECORDED_VALUES, MAX_STEPS } from "../../src/cli/bounds";
import { BOOLEAN_FLAGS } from "../../src/cli/hyperparameters";
import { main } from "../../src/cli/main";
import { oneLine } from "../../src/cli/output";
import { guardNesting, isStackOverflow } from "../../src/cli/stack-guard";
import { DescentInputError } from "../../src/core/errors";
import { MAX_FORMULA_NODES } from "../../src/problems/formula-bounds";
import { createOptimizer } from "../../src/optimizers/index";
import { leastSquares } from "../../src/problems/least-squares";
import { minimize } from "../../src/train/minimize";

/** Issue 5, class by class, with the sample inputs, run in-process. */

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = main(argv, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

interface RunJson {
  problem: string;
  optimizer: string;
  hyperparameters: Record<string, unknown>;
  schedule: { name: string; options: Record<string, number> } | null;
  steps: number;
  recordEvery: number;
  step: number[];
  trajectory: number[][];
  loss: number[];
  stopped?: { step: number; reason: string };
}

function runJson(...argv: string[]): RunJson {
  const r = cli("run", ...argv);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as RunJson;
}

/** Exit 2, nothing on stdout, exactly one line on stderr; returns that line. */
function refused(...argv: string[]): string {
  const r = cli(...argv);
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  const lines = r.err.split("\n");
  expect(lines).toHaveLength(2); // one line and its newline
  expect(lines[0]).toMatch(/^descent: error: /);
  return lines[0];
}

const dir = mkdtempSync(join(tmpdir(), "descent-hardening-"));

/** A least-squares file with n rows and d features, y = X w + noise-free. */
function dataFile(name: string, n: number, d: number): string {
  const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(1 + i * d + j)));
  const y = X.map((row) => row.reduce((s, v, j) => s + v * (j % 3), 0));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ X, y }));
  return file;
}

describe("memory: what a run reads and records is bounded", () => {
  it("records one point in every k when (steps + 1) x dim passes the bound, and says so", () => {
    const file = dataFile("d50.json", 4, 50);
    const steps = 100_000; // 100,001 points x 50 = 5.0e6 values > 2.5e6: every 3rd point
    const r = cli("run", "--problem", "least-squares", "--data", file, "--optimizer", "sgd", "--lr", "0.01", "--steps", String(steps));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^descent: note: 100001 points x 50 parameters exceed the 2500000 values a run records; printed one point in every 3 \(and the last point\), 33335 rows\n$/);
    const json = JSON.parse(r.out) as RunJson;
    expect(json.recordEvery).toBe(3);
    expect(json.step.slice(0, 3)).toEqual([0, 3, 6]);
    expect(json.step[json.step.length - 1]).toBe(steps);
    expect(json.trajectory).toHaveLength(33335);
    expect(json.trajectory.length * 50).toBeLessThanOrEqual(MAX_RECORDED_VALUES);
    // The kept rows are the run's own points: compare a few with the library's full record.
    const { X, y } = JSON.parse(readFileSync(file, "utf8")) as { X: number[][]; y: number[] };
    const full = minimize(leastSquares(X, y), new Float64Array(50), createOptimizer("sgd", { lr: 0.01 }), { steps: 30, record: "all" });
    for (const r0 of [0, 1, 10]) expect(json.trajectory[r0]).toEqual(Array.from(full.trajectory[json.step[r0]]));
    expect(json.loss[10]).toBe(full.loss[30]);
  });

  it("refuses a least-squares run whose work would take minutes, saying how to reduce it", () => {
    const file = dataFile("d100x50.json", 100, 50);
    const line = refused("run", "--problem", "least-squares", "--data", file, "--steps", "1000000");
    const most = Math.floor(MAX_LEAST_SQUARES_WORK / 5000);
    expect(line).toBe(
      `descent: error: --steps 1000000 on 100 rows x 50 features is 5.0e+9 steps x rows x features, above the limit of ${MAX_LEAST_SQUARES_WORK.toExponential(0)} (a few seconds); use --steps ${most} or less, or a smaller data set`,
    );
    expect(most).toBe(100_000);
    expect(cli("run", "--problem", "least-squares", "--data", file, "--steps", "1000", "--format", "csv").code).toBe(0);
  });

  it("refuses a formula run whose evaluations would take minutes, saying how many steps fit", () => {
    const f = Array.from({ length: 29 }, (_, i) => `sin(${i + 1}*x*y)^3`).join("+");
    const line = refused("run", "--expr", f, "--x0", "0.1,0.1", "--steps", "1000000");
    const m = /f and its gradient have (\d+) nodes, .* = (\S+) is above the limit of 2e\+8 \(a few seconds\); use --steps (\d+) or less, or a smaller formula$/.exec(line);
    expect(m, line).not.toBeNull();
    const [nodes, most] = [Number(m?.[1]), Number(m?.[3])];
    expect(nodes).toBeGreaterThan(1000); // 29 terms and their derivatives by x and by y
    expect(most * (nodes + 50)).toBeLessThanOrEqual(MAX_FORMULA_WORK);
    expect((most + 1) * (nodes + 50)).toBeGreaterThan(MAX_FORMULA_WORK);
    expect(cli("run", "--expr", f, "--x0", "0.1,0.1", "--steps", "50", "--format", "csv").code).toBe(0);
    // Rosenbrock typed as a formula is small enough for the longest run.
    expect(refused("run", "--expr", "(1-x)^2 + 100*(y-x^2)^2", "--steps", "1000001")).toMatch(/--steps must be at most 1000000/);
  });

  it("refuses a data file above the size limit before reading it, naming the limit", () => {
    const file = join(dir, "huge.json");
    const fd = openSync(file, "w");
    ftruncateSync(fd, MAX_DATA_BYTES + 1); // sparse: no disk used
    closeSync(fd);
    const line = refused("run", "--problem", "least-squares", "--data", file);
    expect(line).toBe(
      `descent: error: data file ${JSON.stringify(file)} is 16 MiB (${MAX_DATA_BYTES + 1} bytes); the limit is 16 MiB (${MAX_DATA_BYTES} bytes)`,
    );
  });

  it("reads /dev/zero only up to the limit", () => {
    const line = refused("run", "--problem", "least-squares", "--data", "/dev/zero");
    expect(line).toBe(`descent: error: data file "/dev/zero" is longer than that; the limit is 16 MiB (${MAX_DATA_BYTES} bytes)`);
  });
});

describe("diagnoses name the real cause", () => {
  it("checks a formula at --x0, not at a default point", () => {
    // sqrt(x) is not real at the default start (-1.5, 1.5) but is at (1, 1).
    const ok = runJson("--expr", "sqrt(x) + y^2", "--x0", "1,1", "--optimizer", "sgd", "--lr", "0.1", "--steps", "2");
    expect(ok.trajectory[0]).toEqual([1, 1]);
    expect(ok.trajectory[1][0]).toBeCloseTo(1 - 0.1 * 0.5, 14);
    const line = refused("run", "--expr", "sqrt(-x)", "--x0", "1,1");
    expect(line).toMatch(/\(1, 1\)/);
  });

  it("checks the start point a run uses, for surfaces too", () => {
    expect(refused("run", "--x0", "1e308,1e308")).toMatch(/rosenbrock.*\(1e\+308, 1e\+308\).*Infinity/);
    expect(refused("run", "--expr", "nthRoot(x,0)+y^2", "--x0", "1,1")).toMatch(/nthRoot\(x,0\)\+y\^2/);
  });

  it("turns any stack overflow into a message naming the input (the last line of defence)", () => {
    const recurse = (n: number): number => (n === 0 ? 0 : 1 + recurse(n - 1));
    let caught: unknown;
    try {
      guardNesting('formula "x"', () => recurse(1e7));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DescentInputError);
    expect((caught as Error).message).toBe('formula "x" is nested too deeply to read (it overflowed the stack); flatten it');
    expect(isStackOverflow(new RangeError("Maximum call stack size exceeded"))).toBe(true);
    expect(isStackOverflow(new RangeError("lr must be > 0"))).toBe(false);
  });

  it("takes a value starting with '-' as the value of a flag that takes one", () => {
    const r = runJson("--expr", "-x^2 + y^2", "--x0", "-1,2", "--optimizer", "sgd", "--lr", "0.1", "--steps", "1");
    expect(r.problem).toBe("f(x, y) = -x^2 + y^2");
    expect(r.trajectory[0]).toEqual([-1, 2]);
    // grad = (-2x, 2y) = (2, 4): x1 = -1 - 0.2, y1 = 2 - 0.4
    expect(r.trajectory[1][0]).toBeCloseTo(-1.2, 14);
    expect(r.trajectory[1][1]).toBeCloseTo(1.6, 14);
    expect(refused("run", "--lr", "-1")).toBe("descent: error: --lr must be a finite number > 0, got -1");
    expect(refused("run", "--lr", "--steps", "5")).toMatch(/--lr needs a value \(write --lr=VALUE if the value starts with --\)/);
  });

  it("prints every error as one line, whatever the message holds", () => {
    expect(oneLine("cannot parse data file:\n  line 2\r\n  ^ here")).toBe("cannot parse data file: line 2 ^ here");
    // A message that quotes what was typed, newline included, still prints as one line.
    expect(refused("run", "--fo\no", "1")).toBe('descent: error: unknown option --fo o for "descent run" (see descent run --help)');
    // A JSON error inside a file whose text spans lines.
    const file = join(dir, "two-lines.json");
    writeFileSync(file, '{"X": [[1, 2],\n [3, 4]],\n "y": [1,\n');
    const line = refused("run", "--problem", "least-squares", "--data", file);
    expect(line).toMatch(/two-lines\.json/);
  });

  it("names a formula nested too deeply instead of printing a bare stack overflow", () => {
    const deep = `${"(".repeat(20000)}x${")".repeat(20000)}`;
    const line = refused("run", "--expr", deep);
    expect(line).toMatch(/formula/);
    expect(line).not.toMatch(/^descent: error: Maximum call stack size exceeded$/);
    const nested = join(dir, "nested.json");
    writeFileSync(nested, `{"X": ${"[".repeat(200000)}${"]".repeat(200000)}, "y": [1]}`);
    const fileLine = refused("run", "--problem", "least-squares", "--data", nested);
    expect(fileLine).toMatch(/nested\.json/);
  });
});

describe("honest output: the JSON says what ran", () => {
  it("records the schedule and the rate the run used", () => {
    const r = runJson("--expr", "x^2/2 + y^2/2", "--x0", "1,1", "--optimizer", "sgd", "--schedule", "constant:lr=0.03", "--steps", "2");
    expect(r.hyperparameters.lr).toBe(0.03);
    expect(r.schedule).toEqual({ name: "constant", options: { lr: 0.03 } });
    expect(r.trajectory[1][0]).toBeCloseTo(0.97, 15); // x <- x (1 - 0.03)
    const cos = runJson("--optimizer", "sgd", "--lr", "0.01", "--schedule", "cosine:tMax=10", "--steps", "1");
    expect(cos.schedule).toEqual({ name: "cosine", options: { lr: 0.01, tMax: 10, lrMin: 0 } });
    expect(runJson("--steps", "3").schedule).toBeNull();
  });

  it("refuses a learning rate given twice with different values", () => {
    expect(refused("run", "--lr", "0.001", "--schedule", "constant:lr=0.03")).toBe(
      "descent: error: the learning rate is given twice: --lr 0.001 and --schedule constant:lr=0.03; give it once",
    );
    expect(runJson("--lr", "0.03", "--schedule", "constant:lr=0.03", "--steps", "1").hyperparameters.lr).toBe(0.03);
  });

  it("shows a good run with no flags: Adam at lr 0.1 reaches Rosenbrock's minimum", () => {
    const r = runJson();
    expect(r.problem).toBe("rosenbrock");
    expect(r.optimizer).toBe("adam");
    expect(r.hyperparameters.lr).toBe(0.1);
    expect(r.stopped).toBeUndefined();
    expect(r.trajectory).toHaveLength(1001);
    const [x, y] = r.trajectory[1000];
    expect(Math.abs(x - 1)).toBeLessThan(0.01);
    expect(Math.abs(y - 1)).toBeLessThan(0.01);
    expect(r.loss[1000]).toBeLessThan(1e-4);
    expect(r.loss[1000]).toBeLessThan(r.loss[0] / 1e5);
    // A named optimizer keeps its own default rate.
    expect(runJson("--optimizer", "adam", "--steps", "1").hyperparameters.lr).toBe(0.001);
  });
});

describe("smaller ones", () => {
  it("accepts only decimal numbers and reports what was typed", () => {
    expect(refused("run", "--lr", "0x10")).toBe('descent: error: --lr expects a decimal number, got "0x10"');
    expect(refused("run", "--steps", "0b11")).toMatch(/--steps expects a decimal number, got "0b11"/);
    expect(refused("run", "--x0", "0x1,1")).toMatch(/--x0 expects comma-separated decimal numbers, got "0x1,1" \(entry 1 is "0x1"\)/);
    expect(refused("run", "--lr", "1e-400")).toBe(
      'descent: error: --lr expects a decimal number, got "1e-400", which is too small for a double (it underflows to 0)',
    );
    expect(refused("run", "--momentum", "1e400", "--optimizer", "momentum")).toMatch(/"1e400", which is too large for a double/);
    expect(runJson("--lr", "+.5e-1", "--optimizer", "sgd", "--expr", "x^2+y^2", "--x0", "1,0", "--steps", "1").trajectory[1][0]).toBeCloseTo(0.9, 15);
    // 0 typed as 0 is not an underflow.
    expect(runJson("--optimizer", "momentum", "--momentum", "0.0e5", "--steps", "1").hyperparameters.momentum).toBe(0);
  });

  it("refuses help topics and arguments it does not know", () => {
    expect(refused("help", "zzz")).toMatch(/^descent: error: unknown help topic "zzz"; expected run, compare, list( or \w+)*$/);
    expect(refused("help", "rum")).toMatch(/\(did you mean "run"\?\)$/);
    expect(refused("list", "extra")).toMatch(/unexpected argument "extra" for "descent list"/);
    expect(refused("compare", "extra")).toMatch(/unexpected argument "extra" for "descent compare"/);
    expect(refused("rn")).toMatch(/unknown command "rn".*\(did you mean "run"\?\)/);
    expect(refused("run", "--step", "3")).toMatch(/unknown option --step for "descent run" \(did you mean --steps\?\) \(see descent run --help\)$/);
    const help = cli("help", "run");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^descent run: /);
  });

  it("takes a switch bare or with true/false, and refuses another word after it", () => {
    const base = ["--expr", "x^2/2 + y^2/2", "--x0", "1,1", "--optimizer", "sgd", "--convention", "pytorch", "--lr", "0.1", "--momentum", "0.9", "--steps", "2"];
    const off = runJson(...base, "--nesterov", "false");
    const plain = runJson(...base);
    const on = runJson(...base, "--nesterov", "true");
    const bare = runJson(...base, "--nesterov");
    expect(off.hyperparameters.nesterov).toBe(false);
    expect(off.trajectory).toEqual(plain.trajectory);
    expect(on.hyperparameters.nesterov).toBe(true);
    expect(on.trajectory).toEqual(bare.trajectory);
    expect(on.trajectory[1][0]).toBeCloseTo(1 - 0.1 * (1 + 0.9), 14); // Nesterov's first step
    expect(on.trajectory).not.toEqual(off.trajectory);
    expect(refused("run", "--nesterov", "yes")).toMatch(/--nesterov is a switch: give it bare \(--nesterov\) or as --nesterov true\|false, got "yes" after it/);
    expect(parseArgs(["run", "--centered", "FALSE", "--lr", "1"], BOOLEAN_FLAGS).flags.get("centered")).toBe("FALSE");
  });

  it("refuses schedule keys given twice or not the schedule's, __proto__ and constructor included", () => {
    expect(refused("run", "--schedule", "cosine:tMax=10,tMax=20")).toBe('descent: error: --schedule gives "tMax" twice in "cosine:tMax=10,tMax=20"');
    expect(refused("run", "--schedule", "cosine:__proto__=1")).toMatch(/unknown option "__proto__" for schedule "cosine"; it accepts lr, tMax, lrMin/);
    expect(refused("run", "--schedule", "step:constructor=2")).toMatch(/unknown option "constructor" for schedule "step"/);
    expect(refused("run", "--schedule", "cosine:tmax=10")).toMatch(/\(did you mean "tMax"\?\)/);
    expect(refused("run", "--schedule", "cosin")).toMatch(/unknown schedule "cosin".*\(did you mean "cosine"\?\)/);
  });

  it("reads a data file that starts with a UTF-8 byte-order mark", () => {
    const file = join(dir, "bom.json");
    writeFileSync(file, `\uFEFF${JSON.stringify({ X: [[1], [2]], y: [2, 4] })}`);
    const r = runJson("--problem", "least-squares", "--data", file, "--optimizer", "sgd", "--lr", "0.5", "--steps", "200");
    expect(r.trajectory[200][0]).toBeCloseTo(2, 10);
  });
});

describe("help states the bounds", () => {
  it("gives each limit with its number", () => {
    const help = cli("run", "--help").out;
    expect(help).toContain(`--steps at most ${MAX_STEPS}`);
    expect(help).toContain(`at most ${MAX_RECORDED_VALUES}`);
    expect(help).toContain(`--data files at most ${formatBytes(MAX_DATA_BYTES)}`);
    expect(help).toContain(`formulas at most ${MAX_FORMULA_NODES} nodes`);
  });
});
