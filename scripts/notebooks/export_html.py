#!/usr/bin/python3
"""Exports notebooks as ONE self-contained HTML file each: figures and math render offline.

Usage (via npm): npm run notebooks:export -- NAME_OR_PATH... [--out DIR]

A NAME ("03", "03-momentum") is looked up in the student's working copies (my-notebooks/), then in
the executed lessons (notebooks/.executed/); a path is used as is. The HTML goes beside the
notebook (NAME.html), or into --out DIR. What is exported is the notebook as saved, with its
outputs: run it first (in Jupyter, or `npm run notebooks:execute`).

Why not plain `jupyter nbconvert --to html`: its lab template links require.js from a CDN and
MathJax from a path that exists only where Debian's MathJax package is installed, and our
figures' HTML fetches plotly.js from the Jupyter server that shows them, which an exported file
does not have. Here nbconvert (its HTMLExporter, JupyterLab's template) renders the notebook with
our template (scripts/notebooks/nbconvert/descent), which puts in the page's head, once:
KaTeX with its fonts inlined (math is rendered at load by KaTeX's auto-render) and plotly.js (the
cartesian bundle, 1.3 MB). Each figure's own script then finds window.Plotly and draws.

Prints one line per notebook; exit code 1 if any could not be exported, 2 on bad arguments.
"""
import argparse
import base64
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODULES = os.path.join(ROOT, "node_modules")
KATEX = os.path.join(MODULES, "katex", "dist")
PLOTLY = os.path.join(MODULES, "plotly.js-cartesian-dist-min", "plotly-cartesian.min.js")
SEARCH = [os.path.join(ROOT, "my-notebooks"), os.path.join(ROOT, "notebooks", ".executed")]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def inline_script(js):
    # "</script" inside the code would end the element early.
    return "<script>\n%s\n</script>" % re.sub(r"</script", r"<\\/script", js, flags=re.IGNORECASE)


def katex_css():
    """katex.min.css with each font face reduced to its woff2 file, inlined as a data URL."""
    css = read(os.path.join(KATEX, "katex.min.css"))

    def face(m):
        name = m.group(1)
        with open(os.path.join(KATEX, "fonts", name + ".woff2"), "rb") as f:
            data = base64.b64encode(f.read()).decode("ascii")
        return 'src:url(data:font/woff2;base64,%s) format("woff2")' % data

    css, n = re.subn(r'src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[a-z]+"\))*', face, css)
    if n == 0:
        raise RuntimeError("katex.min.css has no font faces in the expected form (katex version changed?)")
    return css


# Math in markdown cells and markdown outputs; code and stream outputs are <pre>, which
# auto-render skips. Same delimiters as Jupyter's MathJax setup.
RENDER_MATH = """<script>
(function () {
  var opts = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\\\[", right: "\\\\]", display: true },
      { left: "\\\\begin{equation}", right: "\\\\end{equation}", display: true },
      { left: "\\\\begin{align}", right: "\\\\end{align}", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\\\(", right: "\\\\)", display: false }
    ],
    throwOnError: false,
    trust: false
  };
  var parts = document.querySelectorAll(".jp-RenderedMarkdown, .jp-MarkdownOutput");
  for (var i = 0; i < parts.length; i++) renderMathInElement(parts[i], opts);
})();
</script>"""


# On a phone the prompt column (In [1]:) takes a third of the width: give it to the content.
NARROW = """<style>
@media (max-width: 720px) {
  .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
  .jp-Cell { padding-left: 4px !important; padding-right: 4px !important; }
  .jp-Notebook { padding: 4px !important; }
}
</style>"""


def assets():
    head = "\n".join([
        NARROW,
        "<style>\n%s\n</style>" % katex_css(),
        inline_script(read(os.path.join(KATEX, "katex.min.js"))),
        inline_script(read(os.path.join(KATEX, "contrib", "auto-render.min.js"))),
        "<script>window.PlotlyConfig = { MathJaxConfig: 'local' };</script>",
        inline_script(read(PLOTLY)),
    ])
    return {"head": head, "footer": RENDER_MATH}


def resolve(name):
    if os.path.sep in name or name.endswith(".ipynb") or os.path.exists(name):
        return os.path.abspath(name) if os.path.isfile(name) else None
    for folder in SEARCH:
        if not os.path.isdir(folder):
            continue
        hits = sorted(f for f in os.listdir(folder) if f.endswith(".ipynb") and ".mine-" not in f and (f == name + ".ipynb" or f.startswith(name)))
        if hits:
            return os.path.join(folder, hits[0])
    return None


def shown(path):
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def main():
    ap = argparse.ArgumentParser(prog="npm run notebooks:export --", description="Self-contained HTML exports of notebooks (figures and math offline).")
    ap.add_argument("notebooks", nargs="+", help='a notebook path, or a name looked up in my-notebooks/ then notebooks/.executed/ ("03")')
    ap.add_argument("--out", help="folder for the HTML files (default: beside each notebook)")
    args = ap.parse_args()

    try:
        import nbformat
        from nbconvert import HTMLExporter
    except ImportError as e:
        print("notebooks:export: nbconvert is missing (%s): apt-get install jupyter-nbconvert" % e, file=sys.stderr)
        return 1
    missing = [p for p in (PLOTLY, os.path.join(KATEX, "katex.min.js")) if not os.path.exists(p)]
    if missing:
        print("notebooks:export: %s not found: run npm install in %s" % (", ".join(missing), ROOT), file=sys.stderr)
        return 1

    sources = []
    for name in args.notebooks:
        path = resolve(name)
        if path is None:
            print('notebooks:export: no notebook "%s" (looked in %s)' % (name, ", ".join(shown(s) + "/" for s in SEARCH)), file=sys.stderr)
            return 2
        sources.append(path)

    exporter = HTMLExporter(template_name="descent", extra_template_basedirs=[os.path.join(HERE, "nbconvert")], embed_images=True)
    extra = {"descent": assets()}
    failed = 0
    for path in sources:
        stem = os.path.splitext(os.path.basename(path))[0]
        out_dir = os.path.abspath(args.out) if args.out else os.path.dirname(path)
        target = os.path.join(out_dir, stem + ".html")
        try:
            nb = nbformat.read(path, as_version=4)
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": stem, "path": os.path.dirname(path)}, **extra})
            os.makedirs(out_dir, exist_ok=True)
            with open(target, "w", encoding="utf-8") as f:
                f.write(body)
        except Exception as e:  # unreadable notebook, full disk...: one line, not a traceback
            print("FAIL %s: %s: %s" % (shown(path), type(e).__name__, e))
            failed += 1
            continue
        ran = any(c.get("cell_type") == "code" and c.get("outputs") for c in nb.cells)
        note = "" if ran else " (it has no outputs: run it first, or npm run notebooks:execute)"
        print("ok   %s -> %s (%.1f MB)%s" % (shown(path), shown(target), len(body.encode("utf-8")) / 1e6, note))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
