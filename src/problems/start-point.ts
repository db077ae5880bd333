import { DescentInputError, show } from "../core/errors";
import { quoteFormula } from "./formula-bounds";
import type { Objective } from "./objective";

/**
 * The check every run makes on the start point it actually uses (not a default): x0 has the
 * objective's dimension, its entries are finite, and J(x0) and every component of grad J(x0) are
 * finite numbers. Otherwise a DescentInputError names the point and what is not finite, e.g.
 * `the start point (1e308, 1e308) is not usable for surface "rosenbrock": f = Infinity there`.
 * Works for any Objective: surfaces, typed formulas, least squares, models. Allocates one
 * gradient buffer per call (it runs once per run, not per step).
 */
export function checkStartPoint(objective: Objective, x0: ArrayLike<number>): void {
  const what = describeObjective(objective);
  if (typeof x0 !== "object" || x0 === null || typeof x0.length !== "number") {
    throw new DescentInputError(`the start point for ${what} must be an array of ${objective.dim} numbers, got ${show(x0)}`);
  }
  if (x0.length !== objective.dim) {
    throw new DescentInputError(
      `the start point for ${what} must have ${objective.dim} coordinate${objective.dim === 1 ? "" : "s"}, got ${x0.length}`,
    );
  }
  for (let i = 0; i < x0.length; i++) {
    const v: unknown = x0[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new DescentInputError(`the start point for ${what} must be finite: coordinate ${i} is ${show(v)}`);
    }
  }
  const theta = Float64Array.from(x0);
  const grad = new Float64Array(objective.dim);
  const at = `at the start point ${formatPoint(theta)}`;
  const value = objective.valueAndGradient(theta, grad);
  const f = objective.name === "least-squares" ? "J" : "f";
  if (!Number.isFinite(value)) {
    throw new DescentInputError(`${what} is not a finite real number ${at}: ${f} = ${value}; choose another start point`);
  }
  for (let i = 0; i < grad.length; i++) {
    if (!Number.isFinite(grad[i])) {
      throw new DescentInputError(
        `the gradient of ${what} is not finite ${at}: ${componentName(objective, i)} = ${grad[i]}; choose another start point`,
      );
    }
  }
}

/** `formula "x^2"`, `surface "rosenbrock"` or `the least-squares loss`, for messages. */
export function describeObjective(objective: Objective): string {
  const expression = (objective as { expression?: unknown }).expression;
  if (objective.name === "expression" && typeof expression === "string") {
    return `formula ${quoteFormula(expression)}`;
  }
  if (objective.name === "least-squares") return "the least-squares loss";
  return `${objective.dim === 2 && typeof expression === "string" ? "surface" : "objective"} ${show(objective.name)}`;
}

function componentName(objective: Objective, i: number): string {
  if (objective.dim === 2 && objective.name !== "least-squares") return i === 0 ? "df/dx" : "df/dy";
  return `component ${i}`;
}

/** (x, y) in full for small dimensions; the first five coordinates and the count otherwise. */
export function formatPoint(p: ArrayLike<number>): string {
  const parts: string[] = [];
  const shown = Math.min(p.length, p.length > 6 ? 5 : 6);
  for (let i = 0; i < shown; i++) parts.push(String(p[i]));
  return p.length > shown ? `(${parts.join(", ")}, ... ${p.length} coordinates)` : `(${parts.join(", ")})`;
}
