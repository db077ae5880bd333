import { all, create, type MathJsInstance } from "mathjs";
import { realPow } from "./real-power";

/**
 * The one mathjs instance the typed formulas use, made on first use. `predictable: true` makes
 * sqrt(-1) and log(-1) NaN instead of complex numbers, so every evaluation returns a plain number.
 *
 * It has one function more than mathjs: `divOr0(a, b)` is a / b, except that 0 / 0 is 0. The
 * derivative of sqrt uses it (see simplify-derivative.ts): where sqrt(u) = 0 and u' = 0, sqrt(u)
 * is at its minimum, so its slope is taken as 0 instead of NaN.
 *
 * And one function is replaced: `x^y` on numbers is `realPow` (real-power.ts), which gives a
 * power of a negative base the same values mathjs's predictable mode gives ((-8)^(1/3) = -2,
 * (-8)^(2/3) = 4, (-8)^0.5 = NaN) in constant time; mathjs finds them with an exact fraction
 * search that costs milliseconds per call (9 ms a step on (x-2)^(1/3) + y^2).
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
    const original = m.pow;
    // Numbers take the fast path; anything else (never produced by a checked formula) keeps mathjs's.
    m.import({ pow: m.typed("pow", { "number, number": realPow, "any, any": (a: unknown, b: unknown) => original(a as number, b as number) }) }, { override: true });
    instance = m;
  }
  return instance;
}
