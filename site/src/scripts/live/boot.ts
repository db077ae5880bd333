// The lesson page's only live-cell code loaded up front: it wires the cells' Edit and Run
// buttons and imports the runtime (cells.ts: editor, runner, rendering) on the first click, or at
// once when the page was opened from a share link (#live=...). Lighthouse sees a few hundred bytes.
type Cells = typeof import("./cells");

let loading: Promise<Cells> | null = null;
const load = (): Promise<Cells> => (loading ??= import("./cells"));

export function wireLiveCells(): void {
  const cells = document.querySelectorAll<HTMLElement>(".live-cell");
  if (!cells.length) return;
  document.addEventListener("click", (e) => {
    const btn = (e.target as Element | null)?.closest<HTMLButtonElement>(".live-cell .live-btn");
    if (!btn) return;
    const cell = btn.closest<HTMLElement>(".live-cell")!;
    const status = cell.querySelector<HTMLElement>(".live-status");
    if (status && !loading) status.textContent = "Loading the live cells…";
    void load().then(
      (m) => m.handle(cell, btn.dataset.live ?? "run"),
      (err) => {
        if (status) status.textContent = `The live cells could not load: ${err instanceof Error ? err.message : String(err)}`;
      },
    );
  });
  // The reader's edits from an earlier visit are shown again (this needs the editor: load it).
  let edited = false;
  try {
    const prefix = `descent:live:${location.pathname}:`;
    for (let i = 0; i < localStorage.length && !edited; i++) edited = localStorage.key(i)!.startsWith(prefix);
  } catch {
    /* storage disabled */
  }
  if (edited) void load().then((m) => m.restoreSaved());
  if (/[#&]live=/.test(location.hash)) void load().then((m) => m.openShared());
}
