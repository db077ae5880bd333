import { expect } from "vitest";
import type { Figure } from "../../src/plot/plotly-types";

/** The figure survives JSON unchanged: no NaN/Infinity (JSON.stringify would turn them into null), no undefined, no functions. */
export function expectValidJson(fig: Figure): void {
  const text = JSON.stringify(fig);
  expect(text).not.toMatch(/NaN|Infinity/);
  expect(JSON.parse(text)).toEqual(fig);
  const walk = (v: unknown): void => {
    if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(fig);
}

/** Rosenbrock, written here so the plot tests do not depend on src/problems. */
export const rosenbrock = {
  title: "Rosenbrock",
  f: (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  domain: { x: [-2, 2] as const, y: [-1, 3] as const },
  minima: [{ x: 1, y: 1 }],
  saddles: [],
};
