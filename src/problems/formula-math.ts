import { all, create, type MathJsInstance } from "mathjs";

/**
 * The one mathjs instance the typed formulas use, made on first use. `predictable: true` makes
 * sqrt(-1) and log(-1) NaN instead of complex numbers, so every evaluation returns a plain number.
 *
 * It has one function more than mathjs: `divOr0(a, b)` is a / b, except that 0 / 0 is 0. The
 * derivative of sqrt uses it (see simplify-derivative.ts): where sqrt(u) = 0 and u' = 0, sqrt(u)
 * is at its minimum, so its slope is taken as 0 instead of NaN.
 */
let instance: MathJsInstance | undefined;

export const DIV_OR_ZERO = "divOr0";

function divOr0(a: number, b: number): number {
  return a === 0 && b === 0 ? 0 : a / b;
}

export function formulaMath(): MathJsInstance {
  if (instance === undefined) {
    const m = create(all, { predictable: true });
    m.import({ [DIV_OR_ZERO]: divOr0 });
    instance = m;
  }
  return instance;
}
