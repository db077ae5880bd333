import fc from "fast-check";
import { create, all, type MathNode } from "mathjs";
import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import {
  ALLOWED_FUNCTIONS,
  MAX_DERIVATIVE_NODES,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_NESTING,
  MAX_FORMULA_NODES,
  surfaceFromExpression,
} from "../../src/problems/index";

// An independent mathjs instance for counting: the test does not trust src's own counter.
const reference = create(all);
function countNodes(text: string): { nodes: number; depth: number } {
  const root = reference.parse(text);
  let nodes = 0;
  let depth = 0;
  const walk = (n: MathNode, d: number): void => {
    nodes++;
    depth = Math.max(depth, d);
    n.forEach((c) => walk(c, d + 1));
  };
  walk(root, 1);
  return { nodes, depth };
}

const chain = (k: number, term: string, op: string): string => Array(k).fill(term).join(op);

/** Builds the formula, or returns the DescentInputError's message; anything else fails the test. */
function outcome(text: string, start: readonly [number, number] = [0.3, 0.7]): { ok: true } | { ok: false; message: string } {
  try {
    surfaceFromExpression(text, { start });
    return { ok: true };
  } catch (e) {
    if (!(e instanceof DescentInputError)) throw e;
    return { ok: false, message: e.message };
  }
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe("formula size bounds (issue 5, class 1: time)", () => {
  it("x+x+...+x with 30 terms (minutes with mathjs's default simplify) builds at once, gradient (30, 0)", () => {
    const { value: s, ms } = timed(() => surfaceFromExpression(chain(30, "x", "+"), { start: [1, 1] }));
    expect(ms).toBeLessThan(2000); // a guard against a hang, not a speed claim
    const g = new Float64Array(2);
    expect(s.valueAndGradient(Float64Array.of(2, 5), g)).toBe(60);
    expect(Array.from(g)).toEqual([30, 0]);
    expect(s.gradientExpressions.x).toBe("30");
    expect(s.gradientExpressions.y).toBe("0");
  });

  it("sums of 20-30 products or powers (10 s to a minute before) build and differentiate correctly", () => {
    const s = surfaceFromExpression(chain(25, "x*y", "+"), { start: [1, 1] });
    const g = new Float64Array(2);
    s.valueAndGradient(Float64Array.of(2, 3), g);
    expect(Array.from(g)).toEqual([75, 50]);
    const p = surfaceFromExpression(chain(25, "x^2", "+"), { start: [1, 1] });
    p.valueAndGradient(Float64Array.of(3, 0), g);
    expect(Array.from(g)).toEqual([150, 0]);
  });

  it("more than MAX_FORMULA_NODES nodes is refused, naming the size and the limit", () => {
    // 45 groups of 8 nodes, depth about 50: over the node limit, under the depth limit.
    const text = chain(45, "(x*y+x*y)", "+");
    const { nodes, depth } = countNodes(text);
    expect(nodes).toBeGreaterThan(MAX_FORMULA_NODES);
    expect(depth).toBeLessThanOrEqual(MAX_FORMULA_DEPTH);
    const r = outcome(text);
    expect(r).toEqual({ ok: false, message: expect.stringContaining(`is too large: ${nodes} nodes`) });
    expect(r.ok === false && r.message).toContain(`the limit is ${MAX_FORMULA_NODES}`);
  });

  it("a depth over MAX_FORMULA_DEPTH is refused; one level less is accepted", () => {
    // -( ... ) adds two levels (minus, bracket): 29 pairs around x is depth 59, 30 pairs depth 61.
    const ok = "-(".repeat(29) + "x" + ")".repeat(29);
    expect(countNodes(ok).depth).toBe(59);
    expect(surfaceFromExpression(ok).gradientExpressions.x).toBe("-1");
    const deep = "-(".repeat(30) + "x" + ")".repeat(30);
    expect(outcome(deep)).toEqual({
      ok: false,
      message: expect.stringMatching(new RegExp(`nests too deeply: depth 61, the limit is ${MAX_FORMULA_DEPTH}`)),
    });
  });

  it("a derivative over MAX_DERIVATIVE_NODES is refused (x*x*...*x grows quadratically when differentiated)", () => {
    const r = outcome(chain(59, "x", "*"), [1, 1]);
    expect(r).toEqual({
      ok: false,
      message: expect.stringContaining(`derivative with respect to x of more than ${MAX_DERIVATIVE_NODES} nodes`),
    });
    // The same polynomial written compactly is fine, and its slope at 1 is 59.
    const g = new Float64Array(2);
    surfaceFromExpression("x^59", { start: [1, 1] }).valueAndGradient(Float64Array.of(1, 1), g);
    expect(g[0]).toBe(59);
  });

  it("a formula over MAX_FORMULA_LENGTH characters is refused before it is parsed", () => {
    const text = chain(MAX_FORMULA_LENGTH, "x", "+");
    expect(outcome(text)).toEqual({
      ok: false,
      message: expect.stringMatching(new RegExp(`too long: ${text.length} characters, the limit is ${MAX_FORMULA_LENGTH}$`)),
    });
  });
});

describe("deep nesting (issue 5, class 2): a DescentInputError naming the formula and the limit, never a stack overflow", () => {
  it.each([
    ["((((...x))))", "(".repeat(100000) + "x" + ")".repeat(100000)],
    ["-(-(-(...x)))", "-(".repeat(100000) + "x" + ")".repeat(100000)],
    ["sin(sin(...x))", "sin(".repeat(500) + "x" + ")".repeat(500)],
    ["----...x", "-".repeat(100000) + "x"],
    ["unclosed ((((", "(".repeat(1000)],
  ])("%s", (_label, text) => {
    const r = outcome(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).not.toContain("\n");
    expect(r.message).not.toMatch(/call stack/);
    expect(r.message).toMatch(/^formula "[^"]{1,40}"\.\.\. \(\d+ characters\)/); // abbreviated
    expect(r.message).toMatch(new RegExp(`limit is (${MAX_FORMULA_LENGTH}|${MAX_FORMULA_NESTING} levels)`));
  });

  it(`bracket nesting: ${MAX_FORMULA_NESTING} levels parse, one more is refused at the bracket that exceeds it`, () => {
    const ok = "(".repeat(MAX_FORMULA_NESTING) + "x" + ")".repeat(MAX_FORMULA_NESTING);
    expect(surfaceFromExpression(ok, { start: [2, 0] }).f(2, 0)).toBe(2);
    const over = "(".repeat(MAX_FORMULA_NESTING + 1) + "x" + ")".repeat(MAX_FORMULA_NESTING + 1);
    expect(outcome(over)).toEqual({
      ok: false,
      message: `formula ${JSON.stringify(over.slice(0, 40))}... (${over.length} characters) nests brackets more than ` +
        `${MAX_FORMULA_NESTING} deep (at character ${MAX_FORMULA_NESTING + 1}); the limit is ${MAX_FORMULA_NESTING} levels`,
    });
  });
});

// ---- property test over generated formulas -------------------------------------------------

const leaf = fc.constantFrom("x", "y", "2", "0.5", "pi", "e", "3");
const unaryFunctions = Object.keys(ALLOWED_FUNCTIONS).filter((f) => ALLOWED_FUNCTIONS[f][0] === 1);

const { formula } = fc.letrec<{ formula: string }>((tie) => ({
  formula: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("formula"), fc.constantFrom("+", "-", "*", "/", "^"), tie("formula")).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie("formula").map((a) => `(${a})`),
    tie("formula").map((a) => `-${a}`),
    fc.tuple(fc.constantFrom(...unaryFunctions), tie("formula")).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom("nthRoot", "pow", "log"), tie("formula"), tie("formula")).map(([f, a, b]) => `${f}(${a}, ${b})`),
  ),
}));

/** Long and deep shapes: chains of one operator, unary minus runs, nested functions and brackets. */
const stress = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 400 }), leaf, fc.constantFrom("+", "-", "*", "/", "^")).map(([k, t, op]) => chain(k, t, op)),
  fc.tuple(fc.integer({ min: 2, max: 200 }), fc.constantFrom("x*y", "x^2", "sin(x)", "(x+y)", "exp(y)")).map(([k, t]) => chain(k, t, "+")),
  fc.tuple(fc.integer({ min: 1, max: 3000 }), leaf).map(([k, t]) => "-".repeat(k) + t),
  fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom("-(", "(", "exp(", "sin(", "abs(", "sqrt(")).map(
    ([k, open]) => open.repeat(k) + "x*y" + ")".repeat(k),
  ),
  fc.tuple(fc.integer({ min: 1, max: 80 }), formula).map(([k, f]) => chain(k, `(${f})`, "*")),
);

describe("every formula a user can type builds in bounded time or is refused in one line (fast-check)", () => {
  it("random and stress formulas", () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.oneof(formula, stress), (text) => {
        const { value: r, ms } = timed(() => outcome(text));
        worst = Math.max(worst, ms);
        expect(ms).toBeLessThan(2000); // hang guard only
        if (r.ok) {
          // Accepted: within every bound (counted independently of src).
          expect(text.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
          const { nodes, depth } = countNodes(text);
          expect(nodes).toBeLessThanOrEqual(MAX_FORMULA_NODES);
          expect(depth).toBeLessThanOrEqual(MAX_FORMULA_DEPTH);
        } else {
          expect(r.message).not.toContain("\n");
          expect(r.message).not.toMatch(/call stack|internal|undefined/i);
          const size = /is too large: (\d+) nodes/.exec(r.message);
          if (size) {
            expect(Number(size[1])).toBe(countNodes(text).nodes);
            expect(Number(size[1])).toBeGreaterThan(MAX_FORMULA_NODES);
          }
          const deep = /nests too deeply: depth (\d+)/.exec(r.message);
          if (deep) {
            expect(Number(deep[1])).toBe(countNodes(text).depth);
            expect(Number(deep[1])).toBeGreaterThan(MAX_FORMULA_DEPTH);
          }
          if (/too long: (\d+) characters/.test(r.message)) expect(text.length).toBeGreaterThan(MAX_FORMULA_LENGTH);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
    expect(worst).toBeGreaterThan(0);
  }, 120_000);
});

describe("nodeCounts: what one evaluation walks", () => {
  it("counts f and its simplified partial derivatives", () => {
    const s = surfaceFromExpression("x^2 + 3*y^2");
    // f: + (^ x 2) (* 3 (^ y 2)) = 9 nodes; df/dx = 2 * x (3); df/dy = 6 * y (3).
    expect(s.nodeCounts).toEqual({ f: 9, dx: 3, dy: 3 });
    expect(countNodes(s.gradientExpressions.x).nodes).toBe(3);
    expect(countNodes(s.gradientExpressions.y).nodes).toBe(3);
    const big = surfaceFromExpression(chain(30, "x*y", "*"), { start: [1, 1] });
    // Re-parsing the printed text counts a few more nodes (printing adds brackets, -1 reads as -(1)).
    const printed = countNodes(big.gradientExpressions.x).nodes;
    expect(big.nodeCounts.dx).toBeLessThanOrEqual(printed);
    expect(big.nodeCounts.dx).toBeGreaterThan(0.9 * printed);
    expect(big.nodeCounts.dx).toBeLessThanOrEqual(MAX_DERIVATIVE_NODES);
  });
});
