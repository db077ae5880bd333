import type { MathNode } from "mathjs";
import { DIV_OR_ZERO, formulaMath } from "./formula-math";

/**
 * One bottom-up pass over a derivative made by mathjs's `derivative(f, v, { simplify: false })`:
 * it removes what the differentiation rules leave behind (`2 * 1 * x ^ (2 - 1) + 0` becomes `2 * x`)
 * and applies the course's subgradient convention at kinks. Time is linear in the tree's size,
 * unlike mathjs's `simplify` (exponential on sums such as x+x+...+x) and `simplifyCore` (which
 * takes seconds on the derivative of a sum of 22 terms).
 *
 * Rewrites: x+0, 0+x, x-0, x*1, 1*x, x/1, x^1 -> x; x*0, 0*x, 0/x -> 0; x^0 -> 1; 0-x -> -x;
 * -(-x) -> x; a + -b -> a - b; c1 * (c2 * u) -> (c1 c2) * u; brackets dropped (printing adds the
 * needed ones back); + - * / on two numbers, and ^ with an integer exponent, folded to one number
 * (the same IEEE operation evaluation would do).
 * `0 * u` is 0 even where u is infinite or NaN: such a term is identically zero, and keeping
 * 0 * Infinity = NaN would stop a run for a term that is not there.
 *
 * Subgradients where the derivative is 0/0 (a kink reached exactly):
 * - abs: mathjs writes d|u| = u' abs(u)/u, which is 0/0 at u = 0. It becomes u' sign(u), with
 *   sign(0) = 0: 0 lies in the subdifferential [-1, 1] of |u| at 0 (the minimum-norm choice).
 *   Away from u = 0 the two are equal.
 * - sqrt: d sqrt(u) = u' / (2 sqrt(u)). Where u = 0 and u' = 0 (e.g. sqrt(x^2 + y^2) at the
 *   origin, the tip of a cone) this is 0/0; it becomes `divOr0(u', 2 sqrt(u))`, which is 0 there.
 *   Since sqrt(u) >= 0, u = 0 is a minimum of sqrt(u), and 0 is a subgradient at a minimum.
 *   Where u = 0 but u' != 0 (sqrt(x) at x = 0) the slope is really infinite and stays Infinity.
 * - Everything else is left as mathjs defines it: cbrt, nthRoot and fractional powers at 0
 *   (cbrt(x^3) has slope 1 at 0, so 0/0 -> 0 would be wrong there), and poles such as log at 0,
 *   where the gradient is infinite or NaN and a run stops with that reason.
 */

function num(node: MathNode): number | undefined {
  const m = formulaMath();
  return m.isConstantNode(node) && typeof node.value === "number" ? node.value : undefined;
}

function constant(v: number): MathNode {
  return new (formulaMath().ConstantNode)(v);
}

function negate(a: MathNode): MathNode {
  const m = formulaMath();
  const v = num(a);
  if (v !== undefined) return constant(-v);
  if (m.isOperatorNode(a) && a.fn === "unaryMinus") return a.args[0];
  return new m.OperatorNode("-", "unaryMinus", [a]);
}

function isFunction(node: MathNode, name: string): node is MathNode & { args: MathNode[] } {
  const m = formulaMath();
  return m.isFunctionNode(node) && node.fn.name === name && node.args.length === 1;
}

/** The kink rules above, tried on a division before its parts are simplified; undefined if none applies. */
function kink(a: MathNode, b: MathNode): MathNode | undefined {
  const m = formulaMath();
  if (isFunction(a, "abs") && a.args[0].equals(b)) return new m.FunctionNode("sign", [simplifyDerivative(b)]);
  if (m.isOperatorNode(b) && b.fn === "multiply" && b.args.length === 2 && num(b.args[0]) === 2 && isFunction(b.args[1], "sqrt")) {
    return new m.FunctionNode(DIV_OR_ZERO, [simplifyDerivative(a), simplifyDerivative(b)]);
  }
  return undefined;
}

function binary(op: string, fn: string, a: MathNode, b: MathNode): MathNode {
  const m = formulaMath();
  const x = num(a);
  const y = num(b);
  switch (fn) {
    case "add":
      if (x === 0) return b;
      if (y === 0) return a;
      if (x !== undefined && y !== undefined) return constant(x + y);
      if (m.isOperatorNode(b) && b.fn === "unaryMinus") return binary("-", "subtract", a, b.args[0]);
      break;
    case "subtract":
      if (y === 0) return a;
      if (x === 0) return negate(b);
      if (x !== undefined && y !== undefined) return constant(x - y);
      break;
    case "multiply":
      if (x === 0 || y === 0) return constant(0);
      if (x === 1) return b;
      if (y === 1) return a;
      if (x === -1) return negate(b);
      if (x !== undefined && y !== undefined) return constant(x * y);
      if (x !== undefined && m.isOperatorNode(b) && b.fn === "multiply" && b.args.length === 2) {
        const inner = num(b.args[0]);
        if (inner !== undefined) return binary("*", "multiply", constant(x * inner), b.args[1]);
      }
      break;
    case "divide":
      if (y === 1) return a;
      if (x === 0) return constant(0);
      if (x !== undefined && y !== undefined && y !== 0) return constant(x / y);
      break;
    case "pow":
      if (y === 1) return a;
      if (y === 0) return constant(1);
      if (x !== undefined && y !== undefined && Number.isInteger(y)) return constant(x ** y);
      break;
  }
  return new m.OperatorNode(op as "+", fn as "add", [a, b]);
}

/** Simplifies a derivative tree as described above; returns a new tree (the input is not changed). */
export function simplifyDerivative(node: MathNode): MathNode {
  const m = formulaMath();
  if (m.isParenthesisNode(node)) return simplifyDerivative(node.content);
  if (m.isFunctionNode(node)) return new m.FunctionNode(node.fn, node.args.map(simplifyDerivative));
  if (m.isOperatorNode(node)) {
    const args = node.args;
    if (args.length === 1) {
      const a = simplifyDerivative(args[0]);
      if (node.fn === "unaryPlus") return a;
      if (node.fn === "unaryMinus") return negate(a);
      return new m.OperatorNode(node.op, node.fn, [a]);
    }
    if (args.length === 2) {
      if (node.fn === "divide") {
        const k = kink(args[0], args[1]);
        if (k !== undefined) return k;
      }
      return binary(node.op, node.fn, simplifyDerivative(args[0]), simplifyDerivative(args[1]));
    }
    return new m.OperatorNode(node.op, node.fn, args.map(simplifyDerivative));
  }
  return node;
}
