// The lessons' live cells (issue 14), loaded on the first Edit or Run (boot.ts): every code cell
// of a lesson can be edited (CodeMirror, as on the exercise pages) and run in the browser, in ONE
// session per page kept by the shared runner (runner/runner.ts Session; runner/cell-session.ts
// gives the cells tslab's semantics). Outputs render as the built page renders them (render.ts);
// Reset brings back the cell's text, its built outputs and a fresh session. Edits are kept in
// localStorage per lesson and cell; Share makes a link that carries an edited cell.
import type { EditorView } from "./editor";
import { Session, type ExecOutcome } from "../runner/runner";
import { renderBundle, streamOutput } from "./render";
import { drawPlot } from "../lesson-widgets";

/** Time limits a reader can pick (per cell); the running cell can also be given a minute more. */
const LIMITS_S = [30, 120, 600, 3600];
const EXTEND_MS = 60_000;
const TYPES_NOTE = "syntax checked; types are checked only in Jupyter";

interface LiveCell {
  el: HTMLElement;
  /** The notebook cell's index (data-cell). */
  index: number;
  /** The cell's text as the notebook has it. */
  src: string;
  code: HTMLElement;
  out: HTMLElement;
  built: Node[];
  status: HTMLElement;
  view?: EditorView;
  host?: HTMLElement;
  /** Text from a share link, shown until edited or reset (never saved unless edited). */
  shared?: string;
}

const storagePrefix = () => `descent:live:${location.pathname}:`;
const storageKey = (c: LiveCell) => `${storagePrefix()}${c.index}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage full or disabled: the cell still runs */
  }
}

const cells: LiveCell[] = Array.from(document.querySelectorAll<HTMLElement>(".live-cell")).map((el) => ({
  el,
  index: Number(el.dataset.cell),
  src: el.querySelector<HTMLTemplateElement>("template.live-src")?.content.textContent ?? "",
  code: el.querySelector<HTMLElement>(".expressive-code") ?? el.querySelector<HTMLElement>("pre")!,
  out: el.querySelector<HTMLElement>(".live-out")!,
  built: Array.from(el.querySelector<HTMLElement>(".live-out")!.childNodes).map((n) => n.cloneNode(true)),
  status: el.querySelector<HTMLElement>(".live-status")!,
}));

let session: Session | null = null;
const ran = new Set<number>();
let busy: LiveCell | null = null;
let limitS = LIMITS_S[0]!;

// ---- Toolbar ----------------------------------------------------------------------------------

function button(action: string, label: string, aria: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "live-btn";
  b.dataset.live = action;
  b.textContent = label;
  b.setAttribute("aria-label", aria);
  return b;
}

function upgradeBar(c: LiveCell): void {
  const bar = c.el.querySelector<HTMLElement>(".live-bar")!;
  if (bar.dataset.upgraded) return;
  bar.dataset.upgraded = "yes";
  const n = c.index;
  const stop = button("stop", "Stop", `Stop cell ${n}`);
  stop.hidden = true;
  const more = button("extend", "+1 min", `Give cell ${n} one more minute`);
  more.hidden = true;
  const limit = document.createElement("label");
  limit.className = "live-limit";
  limit.innerHTML = `Limit <select aria-label="Time limit for a cell">${LIMITS_S.map((s) => `<option value="${s}">${s < 60 ? `${s} s` : `${s / 60} min`}</option>`).join("")}</select>`;
  const select = limit.querySelector("select")!;
  select.value = String(limitS);
  select.addEventListener("change", () => {
    limitS = Number(select.value);
    for (const s of document.querySelectorAll<HTMLSelectElement>(".live-limit select")) s.value = select.value;
  });
  bar.insertBefore(button("above", "Run all above", `Run every cell above cell ${n} in a fresh session`), c.status);
  bar.insertBefore(button("reset", "Reset", `Reset cell ${n}: its text, its outputs and the session`), c.status);
  bar.insertBefore(button("share", "Share", `Copy a link to cell ${n} with its current text`), c.status);
  bar.insertBefore(stop, c.status);
  bar.insertBefore(more, c.status);
  bar.insertBefore(limit, c.status);
}

function setState(c: LiveCell, state: string, text: string): void {
  c.el.dataset.state = state;
  c.status.textContent = text;
  const running = state === "running";
  for (const b of c.el.querySelectorAll<HTMLButtonElement>('.live-btn[data-live="stop"], .live-btn[data-live="extend"]')) b.hidden = !running;
}

// ---- Editor -----------------------------------------------------------------------------------

type EditorModule = typeof import("./editor");
let editorModule: Promise<EditorModule> | null = null;
const loadEditor = () => (editorModule ??= import("./editor"));
/** Set once the editor module has loaded (marking an error needs it; a cell without an editor has none). */
let editorApi: EditorModule | null = null;

function currentCode(c: LiveCell): string {
  return c.view ? c.view.state.doc.toString() : (c.shared ?? read(storageKey(c)) ?? c.src);
}

async function openEditor(c: LiveCell, focus: boolean): Promise<EditorView> {
  if (c.view) {
    if (focus) c.view.focus();
    return c.view;
  }
  const api = (editorApi = await loadEditor());
  if (c.view) return c.view; // opened meanwhile by another click
  const host = document.createElement("div");
  host.className = "live-editor not-content";
  let saveTimer = 0;
  const view = api.createEditor({
    doc: currentCode(c),
    parent: host,
    label: `Code of cell ${c.index} (Shift+Enter runs it)`,
    onRun: () => void run(c),
    onChange: () => {
      c.shared = undefined;
      clearTimeout(saveTimer);
      saveTimer = window.setTimeout(() => save(c), 300);
    },
  });
  c.code.hidden = true;
  c.code.after(host);
  c.view = view;
  c.host = host;
  if (focus) view.focus();
  return view;
}

function save(c: LiveCell): void {
  if (!c.view) return;
  const text = c.view.state.doc.toString();
  write(storageKey(c), text === c.src ? null : text);
}
addEventListener("pagehide", () => {
  for (const c of cells) if (c.view && !c.shared) save(c);
});

// ---- Running ----------------------------------------------------------------------------------

function savedExercises(): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith("descent:exercise:")) out[k.slice("descent:exercise:".length)] = localStorage.getItem(k) ?? "";
    }
  } catch {
    /* storage disabled: the stubs are used */
  }
  return out;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Runs one cell in the session (opening one if needed); true when the cells after it may run. */
async function runOne(c: LiveCell): Promise<boolean> {
  if (!session || session.dead) {
    session = new Session();
    ran.clear();
  }
  const s = session;
  busy = c;
  c.out.replaceChildren();
  if (c.view && editorApi) editorApi.markLine(c.view, undefined);
  c.el.dataset.runs = String(Number(c.el.dataset.runs ?? 0) + 1); // tests wait for a new run's end by this
  setState(c, "running", "Running…");
  const displays = new Map<string, HTMLElement>();
  let stream: { name: string; pre: HTMLElement } | null = null;
  const t0 = performance.now();
  const outcome: ExecOutcome = await s.run(
    { kind: "cell", cell: c.index, code: currentCode(c), exercises: savedExercises() },
    {
      limitMs: limitS * 1000,
      onLog(m) {
        const name = m.level === "error" || m.level === "warn" ? "stderr" : "stdout";
        if (stream && stream.name === name && stream.pre.isConnected) stream.pre.textContent += `\n${m.text}`;
        else {
          const box = streamOutput(name, m.text);
          c.out.append(box);
          stream = { name, pre: box.querySelector("pre")! };
        }
      },
      onDisplay(m) {
        stream = null;
        const node = renderBundle(m.bundle);
        const old = m.displayId ? displays.get(m.displayId) : undefined;
        if (m.update && old) old.replaceWith(node);
        else c.out.append(node);
        if (m.displayId) displays.set(m.displayId, node);
      },
    },
  );
  busy = null;
  const wall = performance.now() - t0;
  // For the benchmark (scripts/site/live-bench.mjs): the click-to-end time and the cell's own.
  c.el.dataset.wallMs = String(Math.round(wall));
  c.el.dataset.ms = outcome.type === "cell-done" ? String(Math.round(outcome.ms)) : "";
  switch (outcome.type) {
    case "cell-done":
      ran.add(c.index);
      setState(c, "done", `Ran in ${seconds(outcome.ms)} (${seconds(wall)} with loading; ${TYPES_NOTE}).`);
      return true;
    case "cell-error": {
      ran.add(c.index);
      if (outcome.jupyterOnly) {
        const note = document.createElement("div");
        note.className = "nb-output live-jupyter-only";
        note.textContent = outcome.message;
        c.out.append(note);
        setState(c, "jupyter-only", "Runs only in Jupyter (see below).");
        return true; // the cells below that do not need it still run
      }
      const where = outcome.line ? ` (line ${outcome.line} of this cell)` : "";
      c.out.append(streamOutput("stderr", `${outcome.message}${where}`));
      if (outcome.line && c.view && editorApi) editorApi.markLine(c.view, outcome.line, outcome.message);
      setState(c, "error", `Failed${where}.`);
      return false;
    }
    case "timeout":
      setState(c, "timeout", `Stopped at the time limit (${seconds(outcome.limitMs)}); the session was reset. Raise the limit and run again.`);
      return false;
    case "stopped":
      setState(c, "stopped", "Stopped; the session was reset (the next Run runs the cells above first).");
      return false;
    case "crashed":
      setState(c, "error", `The worker stopped: ${outcome.message}`);
      return false;
    default:
      setState(c, "error", `Unexpected reply: ${outcome.type}`);
      return false;
  }
}

/** Runs `list` in order, stopping at the first cell that does not finish. */
async function runSeq(list: LiveCell[], target: LiveCell): Promise<boolean> {
  if (busy) {
    target.status.textContent = `Cell ${busy.index} is running: stop it or wait.`;
    return false;
  }
  for (const c of list) {
    upgradeBar(c);
    if (c !== target) setState(c, "queued", `Queued (to run cell ${target.index}).`);
  }
  for (const [k, c] of list.entries()) {
    if (!(await runOne(c))) {
      for (const rest of list.slice(k + 1)) setState(rest, "idle", rest === target ? `Not run: cell ${c.index} above did not finish.` : "");
      return false;
    }
  }
  return true;
}

/** Run: the cells above not yet run in this session, then this one (tslab needs them). */
export function run(c: LiveCell): Promise<boolean> {
  const fresh = !session || session.dead;
  const above = cells.filter((x) => x.index < c.index && (fresh || !ran.has(x.index)));
  return runSeq([...above, c], c);
}

/** Run all above: a fresh session brought to this cell. */
export function runAbove(c: LiveCell): Promise<boolean> {
  if (busy) return runSeq([], c);
  session?.stop();
  session = null;
  const above = cells.filter((x) => x.index < c.index);
  if (!above.length) {
    setState(c, "idle", "No cell above: the session is fresh.");
    return Promise.resolve(true);
  }
  return runSeq(above, c).then((ok) => {
    if (ok) setState(c, "idle", `The session is at this cell (${above.length} cell${above.length > 1 ? "s" : ""} above ran).`);
    return ok;
  });
}

function reset(c: LiveCell): void {
  if (busy) session?.stop();
  session?.stop();
  session = null;
  ran.clear();
  c.shared = undefined;
  write(storageKey(c), null);
  if (c.view) {
    editorApi?.destroyEditor(c.view);
    c.host?.remove();
    c.view = undefined;
    c.host = undefined;
  }
  c.code.hidden = false;
  c.out.replaceChildren(...c.built.map((n) => n.cloneNode(true)));
  for (const p of c.out.querySelectorAll<HTMLElement>(".nb-plot[data-figure]")) void drawPlot(p);
  setState(c, "idle", "Reset: the notebook's text and outputs, and a fresh session.");
}

// ---- Share links: #live=<cell>.<base64url of the text> ------------------------------------------

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

export function shareLink(c: LiveCell): string {
  return `${location.origin}${location.pathname}#live=${c.index}.${toBase64Url(currentCode(c))}`;
}

async function share(c: LiveCell): Promise<void> {
  const url = shareLink(c);
  history.replaceState(null, "", url);
  try {
    await navigator.clipboard.writeText(url);
    c.status.textContent = "Link copied: it opens this lesson with this cell's text.";
  } catch {
    c.status.textContent = "The link to this cell is in the address bar.";
  }
}

/** Opens the cell a share link carries (not run: the reader runs it). */
export function openShared(): void {
  const m = /[#&]live=(\d+)\.([\w-]*)/.exec(location.hash);
  if (!m) return;
  const c = cells.find((x) => x.index === Number(m[1]));
  if (!c) return;
  let text: string;
  try {
    text = fromBase64Url(m[2]!);
  } catch {
    c.status.textContent = "The shared link's text could not be read; the lesson's is shown.";
    return;
  }
  c.shared = text;
  upgradeBar(c);
  void openEditor(c, false).then(() => c.el.scrollIntoView({ block: "center" }));
  setState(c, "idle", "Opened from a shared link (Reset restores the lesson's text).");
}

/** Opens an editor on every cell the reader edited before (kept in localStorage). */
export function restoreSaved(): void {
  for (const c of cells) {
    if (read(storageKey(c)) === null || c.view) continue;
    upgradeBar(c);
    void openEditor(c, false);
    setState(c, "idle", "Your edited text (Reset restores the lesson's).");
  }
}

/** A click on a cell's button (boot.ts delegates every .live-btn click here). */
export function handle(el: HTMLElement, action: string): void {
  const c = cells.find((x) => x.el === el);
  if (!c) return;
  upgradeBar(c);
  switch (action) {
    case "edit":
      void openEditor(c, true);
      if (busy !== c) c.status.textContent = `Editing: Shift+Enter runs (${TYPES_NOTE}).`;
      break;
    case "run":
      void run(c);
      break;
    case "above":
      void runAbove(c);
      break;
    case "reset":
      reset(c);
      break;
    case "stop":
      session?.stop();
      break;
    case "extend":
      session?.extend(EXTEND_MS);
      if (busy) busy.status.textContent = "Running… (one more minute given)";
      break;
    case "share":
      void share(c);
      break;
  }
}

/** For the tests and the benchmark: the page's cells in order and a way to run them. */
(window as unknown as { __live?: unknown }).__live = {
  cells: () => cells.map((c) => c.index),
  run: (index: number) => run(cells.find((c) => c.index === index)!),
  setLimit: (s: number) => (limitS = s),
};
