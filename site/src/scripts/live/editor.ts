// The live cells' editor (CodeMirror 6, as on the exercise pages), loaded only on the first Edit
// (or when a saved edit or a share link is shown): a Run never waits for it.
import { EditorView, basicSetup } from "codemirror";
import { javascript } from "@codemirror/lang-javascript";
import { setDiagnostics } from "@codemirror/lint";
import { Compartment, Prec } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { oneDark } from "@codemirror/theme-one-dark";

export type { EditorView };

const dark = () => document.documentElement.dataset.theme === "dark";
const theme = new Compartment();
const views = new Set<EditorView>();
new MutationObserver(() => {
  for (const v of views) v.dispatch({ effects: theme.reconfigure(dark() ? oneDark : []) });
}).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

export function createEditor(options: { doc: string; parent: HTMLElement; label: string; onRun(): void; onChange(): void }): EditorView {
  const view = new EditorView({
    doc: options.doc,
    parent: options.parent,
    extensions: [
      Prec.highest(keymap.of([{ key: "Shift-Enter", run: () => (options.onRun(), true) }])),
      basicSetup,
      javascript({ typescript: true }),
      theme.of(dark() ? oneDark : []),
      EditorView.contentAttributes.of({ "aria-label": options.label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) options.onChange();
      }),
    ],
  });
  views.add(view);
  return view;
}

export function destroyEditor(view: EditorView): void {
  views.delete(view);
  view.destroy();
}

/** Marks the line of an error (1-based), or clears the marks when `line` is undefined. */
export function markLine(view: EditorView, line: number | undefined, message = ""): void {
  if (line === undefined) {
    view.dispatch(setDiagnostics(view.state, []));
    return;
  }
  const doc = view.state.doc;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  view.dispatch(setDiagnostics(view.state, [{ from: l.from, to: l.to, severity: "error", message }]));
}
