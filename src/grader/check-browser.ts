import { writeBundle } from "../notebook/display-browser";
import { checkExports } from "./check";
import { exerciseHtml, exerciseText } from "./feedback";
import type { ExerciseResult } from "./types";

/**
 * `check` for a lesson page's live cells (check-node.ts's counterpart): the exercise's VISIBLE
 * tests on the reader's function, shown as one output (the same HTML table and text fallback as in
 * Jupyter), written through the live cells' display sink (display-browser.ts).
 *
 *   import { check } from "./src/grader/check-node";   // a live cell gets this file
 *   await check("adam", adamStep);
 */

export interface CheckReport {
  readonly result: ExerciseResult;
  readonly html: string;
  readonly text: string;
}

export async function checkReport(name: string, exports: Record<string, unknown> | ((...args: never[]) => unknown)): Promise<CheckReport> {
  const result = await checkExports(name, exports);
  return { result, html: exerciseHtml(result), text: exerciseText(result) };
}

export async function check(name: string, exports: Record<string, unknown> | ((...args: never[]) => unknown)): Promise<void> {
  let report: CheckReport;
  try {
    report = await checkReport(name, exports);
  } catch (error) {
    console.log(`check: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  writeBundle({ "text/html": report.html, "text/plain": report.text });
}
