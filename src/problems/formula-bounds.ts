import type { MathNode } from "mathjs";
import { DescentInputError, show } from "../core/errors";

/**
 * Size bounds on a typed formula, so that parsing, differentiating and compiling it take a small,
 * predictable time whatever a user types (the playground runs all three on every keystroke).
 *
 * Why these bounds suffice: differentiation (mathjs `derivative` with `simplify: false`, then the
 * one-pass `simplifyDerivative`) copies a subtree at most a few times per level above it, so the
 * derivative of a tree of n nodes and depth h has O(n h) nodes and is built in O(n h) time; n and h
 * are bounded below, and the derivative's own size is checked against MAX_DERIVATIVE_NODES before
 * it is compiled. mathjs's default `simplify` is NOT used: it searches rewrite rules and takes
 * minutes on `x+x+...+x` (30 terms). Brackets are limited before parsing because mathjs's
 * recursive-descent parser spends about twenty stack frames per bracket level (its stack
 * overflows near 260 levels in Node).
 *
 * Measured on the project machine (Node 20, 2-core VM, heavily loaded, load average 15), median
 * of 7 builds including printing both derivatives: the worst accepted formula found (20 terms
 * x^y^x summed) builds in 38 ms (12 ms at best), one step of valueAndGradient on any of them
 * costs at most 0.4 ms ((x+y)*(x+y)*... with 25 factors), and a refused one takes at most 26 ms
 * (refusals by length, nesting or node count take under 1 ms). Before: x+x+...+x (30 terms)
 * took minutes. test/problems/formula-bounds.test.ts checks the bounds on generated formulas.
 */

/** Longest formula accepted, in characters (checked first, before anything else reads it). */
export const MAX_FORMULA_LENGTH = 2000;
/** Deepest bracket nesting accepted, e.g. `((((x))))` has 4; checked on the text before parsing. */
export const MAX_FORMULA_NESTING = 40;
/** Most nodes (numbers, variables, operators, functions, brackets) in the parsed formula. */
export const MAX_FORMULA_NODES = 300;
/** Deepest parsed formula tree, e.g. `-(-(-x))` or a chain `x*x*...*x` of that many factors. */
export const MAX_FORMULA_DEPTH = 60;
/** Most nodes in one partial derivative after simplification (what is evaluated at every step). */
export const MAX_DERIVATIVE_NODES = 2000;

/** The formula for a message: whole when short, else its start and its length. One line always. */
export function quoteFormula(text: string): string {
  if (text.length <= 60) return show(text);
  return `${show(text.slice(0, 40))}... (${text.length} characters)`;
}

/**
 * Checks length and bracket nesting on the raw text, so a deeply nested formula is refused before
 * mathjs's parser recurses into it. Quotes are not special: a string is refused later anyway.
 */
export function checkFormulaText(text: string): void {
  if (text.length > MAX_FORMULA_LENGTH) {
    throw new DescentInputError(
      `formula ${quoteFormula(text)} is too long: ${text.length} characters, the limit is ${MAX_FORMULA_LENGTH}`,
    );
  }
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      // ( [ {
      depth++;
      if (depth > MAX_FORMULA_NESTING) {
        throw new DescentInputError(
          `formula ${quoteFormula(text)} nests brackets more than ${MAX_FORMULA_NESTING} deep ` +
            `(at character ${i + 1}); the limit is ${MAX_FORMULA_NESTING} levels`,
        );
      }
    } else if (c === 41 || c === 93 || c === 125) {
      // ) ] }: unbalanced ones are the parser's to report
      if (depth > 0) depth--;
    }
  }
}

/** Number of nodes and depth of a tree, without recursion (the tree is not trusted to be shallow). */
export function treeSize(root: MathNode, stopAbove = Infinity): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack: MathNode[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop() as MathNode;
    const d = depths.pop() as number;
    nodes++;
    if (d > depth) depth = d;
    if (nodes > stopAbove) break;
    node.forEach((child) => {
      stack.push(child);
      depths.push(d + 1);
    });
  }
  return { nodes, depth };
}

/** Checks the parsed formula's size and depth against MAX_FORMULA_NODES and MAX_FORMULA_DEPTH; returns its node count. */
export function checkFormulaTree(text: string, node: MathNode): number {
  const { nodes, depth } = treeSize(node);
  if (nodes > MAX_FORMULA_NODES) {
    throw new DescentInputError(
      `formula ${quoteFormula(text)} is too large: ${nodes} nodes (numbers, variables, operators, functions), ` +
        `the limit is ${MAX_FORMULA_NODES}`,
    );
  }
  if (depth > MAX_FORMULA_DEPTH) {
    throw new DescentInputError(
      `formula ${quoteFormula(text)} nests too deeply: depth ${depth}, the limit is ${MAX_FORMULA_DEPTH} ` +
        `(a chain such as x*x*...*x or -(-(...)) counts one level per operator; write x^30 instead)`,
    );
  }
  return nodes;
}

/**
 * Checks one partial derivative's size against MAX_DERIVATIVE_NODES, or, with `slack`, the raw
 * derivative (before simplification, which only shrinks it) against slack times that limit.
 * Returns the node count.
 */
export function checkDerivativeSize(text: string, variable: string, node: MathNode, slack = 1): number {
  const limit = MAX_DERIVATIVE_NODES * slack;
  const { nodes } = treeSize(node, limit);
  if (nodes > limit) {
    throw new DescentInputError(
      `formula ${quoteFormula(text)} has a derivative with respect to ${variable} of more than ` +
        `${MAX_DERIVATIVE_NODES} nodes, the limit; write it more compactly (e.g. x^30 instead of x*x*...*x)`,
    );
  }
  return nodes;
}
