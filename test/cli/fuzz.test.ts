import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { OPTIMIZER_NAMES } from "../../src/optimizers/index";
import { SCHEDULE_NAMES } from "../../src/schedules/index";

/**
 * `descent run` in-process on random flags, values and formulas: long sums and products, nesting,
 * unary minus, functions with any number of arguments, and junk. Every run must end with exit 0
 * (stderr: at most a note and a warning, one line each) or exit 2 (nothing on stdout, exactly one
 * line on stderr), never 1 (an internal error), within a generous time and without the heap
 * growing without bound. Steps are capped at 40 so a few hundred runs stay quick.
 */

const atom = fc.oneof(
  fc.constantFrom("x", "y", "pi", "e", "z", "1", "0", "2.5", "1e308", "1e-320", "-1", "0.5x", "2y"),
  fc.integer({ min: -5, max: 9 }).map(String),
);

const FUNCTIONS = ["sqrt", "exp", "log", "abs", "sin", "cos", "tanh", "nthRoot", "pow", "log10", "acosh", "cbrt", "foo", "max"];

const formula: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc.tuple(tie("f"), fc.constantFrom("+", "-", "*", "/", "^", " ", "**", "%", "=="), tie("f")).map(([a, op, b]) => `${a}${op}${b}`),
    tie("f").map((a) => `-${a}`),
    tie("f").map((a) => `(${a})`),
    fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie("f"), { minLength: 0, maxLength: 3 })).map(([fn, args]) => `${fn}(${args.join(",")})`),
  ),
})).f;

/** Long flat sums and products, the shapes that once took minutes to differentiate. */
const longFormula = fc
  .tuple(fc.constantFrom("x", "x^2", "x*y", "sin(x)", "y^3", "-x"), fc.constantFrom("+", "*", "-"), fc.integer({ min: 2, max: 400 }))
  .map(([term, op, n]) => Array.from({ length: n }, () => term).join(op));

const nested = fc
  .tuple(fc.constantFrom("(", "sin(", "-(", "sqrt(", "["), fc.integer({ min: 1, max: 600 }))
  .map(([open, n]) => `${open.repeat(n)}x${(open === "[" ? "]" : ")").repeat(n)}`);

const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", " ", "--", "-", "=", "x,y", "1,2", "\n", "x\ny", "\u0000"));

const number = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("0", "-0", "1e-400", "1e400", "0x10", "0b1", "1_0", ".5", "5.", "+1", "-1", "NaN", "Infinity", "-Infinity", "1e-3", "0.9", "1"),
);

const pair = fc.tuple(number, number).map(([a, b]) => `${a},${b}`);

type Flag = [string] | [string, string];

/** Data files, good and bad: valid, with a BOM, deeply nested, non-finite, ragged, empty, not JSON. */
const dataDir = mkdtempSync(join(tmpdir(), "descent-fuzz-"));
const DATA_FILES = Object.entries({
  "good.json": JSON.stringify({ X: [[1, 0], [0, 2], [1, 1]], y: [1, 2, 3] }),
  "bom.json": `\uFEFF${JSON.stringify({ X: [[1], [2]], y: [2, 4] })}`,
  "deep.json": `{"X": ${"[".repeat(100000)}${"]".repeat(100000)}, "y": [1]}`,
  "overflow.json": '{"X": [[1e308, 1e308]], "y": [1e308]}',
  "inf.json": '{"X": [[1e999]], "y": [1]}',
  "ragged.json": '{"X": [[1, 2], [3]], "y": [1, 2]}',
  "empty.json": "",
  "two-lines.json": '{"X": [[1, 2],\n [3, 4]],\n "y": [1,\n',
  "proto.json": '{"X": [[1]], "y": [1], "__proto__": {"X": 5}}',
}).map(([name, text]) => {
  const file = join(dataDir, name);
  writeFileSync(file, text);
  return file;
});

const flagArb: fc.Arbitrary<Flag> = fc.oneof(
  fc.oneof(formula, longFormula, nested, junk).map((v): Flag => ["--expr", v]),
  fc.constantFrom("rosenbrock", "beale", "saddle", "long-valley", "himmelblau", "rastrigin", "least-squares", "moon").map((v): Flag => ["--problem", v]),
  fc.oneof(fc.constantFrom(...OPTIMIZER_NAMES), junk).map((v): Flag => ["--optimizer", v]),
  number.map((v): Flag => ["--lr", v]),
  number.map((v): Flag => ["--momentum", v]),
  number.map((v): Flag => ["--eps", v]),
  number.map((v): Flag => ["--rho", v]),
  pair.map((v): Flag => ["--betas", v]),
  fc.oneof(pair, junk, fc.constantFrom("1,1", "-1,2", "1e308,1e308")).map((v): Flag => ["--x0", v]),
  fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.constantFrom("-1", "2.5", "1e9", "0x10", "")).map((v): Flag => ["--steps", v]),
  fc.constantFrom("seed", "pytorch", "torch").map((v): Flag => ["--convention", v]),
  fc.constantFrom("json", "csv", "xml").map((v): Flag => ["--format", v]),
  fc.constantFrom<Flag>(["--nesterov"], ["--nesterov", "false"], ["--nesterov", "true"], ["--nesterov", "maybe"], ["--centered"], ["--amsgrad", "TRUE"]),
  fc
    .tuple(fc.constantFrom(...SCHEDULE_NAMES, "linear", "__proto__"), fc.array(fc.tuple(fc.constantFrom("lr", "tMax", "lrMin", "gamma", "stepSize", "__proto__", "constructor", "t0", ""), number), { maxLength: 3 }))
    .map(([name, kv]): Flag => ["--schedule", kv.length ? `${name}:${kv.map(([k, v]) => `${k}=${v}`).join(",")}` : name]),
  fc.constantFrom<Flag>(["--data", "/nonexistent.json"], ["--frobnicate", "1"], ["--help"], ["extra"], ["-h"], ["--"]),
  fc.constantFrom(...DATA_FILES, "/dev/null", "/", dataDir).map((v): Flag => ["--data", v]),
);

/** A least-squares run on one of the data files, with a valid or random rest. */
const dataRun: fc.Arbitrary<Flag[]> = fc
  .tuple(fc.constantFrom(...DATA_FILES), fc.array(flagArb, { maxLength: 2 }))
  .map(([file, rest]): Flag[] => [["--problem", "least-squares"], ["--data", file], ...rest]);

/** Formulas that parse and differentiate: variables, numbers, + - * / ^, unary minus, functions of the right arity. */
const validFormula: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("x", "y", "1", "2", "0.5", "pi", "3x", "x^2", "y^2"),
    fc.tuple(tie("f"), fc.constantFrom("+", "-", "*", "/", "^"), tie("f")).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie("f").map((a) => `-${a}`),
    tie("f").map((a) => `(${a})`),
    fc.tuple(fc.constantFrom("sin", "cos", "exp", "abs", "sqrt", "log", "tanh"), tie("f")).map(([fn, a]) => `${fn}(${a})`),
    fc.tuple(tie("f"), tie("f")).map(([a, b]) => `nthRoot(${a}, ${b})`),
  ),
})).f;

/** A well-formed run (every flag valid on its own), so most of these reach the optimizer. */
const validRun: fc.Arbitrary<Flag[]> = fc
  .record(
    {
      problem: fc.oneof(
        fc.constantFrom("rosenbrock", "beale", "saddle", "long-valley", "himmelblau", "rastrigin").map((v): Flag[] => [["--problem", v]]),
        fc.oneof(validFormula, longFormula).map((v): Flag[] => [["--expr", v]]),
      ),
      x0: fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })).map(([a, b]): Flag[] => [["--x0", `${a},${b}`]]),
      optimizer: fc.constantFrom(...OPTIMIZER_NAMES).map((v): Flag[] => [["--optimizer", v], ["--convention", "pytorch"]]),
      lr: fc.double({ min: 1e-6, max: 10, noNaN: true }).map((v): Flag[] => [["--lr", String(v)]]),
      schedule: fc.constantFrom("cosine:tMax=10", "step:stepSize=3,gamma=0.5", "exponential:gamma=0.9", "constant").map((v): Flag[] => [["--schedule", v]]),
      format: fc.constantFrom("json", "csv").map((v): Flag[] => [["--format", v]]),
    },
    { requiredKeys: [] },
  )
  .map((r) => Object.values(r).flat());

function runIn(argv: string[]): { code: number; out: number; err: string[] } {
  let outLines = 0;
  const err: string[] = [];
  const code = main(argv, {
    out: () => {
      outLines++;
    },
    err: (t) => err.push(t),
  });
  return { code, out: outLines, err };
}

describe("descent run under random input (fast-check)", () => {
  it("always ends with exit 0 or 2 and one-line messages, in bounded time and heap", () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let slowest = 0;
    let refusedCount = 0;
    fc.assert(
      fc.property(fc.oneof(validRun, dataRun, fc.array(flagArb, { maxLength: 7 }), fc.tuple(validRun, flagArb).map(([v, f]) => [...v, f])), (flags) => {
        const argv = ["run", ...flags.flat()];
        // Keep runs short: an explicit --steps given above is capped at 40; add one if missing.
        if (!argv.includes("--steps")) argv.push("--steps", "20");
        const t0 = performance.now();
        const r = runIn(argv);
        const ms = performance.now() - t0;
        slowest = Math.max(slowest, ms);
        expect(ms, `took ${ms} ms: ${JSON.stringify(argv)}`).toBeLessThan(20_000);
        for (const line of r.err) expect(line, JSON.stringify(argv)).not.toMatch(/[\r\n]/);
        if (r.code === 2) {
          refusedCount++;
          expect(r.out, JSON.stringify(argv)).toBe(0);
          expect(r.err, JSON.stringify(argv)).toHaveLength(1);
          expect(r.err[0]).toMatch(/^descent: error: \S/);
          expect(r.err[0]).not.toMatch(/^descent: error: Maximum call stack size exceeded$/);
        } else {
          expect(r.code, `${JSON.stringify(argv)} -> ${r.err.join(" | ")}`).toBe(0);
          expect(r.out).toBeGreaterThan(0);
          expect(r.err.length).toBeLessThanOrEqual(2);
          for (const line of r.err) expect(line).toMatch(/^descent: (note|warning): /);
        }
      }),
      { numRuns: 300, seed: Number(process.env.DESCENT_FUZZ_SEED ?? 20261130) },
    );
    // Both outcomes occur: the generator is not all junk, nor all valid.
    expect(refusedCount).toBeGreaterThan(30);
    expect(refusedCount).toBeLessThan(300);
    const growth = process.memoryUsage().heapUsed - heapBefore;
    expect(growth).toBeLessThan(256 * 1024 * 1024);
  }, 300_000);

  it("the other commands refuse what they do not know in one line, and print when they do", () => {
    const token = fc.oneof(
      fc.constantFrom("--format", "json", "text", "--steps", "3", "--problem", "beale", "--lr", "0.01", "--tolerance", "1e-3", "--convention", "pytorch", "run", "list", "compare", "--help", "-h", "zzz"),
      junk,
    );
    const command = fc.constantFrom("list", "help", "compare", "zzz", "--steps", "");
    fc.assert(
      fc.property(command, fc.array(token, { maxLength: 5 }), (cmd, rest) => {
        const argv = [cmd, ...rest];
        // compare tries 9 rates for 11 optimizers: keep it short.
        if (cmd === "compare" && !rest.includes("--steps") && !rest.includes("--help") && !rest.includes("-h")) argv.push("--steps", "3");
        const r = runIn(argv);
        for (const line of r.err) expect(line, JSON.stringify(argv)).not.toMatch(/[\r\n]/);
        expect([0, 2], `${JSON.stringify(argv)} -> ${r.code}: ${r.err.join(" | ")}`).toContain(r.code);
        if (r.code === 2) {
          expect(r.out, JSON.stringify(argv)).toBe(0);
          expect(r.err, JSON.stringify(argv)).toHaveLength(1);
          expect(r.err[0]).toMatch(/^descent: error: \S/);
        } else {
          expect(r.out).toBeGreaterThan(0);
          expect(r.err).toEqual([]);
        }
      }),
      { numRuns: 150, seed: Number(process.env.DESCENT_FUZZ_SEED ?? 20261130) },
    );
  }, 300_000);
});
