/**
 * A small reader and printer for WebAssembly text (S-expressions), so that the kernel templates
 * in src/kernels/*.wat can use a few macros (see expand.mjs). Comments are dropped.
 */

/** Parses WAT text into nested arrays of atoms (strings). */
export function parse(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ";" && text[i + 1] === ";") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "(" && text[i + 1] === ";") {
      const end = text.indexOf(";)", i + 2);
      if (end < 0) throw new Error("unclosed block comment");
      i = end + 2;
    } else if (c === "(" || c === ")") {
      tokens.push(c);
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      tokens.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()]/.test(text[j]) && !(text[j] === ";" && text[j + 1] === ";")) j++;
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  let k = 0;
  const read = () => {
    const t = tokens[k++];
    if (t === "(") {
      const list = [];
      while (tokens[k] !== ")") {
        if (k >= tokens.length) throw new Error("unbalanced parentheses");
        list.push(read());
      }
      k++;
      return list;
    }
    if (t === ")") throw new Error("unexpected )");
    return t;
  };
  const out = [];
  while (k < tokens.length) out.push(read());
  return out;
}

/** Prints a tree back as indented WAT (one list per line when it does not fit in 100 columns). */
export function print(node, indent = "") {
  if (typeof node === "string") return node;
  const flat = `(${node.map((n) => print(n, "")).join(" ")})`;
  if (flat.length + indent.length <= 100 && !flat.includes("\n")) return flat;
  const inner = indent + "  ";
  const head = [];
  let j = 0;
  while (j < node.length && typeof node[j] === "string") head.push(node[j++]);
  const rest = node.slice(j).map((n) => inner + print(n, inner));
  return `(${head.join(" ")}\n${rest.join("\n")})`;
}
