import { showCheck, type CheckExports } from "./check-report";

export { checkReport, type CheckReport } from "./check-report";

/**
 * `check` for notebook cells: runs an exercise's VISIBLE tests on the student's function in this
 * process (the kernel) and shows the report as ONE output carrying text/html (a table with each
 * failing test's input, expected, got and the likely mistake) and a text/plain fallback.
 *
 * ```ts
 * import { check } from "./src/grader/check-node";
 * await check("adam", adamStep);                          // one export
 * await check("schedules", { stepDecay, sgdrRate });      // several
 * ```
 *
 * Self-contained on purpose: tslab is never imported; its display writer is looked up in Node's
 * module cache only when running inside a tslab kernel, and outside one the text is printed.
 * In-process means an infinite loop in the student's function blocks the cell (interrupt the
 * kernel); `descent grade` runs the same tests in a sandbox with a time limit.
 */

type WriteDisplayData = (data: { data: Record<string, string>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

function tslabWriter(): WriteDisplayData | undefined {
  const cache = typeof require === "function" ? require.cache : undefined;
  if (!cache) return undefined;
  for (const [file, mod] of Object.entries(cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file) && mod) {
      const writer = (mod.exports as { lastWriteDisplayData?: unknown }).lastWriteDisplayData;
      if (typeof writer === "function") return writer as WriteDisplayData;
    }
  }
  return undefined;
}

/** Runs the visible tests of exercise `name` on `exports` and displays the report. */
export async function check(name: string, exports: CheckExports): Promise<void> {
  await showCheck(name, exports, (bundle) => {
    const writer = tslabWriter();
    if (writer) writer({ data: bundle, metadata: {}, transient: {} }, false);
    else console.log(bundle["text/plain"]);
  });
}
