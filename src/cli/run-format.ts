import type { CliIo } from "./output";
import type { RecordedRun } from "./recorder";

/**
 * Prints a recorded run as JSON or CSV, row by row through `io.out`, so the text of a long run is
 * never built as one string (a million rows of JSON would be over 60 MB in one string).
 */

/** What ran, printed before the rows: every number here is one the run actually used. */
export interface RunHeader {
  readonly problem: string;
  readonly optimizer: string;
  readonly convention: string;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** The schedule with its resolved options, or null when the learning rate was constant. */
  readonly schedule: { readonly name: string; readonly options: Readonly<Record<string, number>> } | null;
  readonly steps: number;
  readonly recordEvery: number;
}

/** Loss values per JSON line: long enough to be few lines, short enough to be a small string. */
const LOSS_PER_LINE = 1000;

/** JSON cannot hold NaN or Infinity: they become null (the run's `stopped` says why). */
function num(v: number): string {
  return Number.isFinite(v) ? String(v) : "null";
}

/**
 * One JSON object; each trajectory row on its own line (JSON allows the whitespace):
 * {"problem": ..., "recordEvery": k, "step": [...], "trajectory": [[...], ...], "loss": [...], "stopped"?: {...}}
 */
export function writeJson(io: CliIo, header: RunHeader, run: RecordedRun, stopped: { step: number; reason: string } | null): void {
  const head = JSON.stringify(header);
  io.out(`${head.slice(0, -1)},"step":[`);
  writeNumberLines(io, run.steps, run.rows);
  io.out(`],"trajectory":[`);
  const { dim, values } = run;
  for (let r = 0; r < run.rows; r++) {
    const cells: string[] = new Array<string>(dim);
    for (let j = 0; j < dim; j++) cells[j] = num(values[r * dim + j]);
    io.out(`[${cells.join(",")}]${r + 1 < run.rows ? "," : ""}`);
  }
  io.out(`],"loss":[`);
  writeNumberLines(io, run.loss, run.rows);
  io.out(`]${stopped ? `,"stopped":${JSON.stringify(stopped)}` : ""}}`);
}

function writeNumberLines(io: CliIo, values: Float64Array, count: number): void {
  for (let start = 0; start < count; start += LOSS_PER_LINE) {
    const end = Math.min(count, start + LOSS_PER_LINE);
    const cells: string[] = [];
    for (let i = start; i < end; i++) cells.push(num(values[i]));
    io.out(`${cells.join(",")}${end < count ? "," : ""}`);
  }
}

/** CSV: a header `step,x,y,loss` (or theta0..theta{d-1} beyond 2-D), then one row per kept point. */
export function writeCsv(io: CliIo, run: RecordedRun): void {
  const { dim, values } = run;
  const names = dim === 2 ? ["x", "y"] : Array.from({ length: dim }, (_, i) => `theta${i}`);
  io.out(["step", ...names, "loss"].join(","));
  const cells: string[] = new Array<string>(dim + 2);
  for (let r = 0; r < run.rows; r++) {
    cells[0] = String(run.steps[r]);
    for (let j = 0; j < dim; j++) cells[j + 1] = String(values[r * dim + j]);
    cells[dim + 1] = String(run.loss[r]);
    io.out(cells.join(","));
  }
}
