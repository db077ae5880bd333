import { writeBundle } from "../notebook/display-browser";
import { showCheck, type CheckExports } from "./check-report";

export { checkReport, type CheckReport } from "./check-report";

/**
 * `check` for a lesson page's live cells (check-node.ts's counterpart): the exercise's VISIBLE
 * tests on the reader's function, shown as one output (the same HTML table and text fallback as in
 * Jupyter), written through the live cells' display sink (display-browser.ts).
 *
 *   import { check } from "./src/grader/check-node";   // a live cell gets this file
 *   await check("adam", adamStep);
 */

export async function check(name: string, exports: CheckExports): Promise<void> {
  await showCheck(name, exports, (bundle) => writeBundle(bundle));
}
