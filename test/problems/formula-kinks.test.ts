import { describe, expect, it } from "vitest";
import { DescentInputError } from "../../src/core/errors";
import { sgd } from "../../src/optimizers/index";
import { surfaceFromExpression } from "../../src/problems/index";
import { minimize } from "../../src/train/minimize";
import { analyticGradient } from "./helpers";

const grad = (text: string, x: number, y: number, start: readonly [number, number] = [0.5, 0.5]): number[] =>
  Array.from(analyticGradient(surfaceFromExpression(text, { start }), Float64Array.of(x, y)).grad);

describe("kinks (issue 5, class 5): a subgradient where the derivative is 0/0", () => {
  it("abs(x) + y^2 from (-1, 1) with sgd lr 0.25 lands exactly on x = 0 and goes on to (0, 0)", () => {
    const s = surfaceFromExpression("abs(x)+y^2", { start: [-1, 1] });
    const run = minimize(s, [-1, 1], sgd({ lr: 0.25 }), { steps: 30 });
    expect(run.stopped).toBeNull();
    expect(run.trajectory).toHaveLength(31);
    // x: -1, -0.75, -0.5, -0.25, then exactly 0, where sign(0) = 0 keeps it; y halves every step.
    expect(run.trajectory.slice(0, 6).map((p) => p[0])).toEqual([-1, -0.75, -0.5, -0.25, 0, 0]);
    expect(run.final[0]).toBe(0);
    expect(run.final[1]).toBe(2 ** -30);
    expect(run.loss.every(Number.isFinite)).toBe(true);
  });

  it("d|u| = u' sign(u): 0 at the kink, +-u' on either side", () => {
    expect(grad("abs(x)+y^2", 0, 1)).toEqual([0, 2]);
    expect(grad("abs(x)+y^2", -0.5, 1)).toEqual([-1, 2]);
    expect(grad("abs(x)+y^2", 2, 0)).toEqual([1, 0]);
    expect(grad("abs(x*y)", 0, 2)).toEqual([0, 0]);
    expect(grad("abs(x*y)", 1, -2)).toEqual([2, -1]); // (y sign(xy), x sign(xy)) with sign(-2) = -1
    expect(grad("abs(x - 1)^2 + abs(y)", 1, 0)).toEqual([0, 0]);
    expect(surfaceFromExpression("abs(x)+y^2").gradientExpressions.x).toBe("sign(x)");
  });

  it("sqrt(u) where u = 0 and u' = 0 (the tip of a cone) has slope 0; elsewhere its true slope", () => {
    expect(grad("sqrt(x^2 + y^2)", 0, 0)).toEqual([0, 0]);
    expect(grad("sqrt(x^2 + y^2)", 3, 4)).toEqual([0.6, 0.8]);
    expect(grad("sqrt(x^2)", 0, 0)).toEqual([0, 0]);
    expect(grad("sqrt(x^2)", -2, 0)).toEqual([-1, 0]);
  });

  it("where the slope is really infinite or undefined it stays so, and the start-point check says which", () => {
    // sqrt(x) at x = 0: a vertical tangent, not a kink.
    expect(grad("sqrt(x) + y", 0, 1, [1, 1])[0]).toBe(Infinity);
    // cbrt(x^3) = x has slope 1 at 0, so 0/0 -> 0 would be wrong: cbrt is left as mathjs defines it.
    expect(() => surfaceFromExpression("cbrt(x^3) + y^2", { start: [0, 1] })).toThrow(
      'the gradient of formula "cbrt(x^3) + y^2" is not finite at the start point (0, 1): df/dx = NaN; choose another start point',
    );
  });
});

describe("a formula that throws while evaluated (issue 5, class 3) is the user's error", () => {
  it("nthRoot(x,0)+y^2 names the formula and the point", () => {
    let err: unknown;
    try {
      surfaceFromExpression("nthRoot(x,0)+y^2");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DescentInputError);
    expect((err as Error).message).toBe(
      'formula "nthRoot(x,0)+y^2" cannot be evaluated at (x, y) = (-1.5, 1.5): Root must be non-zero',
    );
  });

  it("a formula that throws only at some points: value, f and valueAndGradient all say where", () => {
    const s = surfaceFromExpression("nthRoot(2, y) + x^2", { start: [1, 1] });
    expect(s.f(1, 1)).toBe(3);
    const message = 'formula "nthRoot(2, y) + x^2" cannot be evaluated at (x, y) = (1, 0): Root must be non-zero';
    expect(() => s.f(1, 0)).toThrow(message);
    expect(() => s.value(Float64Array.of(1, 0))).toThrow(DescentInputError);
    expect(() => s.valueAndGradient(Float64Array.of(1, 0), new Float64Array(2))).toThrow(message);
    // nthRoot of a negative number with an even root is refused by mathjs: also a DescentInputError.
    expect(() => surfaceFromExpression("nthRoot(x, 2)", { start: [-4, 0] })).toThrow(
      /^formula "nthRoot\(x, 2\)" cannot be evaluated at \(x, y\) = \(-4, 0\): Root must be odd when a is negative\.$/,
    );
  });
});
