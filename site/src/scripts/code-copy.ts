// Code blocks on lessons and reference pages carry no copy of their text in the copy button's
// `data-code` (site/plugins/rehype-code-classes.mjs drops it: it doubled the code's weight in the
// HTML). Before Expressive Code's own click handler reads it, this fills it from the block's lines,
// in the same form (lines joined by U+007F, which that handler turns back into newlines).
document.addEventListener(
  "click",
  (e) => {
    const button = (e.target as Element | null)?.closest?.(".expressive-code .copy button");
    if (!(button instanceof HTMLElement) || button.dataset.code !== undefined) return;
    const code = button.closest(".expressive-code")?.querySelector("pre > code");
    if (!code) return;
    const lines = Array.from(code.querySelectorAll(".ec-line"), (l) => l.textContent ?? "");
    button.dataset.code = (lines.length ? lines : [code.textContent ?? ""]).join("\u007f");
  },
  true,
);
