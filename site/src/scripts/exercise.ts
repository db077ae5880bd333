// An exercise page: CodeMirror 6 with the student's code (saved in localStorage as they type),
// and Run, which does what `descent grade` does, on the visible tests, through the runner
// (scripts/runner/): first the grader's strict type check (the TypeScript compiler in a worker,
// loaded on the first Run), then the tests in a fresh worker with the grader's checker. A syntax
// or type error fails every test, as the grader scores it, and is marked at its line in the
// editor; console output is shown. A run that does not answer within TIME_LIMIT_MS is stopped
// by terminating its worker (an infinite loop cannot be interrupted any other way).
import { EditorView, basicSetup } from "codemirror";
import { javascript } from "@codemirror/lang-javascript";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Compartment } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { check, execute, type ExecOutcome, type FileDiagnostic } from "./runner/runner";
import { formatDiagnostic, typeErrorMessage } from "../../../src/grader/typecheck-options";
import type { CaseResult } from "../../../src/grader/types";

export const TIME_LIMIT_MS = 5000;

const TODO_TEXT = "not done yet: the stub still throws TODO";

function feedbackText(c: CaseResult): string {
  if (c.status === "passed") return "";
  const lines = [c.message];
  if (c.expected !== undefined) lines.push(`expected: ${c.expected}`);
  if (c.got !== undefined) lines.push(`got:      ${c.got}`);
  if (c.logs) lines.push(`your console output: ${c.logs}`);
  return lines.join("\n");
}

export function startExercise(root: HTMLElement): void {
  const name = root.dataset.name!;
  const file = root.dataset.file!;
  const key = root.dataset.storageKey!;
  const stub = root.querySelector<HTMLTextAreaElement>(".ex-stub")!.value;
  const status = root.querySelector<HTMLElement>(".ex-status")!;
  const runBtn = root.querySelector<HTMLButtonElement>(".ex-run")!;
  const resetBtn = root.querySelector<HTMLButtonElement>(".ex-reset")!;
  const items = Array.from(root.querySelectorAll<HTMLLIElement>(".ex-results li"));

  let saved: string | null = null;
  try { saved = localStorage.getItem(key); } catch { /* storage disabled: the editor still works */ }
  let saveTimer = 0;
  // The editor follows the site's theme switch (Starlight sets data-theme on <html>).
  const theme = new Compartment();
  const dark = () => document.documentElement.dataset.theme === "dark";
  const host = root.querySelector<HTMLElement>(".ex-editor")!;
  host.textContent = ""; // the static listing shown until the editor is ready
  const view = new EditorView({
    doc: saved ?? stub,
    parent: host,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      lintGutter(), // a syntax or type error gets a marker beside its line number
      theme.of(dark() ? oneDark : []),
      EditorView.contentAttributes.of({ "aria-label": `exercises/${root.dataset.file}` }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        clearTimeout(saveTimer);
        saveTimer = window.setTimeout(() => {
          try { localStorage.setItem(key, view.state.doc.toString()); } catch { /* full or disabled */ }
        }, 300);
      }),
    ],
  });
  new MutationObserver(() => view.dispatch({ effects: theme.reconfigure(dark() ? oneDark : []) })).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme"],
  });
  // Save on leaving too, so a quick reload after typing keeps the last keystrokes.
  addEventListener("pagehide", () => {
    try { localStorage.setItem(key, view.state.doc.toString()); } catch { /* ignore */ }
  });

  const setAll = (st: string, text: string) => {
    for (const li of items) {
      li.dataset.status = st;
      li.dataset.score = "0";
      delete li.dataset.diagnosis;
      li.querySelector(".ex-mark")!.textContent = st === "passed" ? "✓" : st === "failed" ? "✗" : "○";
      li.querySelector(".ex-feedback")!.textContent = text;
    }
  };

  const consoleBox = root.querySelector<HTMLElement>(".ex-console")!;
  const consoleOut = consoleBox.querySelector("pre")!;
  const clearConsole = () => {
    consoleOut.textContent = "";
    consoleBox.hidden = true;
  };
  const MAX_CONSOLE_CHARS = 20_000;
  const log = (text: string) => {
    consoleBox.hidden = false;
    if (consoleOut.textContent!.length > MAX_CONSOLE_CHARS) return;
    consoleOut.textContent += text + "\n";
    if (consoleOut.textContent!.length > MAX_CONSOLE_CHARS) consoleOut.textContent += "… (more output not shown)\n";
  };

  /** Marks diagnostics in the editor (an empty list clears the marks). */
  const mark = (list: Diagnostic[]) => {
    view.dispatch(setDiagnostics(view.state, list));
    // Bring the first error into view (the file may be long).
    if (list.length > 0) view.dispatch({ effects: EditorView.scrollIntoView(list[0].from, { y: "center" }) });
  };
  const lineRange = (line: number) => {
    const l = view.state.doc.line(Math.max(1, Math.min(line, view.state.doc.lines)));
    return { from: l.from, to: l.to };
  };

  const compileError = (message: string, detail: string) => {
    setAll("failed", `the file does not compile: ${message}`);
    status.textContent = detail;
    root.dataset.outcome = "error";
  };

  const show = (reply: ExecOutcome) => {
    switch (reply.type) {
      case "timeout":
        setAll("failed", `stopped after ${reply.limitMs / 1000} s: your code did not finish in time (an infinite loop?)`);
        status.textContent = `Stopped after ${reply.limitMs / 1000} s: an infinite loop, or code that is far too slow.`;
        root.dataset.outcome = "timeout";
        return;
      case "crashed":
        setAll("failed", `the test runner failed: ${reply.message}`);
        status.textContent = "The test runner failed.";
        root.dataset.outcome = "error";
        return;
      case "compile-error":
        if (reply.line) mark([{ ...lineRange(reply.line), severity: "error", message: reply.message }]);
        compileError(reply.message, "Your file does not compile (descent grade scores it 0).");
        return;
      case "load-error":
      case "missing-export":
        if (reply.type === "load-error" && reply.line) mark([{ ...lineRange(reply.line), severity: "error", message: reply.message }]);
        setAll("failed", reply.message);
        status.textContent = reply.type === "load-error" ? "Your file could not be loaded." : "A required export is missing.";
        root.dataset.outcome = "error";
        return;
      case "exercise-result":
        break;
      default:
        // A live cell's reply or a stop (the lessons' kinds): never sent for an exercise task.
        setAll("failed", `the test runner answered ${reply.type}`);
        root.dataset.outcome = "error";
        return;
    }
    const r = reply.result;
    for (const c of r.cases) {
      const li = items.find((x) => x.dataset.case === c.id);
      if (!li) continue;
      li.dataset.status = c.status;
      li.dataset.score = String(c.score);
      if (c.diagnosis) li.dataset.diagnosis = c.diagnosis.id;
      else delete li.dataset.diagnosis;
      li.querySelector(".ex-mark")!.textContent = c.status === "passed" ? "✓" : "✗";
      const fb = li.querySelector<HTMLElement>(".ex-feedback")!;
      fb.textContent = feedbackText(c);
      if (c.diagnosis) {
        const d = document.createElement("div");
        d.className = "ex-diagnosis";
        d.textContent = `Likely mistake: ${c.diagnosis.title}. ${c.diagnosis.hint}`;
        fb.append(d);
      }
    }
    const todo = r.cases.every((c) => c.message.startsWith(TODO_TEXT));
    status.textContent = `${r.score}/${r.maxScore} points on the visible tests${r.score === r.maxScore ? ": all pass" : todo ? ": the stub still throws TODO" : ""} (${Math.round(reply.ms)} ms).`;
    root.dataset.outcome = r.score === r.maxScore ? "pass" : "fail";
  };

  let firstRun = true;
  const run = async () => {
    runBtn.disabled = true;
    root.dataset.outcome = "running";
    setAll("pending", "");
    clearConsole();
    mark([]);
    const code = view.state.doc.toString();
    // 1. The grader's type check (a syntax or type error scores the whole exercise 0 there).
    status.textContent = firstRun ? "Loading the TypeScript checker (first run only, a few seconds)…" : "Checking types…";
    firstRun = false;
    const checked = await check({ [file]: code });
    let unchecked = "";
    if (checked.type === "checked") {
      const mine = checked.diagnostics.filter((d: FileDiagnostic) => d.file === file);
      if (mine.length > 0) {
        mark(mine.map((d) => ({ from: Math.min(d.start, view.state.doc.length), to: Math.min(d.start + Math.max(d.length, 1), view.state.doc.length), severity: "error" as const, message: d.message })));
        const syntax = mine.filter((d) => d.syntax);
        const lines = (syntax.length ? syntax : mine).map(formatDiagnostic);
        const message = syntax.length ? lines[0] + (lines.length > 1 ? ` (and ${lines.length - 1} more)` : "") : typeErrorMessage(lines);
        const lineList = [...new Set(mine.map((d) => d.line))].slice(0, 5).join(", ");
        compileError(message, `Your file does not compile: ${syntax.length ? "a syntax error" : `${mine.length} type error${mine.length === 1 ? "" : "s"}`} (line${lineList.includes(",") ? "s" : ""} ${lineList}, marked in the editor). descent grade scores it 0 until it compiles.`);
        runBtn.disabled = false;
        return;
      }
    } else {
      unchecked = ` Types were not checked (${checked.message}).`;
    }
    // 2. The visible tests, in a fresh worker.
    status.textContent = "Running the visible tests…";
    const reply = await execute({ kind: "exercise", name, file, code }, { limitMs: TIME_LIMIT_MS, onLog: (m) => log(m.level === "log" ? m.text : `[${m.level}] ${m.text}`) });
    show(reply);
    status.textContent += unchecked;
    runBtn.disabled = false;
  };

  runBtn.addEventListener("click", () => void run());
  root.dataset.ready = "true"; // wired: Run works from here on (tests wait for this)
  resetBtn.addEventListener("click", () => {
    if (view.state.doc.toString() !== stub && !confirm("Replace your code with the original stub?")) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: stub } });
    try { localStorage.removeItem(key); } catch { /* ignore */ }
  });
}
