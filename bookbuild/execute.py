"""Run a chapter's notebooks the way the book build does, and time them.

``python -m bookbuild.execute chapters/02_sigmoid_derivative.md`` runs the
instructor notebook (solutions and hidden tests included) and the student page
(stubs skipped, reference solutions preloaded), failing on any error or on
anything written to stderr, and checks the student notebook for leaked lines.
"""

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from nbclient import NotebookClient

from chapterkit.leaks import notebook_text, secret_lines, shown
from chapterkit.sources import source_notebook
from chapterkit.student import student_notebook

from .editions import instructor_page, student_page, write_preload_profile


class NotebookFailed(RuntimeError):
    pass


def run(nb, preload=False, timeout=120):
    """Execute ``nb`` in place (cells tagged skip-execution are skipped); return seconds."""
    with _ipython_dir(preload):
        start = time.perf_counter()
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=False).execute()
        seconds = time.perf_counter() - start
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("name") == "stderr":
                raise NotebookFailed(f"cell {index} wrote to stderr:\n{output.get('text', '')}")
    return seconds


def check_chapter(path):
    """Run both editions of one chapter; return {edition: seconds}."""
    source = source_notebook(path)
    timings = {"instructor": run(instructor_page(source)), "student": run(student_page(source), preload=True)}
    leaked = shown(secret_lines(source), notebook_text(student_notebook(source)))
    if leaked:
        raise NotebookFailed(f"the student notebook contains solution lines: {leaked}")
    return timings


@contextmanager
def _ipython_dir(preload):
    if not preload:
        yield
        return
    with tempfile.TemporaryDirectory() as folder:
        write_preload_profile(folder)
        previous = os.environ.get("IPYTHONDIR")
        os.environ["IPYTHONDIR"] = folder
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("IPYTHONDIR", None)
            else:
                os.environ["IPYTHONDIR"] = previous


def main(argv=None):
    paths = (argv if argv is not None else sys.argv[1:]) or []
    if not paths:
        print("usage: python -m bookbuild.execute CHAPTER.md [...]", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            timings = check_chapter(Path(path))
        except Exception as error:  # report every chapter, then fail
            print(f"FAIL {path}: {type(error).__name__}: {error}", file=sys.stderr)
            status = 1
        else:
            print(f"ok   {path}: instructor {timings['instructor']:.1f} s, student {timings['student']:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
