import { DescentInputError, show } from "../core/errors";

/**
 * The positional arguments of minimize and train, checked before anything else runs, so that
 * `train(model, data)` or a missing optimizer is one clear line naming the argument instead of
 * "Cannot read properties of undefined" from deep inside the loop.
 */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  objective: ["valueAndGradient"],
  model: ["lossAndGradient", "loss", "initParams"],
  optimizer: ["init", "step"],
};

export function checkLoopArguments(loop: string, args: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(args)) {
    const methods = NEEDS[name] ?? [];
    const ok =
      value !== null &&
      typeof value === "object" &&
      methods.every((m) => typeof (value as Record<string, unknown>)[m] === "function");
    if (!ok) {
      const got = value === null || typeof value !== "object" ? show(value) : `an object without ${methods.filter((m) => typeof (value as Record<string, unknown>)[m] !== "function").join(", ")}`;
      throw new DescentInputError(`${loop}: ${name} must be an object with ${methods.map((m) => `${m}()`).join(", ")}, got ${got}`);
    }
  }
}
