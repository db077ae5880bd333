// Equation to code (.eq2code): hovering a term of the equation, or focusing its legend button,
// highlights the term and the line of code computing it. Used for the boxes in the page and for
// PyTorch's form, fetched when the reader switches to it (convention-switch.ts).
export function wireEquationToCode(box: HTMLElement): void {
  if (box.dataset.ready) return;
  const all = (term: string) => box.querySelectorAll<HTMLElement>(`[data-term="${CSS.escape(term)}"]`);
  let current: string | null = null;
  const light = (term: string | null) => {
    if (term === current) return;
    if (current) for (const e of Array.from(all(current))) e.classList.remove("term-on");
    current = term;
    if (term) for (const e of Array.from(all(term))) e.classList.add("term-on");
  };
  const termOf = (t: EventTarget | null) => (t instanceof Element ? t.closest<HTMLElement>("[data-term]")?.dataset.term ?? null : null);
  // A term stays lit while the pointer crosses the gaps between terms; leaving the box clears it.
  box.addEventListener("mouseover", (e) => {
    const t = termOf(e.target);
    if (t) light(t);
  });
  box.addEventListener("mouseleave", () => light(null));
  box.addEventListener("focusin", (e) => light(termOf(e.target)));
  box.addEventListener("focusout", () => light(null));
  box.dataset.ready = "true"; // wired: hover and focus work from here on (tests wait for this)
}
