"""Run student notebooks top to bottom as a student's own kernel would, and report each test cell.

    python student_kernel.py NOTEBOOK.ipynb ...   (prints JSON: {path: {grade_id: message or null}})
    python student_kernel.py --self-check NOTEBOOK.ipynb ...   (prints JSON: {path: what the self-check cell printed})
    python student_kernel.py --run-all NOTEBOOK.ipynb ...   (prints JSON: {path: run_all's record}, stopping as Colab)

It runs under another Python environment (an older NumPy, no nbgrader, no course
packages), so it needs only the standard library and what the notebook imports.
Like "Run All" with errors allowed, a failing cell does not stop the ones after it.
A test cell's message is what nbgrader would count as its failure: an exception
that escaped the cell (reported as "raised: Type: message", which would stop Run
All in Colab), or what the cell printed on stderr, the test kit's report of a
failure, without its header line and indent. With ``--run-all`` the first cell
that raises stops the run, as Colab's Run All does.
"""

import contextlib
import io
import json
import os
import sys

os.environ.setdefault("MPLBACKEND", "Agg")
RAISED = "raised: "  # a test cell whose exception escaped it: Colab's Run All would stop there


def run(path, printed=None):
    with open(path, encoding="utf-8") as file:
        nb = json.load(file)
    namespace = {"__name__": "__main__"}
    verdicts = {}
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        meta = cell.get("metadata", {}).get("nbgrader", {})
        message = None
        output, errors = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(errors):
                exec(compile(source, f"<cell {index}>", "exec"), namespace)
        except Exception as error:
            message = f"{RAISED}{type(error).__name__}: {error}"
        if message is None and errors.getvalue().strip():
            message = _reported(errors.getvalue())
        if meta.get("grade"):
            verdicts[meta["grade_id"]] = message
        if printed is not None and "self-check" in cell.get("metadata", {}).get("tags", []):
            printed.append(output.getvalue())
    return verdicts


def _reported(text):
    # The test kit's report: "FAIL  test_id  (0 of 2 points)", then the message indented by six spaces.
    lines = text.strip("\n").splitlines()
    if lines[0].startswith("FAIL  "):
        lines = [line[6:] if line.startswith(" " * 6) else line for line in lines[1:]]
    return "\n".join(lines).strip()


def run_all(path):
    """Run All as Colab does it: every code cell in order, no tag honoured, the first error stops.

    Returns {"stopped": the index of the cell that raised, or None, "cells": [{"index", "stderr", "stdout"}]}
    for the code cells that ran.
    """
    with open(path, encoding="utf-8") as file:
        nb = json.load(file)
    namespace = {"__name__": "__main__"}
    ran = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        output, errors = io.StringIO(), io.StringIO()
        stopped = False
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(errors):
                exec(compile(source, f"/tmp/ipykernel_0/{index}.py", "exec"), namespace)
        except Exception as error:
            errors.write(f"{RAISED}{type(error).__name__}: {error}")
            stopped = True
        ran.append({"index": index, "stdout": output.getvalue(), "stderr": errors.getvalue()})
        if stopped:
            return {"stopped": index, "cells": ran}
        _close_figures()
    return {"stopped": None, "cells": ran}


def _close_figures():
    # A notebook shows each cell's figures and closes them; plt.show() under Agg keeps them open.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def self_check(path):
    printed = []
    run(path, printed)
    return "".join(printed)


if __name__ == "__main__":
    if sys.argv[1] == "--self-check":
        print(json.dumps({path: self_check(path) for path in sys.argv[2:]}))
    elif sys.argv[1] == "--run-all":
        print(json.dumps({path: run_all(path) for path in sys.argv[2:]}))
    else:
        print(json.dumps({path: run(path) for path in sys.argv[1:]}))
