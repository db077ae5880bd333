import { DescentInputError, show } from "../core/errors";
import { optimizerInfo, OPTIMIZER_NAMES } from "../optimizers/index";
import { CONVENTIONS } from "../optimizers/optimizer";
import { getSurface, SURFACE_NAMES } from "../problems/surfaces/index";
import { scheduleInfo, SCHEDULE_NAMES } from "../schedules/index";
import { stringFlag, type ParsedArgs } from "./args";
import { flagFor } from "./hyperparameters";

export const LIST_HELP = `descent list: the optimizers (with their defaults in each convention), problems and schedules

  --format text|json      text (default) or one JSON object`;

function formatValue(v: unknown): string {
  return Array.isArray(v) ? v.join(",") : String(v);
}

/** Builds the catalogue once, for both the text and the JSON forms. */
function catalogue() {
  return {
    optimizers: OPTIMIZER_NAMES.map((name) => ({
      name,
      summary: optimizerInfo(name, "seed").summary,
      defaults: Object.fromEntries(CONVENTIONS.map((c) => [c, optimizerInfo(name, c).defaults])),
    })),
    problems: [
      ...SURFACE_NAMES.map((name) => {
        const s = getSurface(name);
        return { name, title: s.title, expression: s.expression, minima: s.minima, start: s.start };
      }),
      { name: "least-squares", title: "Least squares on a data file", expression: "1/2 mean((Xw - y)^2)", minima: [], start: [] },
    ],
    schedules: SCHEDULE_NAMES.map((name) => {
      const info = scheduleInfo(name);
      return { name, summary: info.summary, defaults: info.defaults };
    }),
  };
}

export function listCommand(args: ParsedArgs): string {
  for (const name of args.flags.keys()) {
    if (name !== "format" && name !== "help") throw new DescentInputError(`unknown option --${name} for "descent list"`);
  }
  const format = stringFlag(args.flags, "format") ?? "text";
  if (format !== "text" && format !== "json") {
    throw new DescentInputError(`--format must be text or json, got ${show(format)}`);
  }
  const cat = catalogue();
  if (format === "json") return JSON.stringify(cat, null, 2);

  const lines: string[] = ["Optimizers (descent run --optimizer NAME; defaults: seed convention | pytorch convention)"];
  for (const o of cat.optimizers) {
    lines.push(`  ${o.name.padEnd(9)} ${o.summary}`);
    for (const c of CONVENTIONS) {
      const d = Object.entries(o.defaults[c])
        .map(([k, v]) => `${flagFor(k)} ${formatValue(v)}`)
        .join("  ");
      lines.push(`  ${"".padEnd(9)}   ${c.padEnd(7)}  ${d || "(no hyperparameters)"}`);
    }
  }
  lines.push("", "Problems (descent run --problem NAME, or --expr \"FORMULA\")");
  for (const p of cat.problems) {
    const minima = p.minima.length ? `  minima: ${p.minima.map((m) => `(${m.x}, ${m.y})`).join(" ")}` : "";
    lines.push(`  ${p.name.padEnd(13)} ${p.title}: ${p.expression}${minima}`);
  }
  lines.push("", "Schedules (descent run --schedule NAME:key=value,...)");
  for (const s of cat.schedules) {
    const d = Object.entries(s.defaults).map(([k, v]) => `${k}=${v}`).join(",");
    lines.push(`  ${s.name.padEnd(13)} ${s.summary}${d ? `  [${d}]` : ""}`);
  }
  return lines.join("\n");
}
