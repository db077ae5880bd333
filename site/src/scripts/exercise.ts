// An exercise page: CodeMirror 6 with the student's code (saved in localStorage as they type),
// and Run, which sends the code to a fresh Web Worker (exercise-worker.ts) and shows the grader's
// feedback per visible test. A run that does not answer within TIME_LIMIT_MS is stopped by
// terminating the worker (an infinite loop cannot be interrupted any other way).
import { EditorView, basicSetup } from "codemirror";
import { javascript } from "@codemirror/lang-javascript";
import { Compartment } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import type { ReadyMessage, RunReply } from "./exercise-worker";
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
      li.querySelector(".ex-mark")!.textContent = st === "passed" ? "✓" : st === "failed" ? "✗" : "○";
      li.querySelector(".ex-feedback")!.textContent = text;
    }
  };

  const show = (reply: RunReply) => {
    if (!reply.ok) {
      setAll("failed", reply.kind === "compile-error" ? `the file does not compile: ${reply.message}` : reply.message);
      status.textContent = reply.kind === "compile-error" ? "Your file does not compile." : "Your file could not be loaded.";
      root.dataset.outcome = "error";
      return;
    }
    const r = reply.result;
    for (const c of r.cases) {
      const li = items.find((x) => x.dataset.case === c.id);
      if (!li) continue;
      li.dataset.status = c.status;
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

  const run = () => {
    runBtn.disabled = true;
    status.textContent = "Running the visible tests…";
    root.dataset.outcome = "running";
    setAll("pending", "");
    const worker = new Worker(new URL("./exercise-worker.ts", import.meta.url), { type: "module" });
    let timer = 0;
    const stop = () => {
      worker.terminate();
      setAll("failed", `stopped after ${TIME_LIMIT_MS / 1000} s: your code did not finish in time (an infinite loop?)`);
      status.textContent = `Stopped after ${TIME_LIMIT_MS / 1000} s: an infinite loop, or code that is far too slow.`;
      root.dataset.outcome = "timeout";
      runBtn.disabled = false;
    };
    worker.onmessage = (e: MessageEvent<RunReply | ReadyMessage>) => {
      if ("ready" in e.data) {
        // Loaded: now the student's code runs, and the clock starts.
        timer = window.setTimeout(stop, TIME_LIMIT_MS);
        worker.postMessage({ name, code: view.state.doc.toString() });
        return;
      }
      clearTimeout(timer);
      worker.terminate();
      show(e.data);
      runBtn.disabled = false;
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      worker.terminate();
      setAll("failed", `the test runner failed: ${e.message}`);
      status.textContent = "The test runner failed.";
      root.dataset.outcome = "error";
      runBtn.disabled = false;
    };
  };

  runBtn.addEventListener("click", run);
  root.dataset.ready = "true"; // wired: Run works from here on (tests wait for this)
  resetBtn.addEventListener("click", () => {
    if (view.state.doc.toString() !== stub && !confirm("Replace your code with the original stub?")) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: stub } });
    try { localStorage.removeItem(key); } catch { /* ignore */ }
  });
}
