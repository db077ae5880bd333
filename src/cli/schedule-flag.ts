import { DescentInputError, show } from "../core/errors";
import { scheduleInfo, SCHEDULE_NAMES } from "../schedules/index";
import { parseNumber } from "./args";
import { closest } from "./suggest";

/**
 * `--schedule NAME[:key=value,...]`, e.g. `cosine:tMax=100,lrMin=0.001`. The options go into a
 * Map, not an object, so a key such as `__proto__` or `constructor` is an ordinary unknown name;
 * a key given twice, or one the schedule does not read, is refused with the keys it does read.
 */
export interface ScheduleFlag {
  readonly name: string;
  readonly options: ReadonlyMap<string, number>;
}

export function parseScheduleFlag(text: string): ScheduleFlag {
  const colon = text.indexOf(":");
  const name = (colon === -1 ? text : text.slice(0, colon)).trim();
  if (!(SCHEDULE_NAMES as readonly string[]).includes(name)) {
    const hint = closest(name, SCHEDULE_NAMES);
    throw new DescentInputError(
      `unknown schedule ${show(name)}; expected one of ${SCHEDULE_NAMES.join(", ")}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
    );
  }
  const accepts = scheduleInfo(name).accepts;
  const options = new Map<string, number>();
  const rest = colon === -1 ? "" : text.slice(colon + 1);
  if (rest.trim() === "") return { name, options };
  for (const pair of rest.split(",")) {
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair.trim() : pair.slice(0, eq).trim();
    if (eq <= 0 || key === "") {
      throw new DescentInputError(`--schedule expects NAME:key=value,..., got ${show(text)} (at ${show(pair)})`);
    }
    if (!accepts.includes(key)) {
      const hint = closest(key, accepts);
      throw new DescentInputError(
        `unknown option ${show(key)} for schedule ${show(name)}; it accepts ${accepts.join(", ")}${hint ? ` (did you mean ${show(hint)}?)` : ""}`,
      );
    }
    if (options.has(key)) throw new DescentInputError(`--schedule gives ${show(key)} twice in ${show(text)}`);
    options.set(key, parseNumber(`schedule ${name}:${key}`, pair.slice(eq + 1)));
  }
  return { name, options };
}
