import type { EvalFunction, MathNode } from "mathjs";
import { DescentInputError, show } from "../core/errors";
import type { Vec } from "../core/vector";
import {
  checkDerivativeSize,
  checkFormulaText,
  checkFormulaTree,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_NESTING,
  MAX_FORMULA_NODES,
  quoteFormula,
} from "./formula-bounds";
import { formulaLatex } from "./formula-latex";
import { formulaMath } from "./formula-math";
import { checkGradientOut } from "./gradient-out";
import type { Point2D, Surface2D } from "./objective";
import { simplifyDerivative } from "./simplify-derivative";
import { checkStartPoint } from "./start-point";

/**
 * A surface typed as a formula in x and y, e.g. `(1-x)^2 + 100*(y-x^2)^2`, for the playground
 * and `descent run --expr`. mathjs parses it, differentiates it symbolically with respect to x
 * and y, and compiles f, df/dx and df/dy, so the gradient is exact, not a finite difference:
 *
 * $$\nabla f(x, y) = \left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right)$$
 *
 * Only what can be differentiated is accepted: the variables x and y, the constants pi, e, tau
 * and phi, numbers, + - * / ^ (and implicit multiplication such as `2x`), parentheses, and the
 * functions in ALLOWED_FUNCTIONS. Anything else is a DescentInputError naming it.
 *
 * Bounds (formula-bounds.ts), so that building a surface takes a small, predictable time: at most
 * MAX_FORMULA_LENGTH characters, MAX_FORMULA_NESTING bracket levels (checked before parsing),
 * MAX_FORMULA_NODES nodes and depth MAX_FORMULA_DEPTH once parsed, and MAX_DERIVATIVE_NODES nodes
 * per partial derivative. Derivatives are taken with mathjs's `simplify: false` and tidied in one
 * linear pass (simplify-derivative.ts), which also sets the subgradient convention at kinks:
 * d|u| = u' sign(u) with sign(0) = 0, and the slope of sqrt(u) is 0 where u = 0 and u' = 0.
 *
 * Evaluation errors (e.g. `nthRoot(x, 0)`, a root of degree 0) are DescentInputErrors naming the
 * formula and the point. The start point (option `start`, default (-1.5, 1.5)) is checked with
 * `checkStartPoint`: f and its gradient must be finite there.
 */

export interface ExpressionOptions {
  /** Plotting window; default x and y in [-2, 2]. */
  domain?: { x: readonly [number, number]; y: readonly [number, number] };
  /** Start point; default (-1.5, 1.5). f and its gradient must be finite there. */
  start?: readonly [number, number];
}

/** A typed-formula surface, with its symbolic partial derivatives (mathjs syntax) for display. */
export interface ExpressionSurface extends Surface2D {
  readonly gradientExpressions: { readonly x: string; readonly y: string };
  /**
   * Nodes in f and in each partial derivative as evaluated (after simplification): what one
   * evaluation of valueAndGradient walks, for bounding a run's work without re-parsing.
   */
  readonly nodeCounts: { readonly f: number; readonly dx: number; readonly dy: number };
}

/** Functions mathjs can differentiate, with how many arguments each takes [min, max]. */
export const ALLOWED_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  sqrt: [1, 1], cbrt: [1, 1], nthRoot: [2, 2], exp: [1, 1], log: [1, 2], log10: [1, 1], pow: [2, 2], abs: [1, 1],
  sin: [1, 1], cos: [1, 1], tan: [1, 1], sec: [1, 1], csc: [1, 1], cot: [1, 1],
  asin: [1, 1], acos: [1, 1], atan: [1, 1], asec: [1, 1], acsc: [1, 1], acot: [1, 1],
  sinh: [1, 1], cosh: [1, 1], tanh: [1, 1], sech: [1, 1], csch: [1, 1], coth: [1, 1],
  asinh: [1, 1], acosh: [1, 1], atanh: [1, 1], asech: [1, 1], acsch: [1, 1], acoth: [1, 1],
};

const VARIABLES = ["x", "y"];
const CONSTANTS = ["pi", "e", "tau", "phi"];
const OPERATORS = ["+", "-", "*", "/", "^"];

/** What each mathjs node type that is not allowed means to someone typing a formula. */
const NOT_ALLOWED: Readonly<Record<string, string>> = {
  AssignmentNode: "an assignment",
  FunctionAssignmentNode: "a function definition",
  BlockNode: "several expressions",
  ArrayNode: "a matrix or list",
  ObjectNode: "an object",
  AccessorNode: "an index",
  IndexNode: "an index",
  RangeNode: "a range",
  ConditionalNode: "a condition (a ? b : c)",
  RelationalNode: "a comparison",
};

const ALLOWED_SUMMARY =
  "a formula may use x, y, numbers, pi, e, + - * / ^, parentheses and functions such as sin, exp, log, sqrt";

const DEFAULT_DOMAIN = { x: [-2, 2] as const, y: [-2, 2] as const };
const DEFAULT_START = [-1.5, 1.5] as const;

const math = formulaMath;

function where(text: string, char: number): string {
  // mathjs reports a 1-based column; past the end means the formula stopped too early.
  if (char > text.trim().length) return `at character ${char} (the end of the formula)`;
  return `at character ${char} (${show(text.slice(char - 1, char + 9))})`;
}

/** 1-based position of the first use of identifier `name`, for error messages. */
function positionOf(text: string, name: string): number | undefined {
  const escaped = name.replace(/[$]/g, "\\$");
  const m = new RegExp(`(^|[^A-Za-z0-9_$])${escaped}(?![A-Za-z0-9_$])`).exec(text);
  return m ? m.index + m[1].length + 1 : undefined;
}

function parse(text: string): MathNode {
  checkFormulaText(text);
  try {
    return math().parse(text);
  } catch (error) {
    if (error instanceof RangeError) {
      // A stack overflow that the bracket check did not foresee (a smaller stack than Node's).
      throw new DescentInputError(
        `formula ${quoteFormula(text)} is nested too deeply to parse; the limits are ${MAX_FORMULA_NESTING} bracket levels, ` +
          `depth ${MAX_FORMULA_DEPTH} and ${MAX_FORMULA_NODES} nodes`,
      );
    }
    const e = error as { message?: string; char?: number };
    const reason = String(e.message ?? error).replace(/\s*\(char \d+\)\s*$/, "");
    const at = typeof e.char === "number" ? ` ${where(text, e.char)}` : "";
    const hint = text.includes("**") ? " (write powers with ^, e.g. x^2)" : "";
    throw new DescentInputError(
      `cannot parse formula ${quoteFormula(text)}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}${at}${hint}`,
    );
  }
}

function checkNode(text: string, node: MathNode, path: string, parent: MathNode | null): void {
  const bad = (what: string): never => {
    throw new DescentInputError(`formula ${quoteFormula(text)} contains ${what}; ${ALLOWED_SUMMARY}`);
  };
  switch (node.type) {
    case "ParenthesisNode":
      return;
    case "ConstantNode": {
      const value = (node as MathNode & { value: unknown }).value;
      if (typeof value !== "number") bad(`the value ${show(value)}, which is not a number`);
      return;
    }
    case "SymbolNode": {
      const name = (node as MathNode & { name: string }).name;
      if (parent !== null && parent.type === "FunctionNode" && path === "fn") return; // checked at the FunctionNode
      if (VARIABLES.includes(name) || CONSTANTS.includes(name)) return;
      const at = positionOf(text, name);
      throw new DescentInputError(
        `unknown symbol ${show(name)} in formula ${quoteFormula(text)}${at ? ` at character ${at}` : ""}; ` +
          `only the variables x and y and the constants ${CONSTANTS.join(", ")} are allowed`,
      );
    }
    case "OperatorNode": {
      const op = (node as MathNode & { op: string }).op;
      if (!OPERATORS.includes(op)) bad(`the operator ${show(op)}`);
      return;
    }
    case "FunctionNode": {
      const f = node as MathNode & { fn: MathNode & { name?: string }; args: MathNode[] };
      const name = f.fn.name;
      // Own properties only: `constructor(x)` or `__proto__(x)` is an unknown function, not Object's.
      if (name === undefined || !Object.hasOwn(ALLOWED_FUNCTIONS, name)) {
        const at = name === undefined ? undefined : positionOf(text, name);
        throw new DescentInputError(
          `unknown function ${show(name ?? f.fn.toString())} in formula ${quoteFormula(text)}${at ? ` at character ${at}` : ""}; ` +
            `allowed functions: ${Object.keys(ALLOWED_FUNCTIONS).join(", ")}`,
        );
      }
      const [min, max] = ALLOWED_FUNCTIONS[name];
      if (f.args.length < min || f.args.length > max) {
        const expected = min === max ? `${min}` : `${min} or ${max}`;
        bad(`${name}(...) with ${f.args.length} argument${f.args.length === 1 ? "" : "s"}, but ${name} takes ${expected}`);
      }
      return;
    }
    default:
      bad(NOT_ALLOWED[node.type] ?? `a ${node.type}`);
  }
}

/**
 * df/d(variable): mathjs's symbolic derivative WITHOUT its default `simplify` (a rule search that
 * takes minutes on x+x+...+x), then the linear-time `simplifyDerivative`, then the size bound.
 */
function derivative(text: string, node: MathNode, variable: string): { tree: MathNode; nodes: number } {
  let raw: MathNode;
  try {
    raw = math().derivative(node, variable, { simplify: false });
  } catch (error) {
    throw new DescentInputError(
      `cannot differentiate formula ${quoteFormula(text)} with respect to ${variable}: ${oneLine(error)}`,
    );
  }
  // Simplification is linear but not free: a raw derivative far over the bound is refused first.
  checkDerivativeSize(text, variable, raw, 4);
  const tree = simplifyDerivative(raw);
  return { tree, nodes: checkDerivativeSize(text, variable, tree) };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, " ");
}

function checkInterval(name: string, v: unknown): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new DescentInputError(`${name} must be a pair [lo, hi], got ${show(v)}`);
  const [lo, hi] = v as unknown[];
  if (typeof lo !== "number" || typeof hi !== "number" || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new RangeError(`${name} must be finite numbers [lo, hi] with lo < hi, got ${show(v)}`);
  }
  return [lo, hi];
}

function checkStart(v: unknown): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new DescentInputError(`start must be a pair [x, y], got ${show(v)}`);
  const [x, y] = v as unknown[];
  if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new RangeError(`start must be two finite numbers [x, y], got ${show(v)}`);
  }
  return [x, y];
}

/** Evaluates a compiled formula as a number; mathjs returns `any`, and anything else becomes NaN. */
function real(compiled: EvalFunction, scope: Map<string, number>): number {
  const v: unknown = compiled.evaluate(scope);
  return typeof v === "number" ? v : NaN;
}

function lazyText(dx: MathNode, dy: MathNode): { readonly x: string; readonly y: string } {
  let x: string | undefined;
  let y: string | undefined;
  return {
    get x(): string {
      return (x ??= dx.toString());
    },
    get y(): string {
      return (y ??= dy.toString());
    },
  };
}

/** What mathjs threw while evaluating, as the user's error: the formula, the point and the reason. */
function evaluationError(text: string, x: number, y: number, error: unknown): DescentInputError {
  return new DescentInputError(
    `formula ${quoteFormula(text)} cannot be evaluated at (x, y) = (${x}, ${y}): ${oneLine(error)}`,
  );
}

export function surfaceFromExpression(text: string, options: ExpressionOptions = {}): ExpressionSurface {
  if (typeof text !== "string") throw new DescentInputError(`formula must be a string, got ${show(text)}`);
  if (text.trim() === "") {
    throw new DescentInputError('formula is empty; expected an expression in x and y, e.g. "x^2 + 10*y^2"');
  }
  const domain = options.domain
    ? { x: checkInterval("domain.x", options.domain.x), y: checkInterval("domain.y", options.domain.y) }
    : DEFAULT_DOMAIN;
  const start = options.start ? checkStart(options.start) : DEFAULT_START;

  const node = parse(text);
  const fNodes = checkFormulaTree(text, node);
  node.traverse((n, path, parent) => checkNode(text, n, path, parent));
  const { tree: dx, nodes: dxNodes } = derivative(text, node, "x");
  const { tree: dy, nodes: dyNodes } = derivative(text, node, "y");
  const fC = node.compile();
  const dxC = dx.compile();
  const dyC = dy.compile();

  // One scope reused for every evaluation: a Map is used by mathjs as is, while a plain
  // object would be wrapped in a new adapter on every call.
  const scope = new Map<string, number>([
    ["x", 0],
    ["y", 0],
  ]);
  // try/catch costs nothing until something is thrown; what mathjs throws (e.g. nthRoot(x, 0))
  // is the formula's fault, so it becomes a DescentInputError naming the formula and the point.
  const f = (x: number, y: number): number => {
    scope.set("x", x);
    scope.set("y", y);
    try {
      return real(fC, scope);
    } catch (error) {
      throw evaluationError(text, x, y, error);
    }
  };
  const fg = (x: number, y: number, out: Vec): number => {
    scope.set("x", x);
    scope.set("y", y);
    try {
      out[0] = real(dxC, scope);
      out[1] = real(dyC, scope);
      return real(fC, scope);
    } catch (error) {
      throw evaluationError(text, x, y, error);
    }
  };

  const minima: readonly Point2D[] = [];
  const trimmed = text.trim();
  const surface: ExpressionSurface = {
    name: "expression",
    dim: 2,
    title: `f(x, y) = ${trimmed}`,
    latex: formulaLatex(node, Object.keys(ALLOWED_FUNCTIONS)),
    expression: trimmed,
    // Printed on first read: mathjs's toString is the slowest step for a large derivative, and a
    // run or a contour plot never needs the text.
    gradientExpressions: lazyText(dx, dy),
    nodeCounts: { f: fNodes, dx: dxNodes, dy: dyNodes },
    f,
    minima,
    saddles: [],
    domain,
    start,
    value(theta: Vec): number {
      if (theta.length !== 2) throw new DescentInputError(`a formula surface takes 2 parameters (x, y), got ${theta.length}`);
      return f(theta[0], theta[1]);
    },
    valueAndGradient(theta: Vec, out: Vec): number {
      if (theta.length !== 2) throw new DescentInputError(`a formula surface takes 2 parameters (x, y), got ${theta.length}`);
      checkGradientOut("a formula surface", 2, out);
      return fg(theta[0], theta[1], out);
    },
  };
  // Fail now, with the formula in the message, rather than as a NaN loss on the first step.
  checkStartPoint(surface, start);
  return surface;
}
