import { DescentInputError, show } from "../../core/errors";
import type { Surface2D } from "../objective";
import { beale } from "./beale";
import { himmelblau } from "./himmelblau";
import { longValley } from "./long-valley";
import { rastrigin } from "./rastrigin";
import { rosenbrock } from "./rosenbrock";
import { saddle } from "./saddle";

export { rosenbrock, type RosenbrockOptions } from "./rosenbrock";
export { beale } from "./beale";
export { saddle } from "./saddle";
export { longValley, type LongValleyOptions } from "./long-valley";
export { himmelblau } from "./himmelblau";
export { rastrigin, type RastriginOptions } from "./rastrigin";

export type SurfaceName = "rosenbrock" | "beale" | "saddle" | "long-valley" | "himmelblau" | "rastrigin";

/** Every built-in surface, in the order the course uses them. */
export const SURFACE_NAMES: readonly SurfaceName[] = [
  "rosenbrock",
  "beale",
  "saddle",
  "long-valley",
  "himmelblau",
  "rastrigin",
];

/** The options each surface reads (an empty list: it takes none). */
export const SURFACE_OPTIONS: Readonly<Record<SurfaceName, readonly string[]>> = {
  rosenbrock: ["a", "b"],
  beale: [],
  saddle: [],
  "long-valley": ["kappa", "angle"],
  himmelblau: [],
  rastrigin: ["A"],
};

/**
 * A built-in surface by name, e.g. `getSurface("long-valley", { kappa: 100 })`.
 * An unknown name is a DescentInputError listing the names; an unknown or out-of-range option
 * is a RangeError naming it.
 */
export function getSurface(name: string, options: Record<string, number> = {}): Surface2D {
  const o = { ...options };
  switch (name) {
    case "rosenbrock":
      return rosenbrock(o);
    case "beale":
      return beale(o as Record<string, never>);
    case "saddle":
      return saddle(o as Record<string, never>);
    case "long-valley":
      return longValley(o);
    case "himmelblau":
      return himmelblau(o as Record<string, never>);
    case "rastrigin":
      return rastrigin(o);
    default:
      throw new DescentInputError(
        `unknown surface ${show(name)}; expected one of ${SURFACE_NAMES.map((n) => show(n)).join(", ")}`,
      );
  }
}
