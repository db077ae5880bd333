import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { createOptimizer } from "../../src/optimizers/index";
import type { OptimizerName, OptimizerOptions } from "../../src/optimizers/optimizer";
import { solveLeastSquares } from "../../src/problems/least-squares";
import { getSurface } from "../../src/problems/surfaces/index";
import { minimize } from "../../src/train/minimize";

/** Runs the CLI in-process and captures what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n") });
  return { code, out, err };
}

interface RunJson {
  trajectory: (number | null)[][];
  loss: (number | null)[];
  stopped?: { step: number; reason: string };
}

async function runJson(...argv: string[]): Promise<RunJson> {
  const r = await cli("run", ...argv);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as RunJson;
}

const rosenbrock = (x: number, y: number): number => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe("descent run: good input", () => {
  it("prints steps + 1 rows from x0, with loss[k] = f(trajectory[k])", async () => {
    const r = await runJson("--problem", "rosenbrock", "--optimizer", "adam", "--lr", "0.05", "--steps", "25");
    expect(r.trajectory).toHaveLength(26);
    expect(r.loss).toHaveLength(26);
    expect(r.trajectory[0]).toEqual([-1.2, 1]);
    r.trajectory.forEach((row, k) => {
      const [x, y] = row as number[];
      expect(r.loss[k]).toBeCloseTo(rosenbrock(x, y), 10);
    });
    // Adam's first step moves each coordinate by lr (the sign of the gradient).
    expect(Math.abs((r.trajectory[1][0] as number) + 1.2)).toBeCloseTo(0.05, 6);
    expect(r.loss[25]).toBeLessThan(r.loss[0] as number);
  });

  it("runs a typed formula with the seed's plain gradient descent, step by step", async () => {
    // f = x^2 + 10 y^2: x <- x (1 - 2 lr), y <- y (1 - 20 lr).
    const r = await runJson("--expr", "x^2 + 10*y^2", "--x0=1,-2", "--optimizer", "sgd", "--lr", "0.01", "--steps", "4");
    for (let k = 0; k <= 4; k++) {
      expect(r.trajectory[k][0]).toBeCloseTo(0.98 ** k, 14);
      expect(r.trajectory[k][1]).toBeCloseTo(-2 * 0.8 ** k, 14);
    }
  });

  it("accepts a negative x0 after a space and the pytorch convention", async () => {
    // torch RMSprop defaults (lr 0.01, alpha 0.99, eps outside the root): the first step is
    // lr * g / (sqrt(0.01 g^2) + eps) ~ 0.1 per coordinate; the seed's (lr 0.001, alpha 0.9) is ~0.00316.
    const torch = await runJson("--expr", "x^2 + y^2", "--x0", "-1,2", "--optimizer", "rmsprop", "--convention", "pytorch", "--steps", "1");
    expect(torch.trajectory[1][0]).toBeCloseTo(-1 + 0.1, 6);
    expect(torch.trajectory[1][1]).toBeCloseTo(2 - 0.1, 6);
    const seed = await runJson("--expr", "x^2 + y^2", "--x0", "-1,2", "--optimizer", "rmsprop", "--steps", "1");
    const g = 2; // |gradient| of x^2 at x = -1
    expect(seed.trajectory[1][0]).toBeCloseTo(-1 + (0.001 * g) / Math.sqrt(0.1 * g * g + 1e-8), 12);
  });

  it("passes PyTorch's hyperparameters through their kebab-case flags", async () => {
    // SGD with momentum 0.9 and Nesterov, torch form, on f = x^2/2 (g = x):
    // b1 = g0; x1 = x0 - lr (g0 + mu b1).
    const r = await runJson(
      "--expr", "x^2/2 + y^2/2", "--x0=1,1", "--optimizer", "sgd", "--convention", "pytorch",
      "--lr", "0.1", "--momentum", "0.9", "--nesterov", "--steps", "1",
    );
    expect(r.trajectory[1][0]).toBeCloseTo(1 - 0.1 * (1 + 0.9 * 1), 14);
    // Each flag must reach the optimizer: the printed hyperparameters are the ones given, and the
    // trajectory is the library's for those options and differs from the defaults' trajectory.
    const cases: { argv: string[]; problem: string; name: OptimizerName; options: OptimizerOptions }[] = [
      { argv: ["--amsgrad", "--betas", "0.8,0.99", "--eps", "1e-6"], problem: "beale", name: "adam", options: { amsgrad: true, betas: [0.8, 0.99], eps: 1e-6 } },
      {
        argv: ["--convention", "pytorch", "--lr-decay", "0.01", "--initial-accumulator-value", "0.1", "--weight-decay", "0.001"],
        problem: "long-valley", name: "adagrad",
        options: { convention: "pytorch", lrDecay: 0.01, initialAccumulatorValue: 0.1, weightDecay: 0.001 },
      },
      { argv: ["--convention", "pytorch", "--momentum-decay", "0.01"], problem: "himmelblau", name: "nadam", options: { convention: "pytorch", momentumDecay: 0.01 } },
      { argv: ["--centered", "--alpha", "0.95", "--momentum", "0.5"], problem: "saddle", name: "rmsprop", options: { centered: true, alpha: 0.95, momentum: 0.5 } },
      { argv: ["--rho", "0.95"], problem: "rastrigin", name: "adadelta", options: { rho: 0.95 } },
      { argv: ["--convention", "pytorch", "--momentum", "0.8", "--dampening", "0.3"], problem: "rosenbrock", name: "sgd", options: { convention: "pytorch", momentum: 0.8, dampening: 0.3, lr: 0.001 } },
    ];
    for (const c of cases) {
      const lrArgs = c.options.lr === undefined ? [] : ["--lr", String(c.options.lr)];
      const out = await runJson("--problem", c.problem, "--optimizer", c.name, ...c.argv, ...lrArgs, "--steps", "5");
      const opt = createOptimizer(c.name, c.options);
      const surface = getSurface(c.problem);
      const expected = minimize(surface, surface.start, opt, { steps: 5 });
      expect((out as unknown as { hyperparameters: unknown }).hyperparameters).toEqual(JSON.parse(JSON.stringify(opt.hyper)));
      expect(out.trajectory).toEqual(expected.trajectory.map((row) => Array.from(row)));
      const defaults = minimize(surface, surface.start, createOptimizer(c.name, { convention: c.options.convention }), { steps: 5 });
      expect(out.trajectory).not.toEqual(defaults.trajectory.map((row) => Array.from(row)));
    }
  });

  it("solves least squares from a data file, starting at zeros", async () => {
    const dir = mkdtempSync(join(tmpdir(), "descent-cli-"));
    const file = join(dir, "data.json");
    const X = [[1, 0], [0, 2], [1, 1], [2, -1]];
    const y = [1, 2, 3, 0];
    writeFileSync(file, JSON.stringify({ X, y }));
    const lr = 0.1;
    const r = await runJson("--problem", "least-squares", "--data", file, "--optimizer", "sgd", "--lr", String(lr), "--steps", "200");
    expect(r.trajectory[0]).toEqual([0, 0]);
    // First step from w = 0: w1 = lr * X^T y / n.
    const n = X.length;
    const g0 = [0, 1].map((j) => X.reduce((s, row, i) => s + row[j] * y[i], 0) / n);
    expect(r.trajectory[1][0]).toBeCloseTo(lr * g0[0], 14);
    expect(r.trajectory[1][1]).toBeCloseTo(lr * g0[1], 14);
    // loss[0] = 1/2 mean(y^2)
    expect(r.loss[0]).toBeCloseTo(0.5 * y.reduce((s, v) => s + v * v, 0) / n, 14);
    // Converges to the normal-equations solution (computed here by hand for 2x2).
    const a = X.reduce((s, r0) => s + r0[0] * r0[0], 0);
    const b = X.reduce((s, r0) => s + r0[0] * r0[1], 0);
    const c = X.reduce((s, r0) => s + r0[1] * r0[1], 0);
    const u = X.reduce((s, r0, i) => s + r0[0] * y[i], 0);
    const v = X.reduce((s, r0, i) => s + r0[1] * y[i], 0);
    const det = a * c - b * b;
    const w = [(c * u - b * v) / det, (a * v - b * u) / det];
    expect(r.trajectory[200][0]).toBeCloseTo(w[0], 6);
    expect(r.trajectory[200][1]).toBeCloseTo(w[1], 6);
  });

  it("runs the README's least-squares example to the normal-equations solution", async () => {
    const file = join(__dirname, "..", "..", "examples", "least-squares.json");
    const { X, y } = JSON.parse(readFileSync(file, "utf8")) as { X: number[][]; y: number[] };
    const wStar = solveLeastSquares(X, y);
    const r = await runJson("--problem", "least-squares", "--data", file, "--optimizer", "adam", "--lr", "0.05", "--steps", "2000");
    const last = r.trajectory[2000] as number[];
    last.forEach((w, j) => expect(w).toBeCloseTo(wStar[j], 4));
  });

  it("prints CSV with a header, one row per point", async () => {
    const r = await cli("run", "--problem", "rosenbrock", "--steps", "3", "--lr", "0.001", "--format", "csv");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toBe("step,x,y,loss");
    expect(lines).toHaveLength(5);
    const [step, x, y, loss] = lines[1].split(",").map(Number);
    expect(step).toBe(0);
    expect([x, y]).toEqual([-1.2, 1]);
    expect(loss).toBeCloseTo(rosenbrock(-1.2, 1), 10);
  });

  it("applies a learning-rate schedule", async () => {
    // Step decay halving every 2 steps on f = x^2/2 with SGD: x_{k+1} = x_k (1 - lr_k).
    const r = await runJson("--expr", "x^2/2 + y^2/2", "--x0=1,1", "--optimizer", "sgd", "--lr", "0.1", "--schedule", "step:stepSize=2,gamma=0.5", "--steps", "4");
    const lrs = [0.1, 0.1, 0.05, 0.05];
    let x = 1;
    for (let k = 0; k < 4; k++) {
      x *= 1 - lrs[k];
      expect(r.trajectory[k + 1][0]).toBeCloseTo(x, 14);
    }
  });

  it("reports divergence with its reason instead of printing NaN", async () => {
    const r = await cli("run", "--expr", "x^2 + y^2", "--x0=1,1", "--lr", "1e200", "--steps", "50");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^descent: warning: .*diverged/);
    const json = JSON.parse(r.out) as RunJson;
    expect(json.stopped?.reason).toMatch(/diverged/);
    expect(json.trajectory.length).toBeLessThan(51);
  });

  it("lists every optimizer, problem and schedule", async () => {
    const r = await cli("list");
    expect(r.code).toBe(0);
    for (const name of ["sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam", "amsgrad", "adamw"]) {
      expect(r.out).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    for (const name of ["rosenbrock", "beale", "saddle", "long-valley", "himmelblau", "rastrigin", "least-squares"]) {
      expect(r.out).toContain(name);
    }
    for (const name of ["constant", "step", "exponential", "inverse-time", "cosine", "warmup", "sgdr"]) {
      expect(r.out).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    const json = JSON.parse((await cli("list", "--format", "json")).out) as { optimizers: { name: string; defaults: Record<string, Record<string, unknown>> }[] };
    const adam = json.optimizers.find((o) => o.name === "adam");
    expect(adam?.defaults.seed.lr).toBe(0.001);
    const rms = json.optimizers.find((o) => o.name === "rmsprop");
    expect(rms?.defaults.pytorch.alpha).toBe(0.99);
    expect(rms?.defaults.seed.alpha).toBe(0.9);
  });
});

describe("descent compare", () => {
  it("runs every optimizer on one surface and reports where each settled", async () => {
    const r = await cli("compare", "--problem", "long-valley", "--steps", "200", "--lr", "0.01");
    expect(r.code).toBe(0);
    const rows = r.out.split("\n").filter((l) => /^  [a-z]+ /.test(l) && !l.includes("optimizer"));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual([
      "sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam", "amsgrad", "adamw",
    ]);
    // Plain GD with lr 0.01 on 0.5 (x^2 + 50 y^2) from (-1.8, 0.5): x_k = -1.8 * 0.99^k.
    const sgd = rows[0].trim().split(/\s+/);
    expect(Number(sgd[2])).toBeCloseTo(0.5 * (1.8 * 0.99 ** 200) ** 2, 3);
  });
  it("rejects an unknown surface with exit code 2", async () => {
    const r = await cli("compare", "--problem", "moon");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/moon/);
  });
});

describe("descent run: bad input exits 2 with one line naming the problem", () => {
  const cases: [string[], RegExp][] = [
    [["--optimizer", "adamz"], /unknown optimizer "adamz"; expected one of sgd, .* \(did you mean "adam"\?\)$/],
    [["--problem", "rosenbrok"], /unknown problem "rosenbrok"; expected one of rosenbrock, .*least-squares \(did you mean "rosenbrock"\?\)$/],
    [["--problem", "banana"], /unknown problem "banana"; expected one of [a-z, -]+$/],
    [["--lr", "0"], /--lr must be .*> 0, got 0/],
    [["--lr", "-1"], /--lr must be .*> 0, got -1/],
    [["--lr", "NaN"], /--lr must be .*got NaN/],
    [["--lr", "fast"], /--lr expects a decimal number, got "fast"/],
    [["--lr"], /--lr needs a value/],
    [["--optimizer", "adam", "--betas", "1,0.9"], /--betas\[0\] must be a number in \[0, 1\), got 1/],
    [["--optimizer", "adam", "--betas", "0.9,-0.1"], /--betas\[1\] must be a number in \[0, 1\), got -0.1/],
    [["--optimizer", "adam", "--betas", "0.9"], /--betas expects two numbers/],
    [["--expr", "x^2 + * y"], /formula.*(char|position|column)/i],
    [["--expr", "x + z"], /"?z"?/],
    [["--x0=1,2,3"], /--x0 must have 2 numbers/],
    [["--x0=1,abc"], /--x0 expects comma-separated decimal numbers, got "1,abc" \(entry 2 is "abc"\)/],
    [["--steps", "-1"], /--steps must be an integer >= 0, got -1/],
    [["--steps", "2.5"], /--steps must be an integer >= 0, got 2.5/],
    [["--steps", "1e9"], /--steps must be at most 1000000, got 1e9$/],
    [["--problem", "least-squares", "--data", "/nonexistent/d.json"], /cannot read data file "\/nonexistent\/d.json": no such file/],
    [["--problem", "least-squares"], /needs --data/],
    [["--optimizer", "adam", "--rho", "0.9"], /--rho is not a hyperparameter of adam/],
    [["--optimizer", "adadelta", "--lr", "0.1"], /--lr is not a hyperparameter of adadelta in the seed convention: the seed's Adadelta has no learning rate/],
    [["--optimizer", "sgd", "--convention", "torch"], /--convention must be seed or pytorch, got "torch"/],
    [["--format", "xml"], /--format must be json or csv, got "xml"/],
    [["--frobnicate", "1"], /unknown option --frobnicate/],
    [["--optimizer", "adadelta", "--schedule", "cosine:tMax=10"], /--schedule has no learning rate to set: the seed convention's Adadelta has none/],
    [["--schedule", "cosine:tMax=10,foo=1"], /unknown option "foo" for schedule "cosine"; it accepts lr, tMax, lrMin/],
    [["--schedule", "linear"], /unknown schedule "linear"/],
    [["--problem", "beale", "--expr", "x"], /either --problem or --expr/],
  ];
  it.each(cases)("run %j", async (argv, message) => {
    const r = await cli("run", ...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const lines = r.err.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^descent: error: /);
    expect(lines[0]).toMatch(message);
  });

  it("rejects a malformed data file, naming what is wrong", async () => {
    const dir = mkdtempSync(join(tmpdir(), "descent-cli-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    let r = await cli("run", "--problem", "least-squares", "--data", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/JSON/);
    writeFileSync(bad, JSON.stringify({ X: [[1, 2], [3]], y: [1, 2] }));
    r = await cli("run", "--problem", "least-squares", "--data", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/X\[1\]/);
    writeFileSync(bad, JSON.stringify({ X: [[1, 2], [3, 4]], y: [1] }));
    r = await cli("run", "--problem", "least-squares", "--data", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/y/);
  });

  it("rejects an unknown command", async () => {
    const r = await cli("fly");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "fly"/);
  });
});

describe("the installed `descent` binary", () => {
  const run = promisify(execFile);
  const bin = join(__dirname, "..", "..", "bin", "descent.mjs");

  it("prints help and a trajectory", async () => {
    const help = await run(process.execPath, [bin, "--help"]);
    expect(help.stdout).toContain("descent run");
    const out = await run(process.execPath, [bin, "run", "--problem", "long-valley", "--optimizer", "momentum", "--steps", "3"]);
    const json = JSON.parse(out.stdout) as RunJson;
    expect(json.trajectory).toHaveLength(4);
  });

  it("exits 2 with one line and no stack trace on bad input", async () => {
    const failure = await run(process.execPath, [bin, "run", "--lr", "-3"]).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failure && failure.code).toBe(2);
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
