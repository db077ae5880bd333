// The one transpile path of the runner: TypeScript to a CommonJS function body with sucrase
// (types are stripped; the type check is the typecheck worker's job). A syntax error keeps its
// line and column so the editor can mark it.
import { transform } from "sucrase";

export type Transpiled = { ok: true; js: string } | { ok: false; message: string; line?: number; column?: number };

export function transpile(code: string, file: string): Transpiled {
  try {
    return { ok: true, js: transform(code, { transforms: ["typescript", "imports"], filePath: file }).code };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // sucrase: "Unexpected token (12:5)" (1-based line, 0-based column)
    const m = /\((\d+):(\d+)\)\s*$/.exec(message);
    return m ? { ok: false, message: `${file}:${m[1]}:${Number(m[2]) + 1}: ${message.replace(/\s*\(\d+:\d+\)\s*$/, "")}`, line: Number(m[1]), column: Number(m[2]) + 1 } : { ok: false, message: `${file}: ${message}` };
  }
}

/** Runs a transpiled module body; returns its exports. `require` is refused with a clear message. */
export function loadModule(js: string, file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const requireStub = (id: string): never => {
    throw new Error(`imports are not available here (import "${id}" in ${file}); the exercise needs none`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the reader's module is the point
  new Function("exports", "require", "module", js)(module.exports, requireStub, module);
  return module.exports;
}

// ---- Live cells (issue 14) --------------------------------------------------------------------
// A lesson's code cell runs with tslab's semantics: it sees the top-level const/let/function/
// class and imports of the cells run before it. tslab compiles each cell as a module whose
// declarations are exported and re-declared in the next cell (tslab/dist/converter.js); here, for
// a fraction of the cost, the same sucrase pass strips the types and the cell's TOP-LEVEL
// declarations and imports are rewritten, in place (line numbers kept), into assignments to
// variables of a session scope that the worker saves between cells:
//   const a = 1, {b} = o;        ->  (a = 1, {b} = o);
//   function f() {}              ->  f = function f() {};
//   class C {}                   ->  C = class C {};
//   import { x as y } from "m";  ->  ({ x: y } = await __import("m"));
// and a last expression statement is kept so that its value is printed, as tslab prints it.
import { parse, type Node as AcornNode } from "acorn";

export type TranspiledCell =
  | { ok: true; body: string; names: string[]; hasLast: boolean }
  | { ok: false; message: string; line?: number; column?: number };

interface N extends AcornNode {
  [k: string]: unknown;
}

/** Names bound by a declaration's pattern (`a`, `{b, c: d}`, `[e, ...f]`, `{g = 1}`). */
function patternNames(p: N | null | undefined, out: string[]): void {
  if (!p) return;
  switch (p.type) {
    case "Identifier": out.push(p.name as string); break;
    case "ObjectPattern": for (const prop of p.properties as N[]) patternNames((prop.type === "RestElement" ? prop.argument : prop.value) as N, out); break;
    case "ArrayPattern": for (const el of p.elements as (N | null)[]) patternNames(el, out); break;
    case "RestElement": patternNames(p.argument as N, out); break;
    case "AssignmentPattern": patternNames(p.left as N, out); break;
  }
}

/** TypeScript cell -> the body of an async function over the session scope (see above). */
export function transpileCell(code: string, file = "cell.ts"): TranspiledCell {
  let js: string;
  try {
    js = transform(code, { transforms: ["typescript"], filePath: file, keepUnusedImports: true, disableESTransforms: true }).code;
  } catch (err) {
    const t = transpile(code, file); // the same message and position as the exercise pages give
    if (!t.ok) return t;
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  let program: N;
  try {
    program = parse(js, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true }) as unknown as N;
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number } };
    const msg = (e.message ?? String(err)).replace(/\s*\(\d+:\d+\)\s*$/, "");
    return e.loc ? { ok: false, message: `${file}:${e.loc.line}:${e.loc.column + 1}: ${msg}`, line: e.loc.line, column: e.loc.column + 1 } : { ok: false, message: `${file}: ${msg}` };
  }
  // Edits at one position apply in the order they were made (e.g. ` = undefined` then `)`).
  const edits: { at: number; end: number; text: string; seq?: number }[] = [];
  const names: string[] = [];
  const body = program.body as N[];
  const rewrite = (node: N, stripFrom?: number) => {
    if (stripFrom !== undefined) edits.push({ at: stripFrom, end: node.start, text: "" }); // `export `
    if (node.type === "VariableDeclaration") {
      const decls = node.declarations as N[];
      edits.push({ at: node.start, end: decls[0]!.start, text: ";(" });
      for (const d of decls) {
        patternNames(d.id as N, names);
        if (!d.init) edits.push({ at: (d.id as N).end, end: (d.id as N).end, text: " = undefined" });
      }
      const last = decls[decls.length - 1]!;
      edits.push({ at: last.end, end: last.end, text: ")" });
    } else if ((node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") && node.id) {
      const name = (node.id as N).name as string;
      names.push(name);
      edits.push({ at: node.start, end: node.start, text: `${name} = ` });
      edits.push({ at: node.end, end: node.end, text: ";" });
    }
  };
  for (const node of body) {
    if (node.type === "ImportDeclaration") {
      const spec = JSON.stringify((node.source as N).value);
      const parts: string[] = [];
      let target = "";
      for (const s of node.specifiers as N[]) {
        const local = (s.local as N).name as string;
        names.push(local);
        if (s.type === "ImportNamespaceSpecifier") target = `${local} = __m`;
        else if (s.type === "ImportDefaultSpecifier") parts.push(`default: ${local}`);
        else {
          const imported = s.imported as N;
          const key = imported.type === "Identifier" ? (imported.name as string) : JSON.stringify(imported.value);
          parts.push(key === local ? local : `${key}: ${local}`);
        }
      }
      const assign = [target, parts.length ? `({ ${parts.join(", ")} } = __m)` : ""].filter(Boolean).join(", ");
      edits.push({ at: node.start, end: node.end, text: assign ? `{ const __m = await __import(${spec}); ${assign}; }` : `await __import(${spec});` });
    } else if (node.type === "ExportNamedDeclaration" && node.declaration) {
      rewrite(node.declaration as N, node.start);
    } else if (node.type === "ExportDefaultDeclaration" || node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") {
      edits.push({ at: node.start, end: node.end, text: "/* export removed: a cell has no exports */" });
    } else {
      rewrite(node);
    }
  }
  const lastNode = body[body.length - 1];
  const hasLast = lastNode?.type === "ExpressionStatement";
  if (hasLast) {
    const expr = lastNode.expression as N;
    edits.push({ at: expr.start, end: expr.start, text: "__last.value = (" });
    edits.push({ at: expr.end, end: expr.end, text: ")" });
  }
  edits.forEach((e, i) => (e.seq = i));
  edits.sort((a, b) => b.at - a.at || b.end - a.end || b.seq! - a.seq!);
  let out = js;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return { ok: true, body: out, names: [...new Set(names)], hasLast };
}
