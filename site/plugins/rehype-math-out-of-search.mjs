// Pagefind would index KaTeX's hidden MathML and its glyph spans as text ("θt+1=θt−η..."):
// every rendered formula is marked data-pagefind-ignore so that search sees the prose only.
function visit(node) {
  if (node.type === "element") {
    const cls = node.properties?.className;
    const list = Array.isArray(cls) ? cls : typeof cls === "string" ? cls.split(" ") : [];
    if (list.includes("katex") || list.includes("katex-display")) {
      node.properties["data-pagefind-ignore"] = "all";
      return;
    }
  }
  for (const child of node.children ?? []) visit(child);
}

export function rehypeMathOutOfSearch() {
  return (tree) => visit(tree);
}
