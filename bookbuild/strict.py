"""Run jupyter-book so that any warning or any notebook error fails the build.

jupyter-book 1.x can exit 0 although a notebook raised (for example when an
error is cached, or the cell was allowed to fail), so the build's own exit code
is not trusted alone: the HTML and the execution reports are scanned as well.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

JUPYTER_BOOK_FLAGS = ["-W", "-n", "--keep-going", "--builder", "html"]

# Markers myst-nb leaves in a page for a cell that raised.
_ERROR_OUTPUT = re.compile(r'class="[^"]*\b(output traceback|output error)\b')


class BuildFailed(RuntimeError):
    """The book did not build cleanly."""


def html_dir(output):
    return Path(output) / "_build" / "html"


def build(source, output, env=None):
    """Build the book in ``source`` into ``output``; raise BuildFailed on any problem.

    ``env`` adds variables to the environment of the build (and so of its kernels).
    """
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source)]
    command += ["--path-output", str(output), *JUPYTER_BOOK_FLAGS]
    completed = subprocess.run(command, check=False, env={**os.environ, **(env or {})})
    problems = find_execution_errors(html_dir(output))
    if completed.returncode != 0:
        problems.insert(0, f"jupyter-book exited with status {completed.returncode}")
    if problems:
        raise BuildFailed("the book did not build cleanly:\n  " + "\n  ".join(problems))
    return html_dir(output)


def find_execution_errors(html):
    """Pages that show a traceback, and notebooks with an execution report."""
    html = Path(html)
    problems = [f"execution report: {p}" for p in sorted((html / "reports").glob("**/*.log"))]
    for page in sorted(html.glob("**/*.html")):
        if _ERROR_OUTPUT.search(page.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"a cell's output is an error: {page.relative_to(html)}")
    return problems
