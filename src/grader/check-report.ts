import { checkExports } from "./check";
import { exerciseHtml, exerciseText } from "./feedback";
import type { ExerciseResult } from "./types";

/**
 * What `check(name, exports)` shows, in Jupyter (check-node.ts) and in a lesson's live cells
 * (check-browser.ts): the exercise's VISIBLE tests run on the reader's function, reported as ONE
 * output carrying text/html (a table with each failing test's input, expected, got and the likely
 * mistake) and a text/plain fallback. The two files differ only in where the output goes.
 */

export interface CheckReport {
  readonly result: ExerciseResult;
  readonly html: string;
  readonly text: string;
}

export type CheckExports = Record<string, unknown> | ((...args: never[]) => unknown);

/** Runs the visible tests and returns the report in both renderings (no display). */
export async function checkReport(name: string, exports: CheckExports): Promise<CheckReport> {
  const result = await checkExports(name, exports);
  return { result, html: exerciseHtml(result), text: exerciseText(result) };
}

/** Runs the visible tests of exercise `name` on `exports` and hands the report to `show`. */
export async function showCheck(name: string, exports: CheckExports, show: (bundle: { "text/html": string; "text/plain": string }) => void): Promise<void> {
  let report: CheckReport;
  try {
    report = await checkReport(name, exports);
  } catch (error) {
    // A wrong exercise name or export list: one clear line, not a stack trace in the cell.
    console.log(`check: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  show({ "text/html": report.html, "text/plain": report.text });
}
