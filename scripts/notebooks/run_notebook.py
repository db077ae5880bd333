#!/usr/bin/python3
"""Executes one notebook through Jupyter's real protocol (nbclient + the "descent" kernel).

Usage: /usr/bin/python3 scripts/notebooks/run_notebook.py NOTEBOOK OUTPUT [--timeout SECONDS] [--kernel NAME]

Writes the executed copy to OUTPUT (also when a cell fails, for reading) and prints ONE line of
JSON on stdout: {"ok", "seconds", "kernelStartSeconds", "cellSeconds", "failure"}. The caller
(scripts/notebooks/execute-notebooks.ts) sets JUPYTER_PATH so the project kernel is found.

Why a cell by cell loop instead of nbconvert --execute: tslab reports type errors and throws
only as stderr streams (with an error status but no "error" output), nbconvert then exits 1 with
an empty message, and after an error tslab drops requests for ~200 ms, so later cells may be
silently skipped. Here every cell is checked as soon as it finishes: an error reply, an error
output or ANY stderr text fails the notebook at that cell, with the real message.
"""
import argparse
import json
import sys
import time

MAX_MESSAGE = 6000  # characters of stderr/traceback kept in the report; outputs may be huge


def clip(text):
    if len(text) <= MAX_MESSAGE:
        return text
    return text[:MAX_MESSAGE] + "\n... (%d more characters)" % (len(text) - MAX_MESSAGE)


def cell_problem(cell, reply):
    """The failure text of an executed cell, or None when it ran cleanly."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append("%s: %s\n%s" % (out.get("ename", ""), out.get("evalue", ""), "\n".join(out.get("traceback", []))))
    status = reply["content"].get("status") if reply else "ok"
    if status != "ok" and not parts:
        parts.append("the kernel answered status %r with no message" % status)
    text = "".join(parts).strip()
    return text or None


def sign(nb):
    """Marks the executed copy as trusted in this user's Jupyter (as the Notebook does on save):
    the outputs were made here, by our kernel, so the classic Notebook may run their scripts (the
    figures draw) when the copy is opened. Best effort: a locked or read-only signature database
    only means the copy opens untrusted (File > Trust Notebook)."""
    try:
        from nbformat.sign import NotebookNotary
        NotebookNotary().sign(nb)
    except Exception:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("output")
    ap.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell")
    ap.add_argument("--kernel", default="descent")
    args = ap.parse_args()

    try:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
    except ImportError as e:
        print(json.dumps({"ok": False, "setup": "nbclient is missing (%s): apt-get install jupyter-nbconvert python3-nbclient" % e}))
        return 1

    try:
        nb = nbformat.read(args.notebook, as_version=4)
    except Exception as e:  # not JSON, not a notebook: one clear line
        print(json.dumps({"ok": False, "setup": "cannot read %s as a notebook: %s" % (args.notebook, e)}))
        return 1
    replies = {}
    client = NotebookClient(
        nb,
        timeout=args.timeout,
        kernel_name=args.kernel,
        allow_errors=True,  # we decide what fails, cell by cell, below
        record_timing=True,
        on_cell_executed=lambda cell, cell_index, execute_reply: replies.__setitem__(cell_index, execute_reply),
    )
    result = {"ok": True, "seconds": 0.0, "kernelStartSeconds": None, "cellSeconds": [], "failure": None}
    start = time.monotonic()
    try:
        with client.setup_kernel():
            result["kernelStartSeconds"] = round(time.monotonic() - start, 3)
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                began = time.monotonic()
                failure = None
                try:
                    client.execute_cell(cell, index)
                    problem = cell_problem(cell, replies.get(index))
                    if problem:
                        failure = {"kind": "error", "message": clip(problem)}
                except CellTimeoutError:
                    failure = {"kind": "timeout", "message": "the cell ran longer than %g s (--timeout)" % args.timeout}
                except DeadKernelError as e:
                    failure = {"kind": "dead", "message": "the kernel died: %s" % e}
                result["cellSeconds"].append([index, round(time.monotonic() - began, 3)])
                if failure:
                    failure.update({"cell": index, "id": cell.get("id"), "source": cell.source})
                    result["ok"] = False
                    result["failure"] = failure
                    break
    except Exception as e:  # kernel could not start, bad notebook...: a clear line, not a traceback
        result["ok"] = False
        result["failure"] = {"kind": "setup", "cell": None, "id": None, "source": "", "message": "%s: %s" % (type(e).__name__, e)}
    result["seconds"] = round(time.monotonic() - start, 3)
    sign(nb)
    nbformat.write(nb, args.output)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
