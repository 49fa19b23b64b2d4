"""Grading for the course.

One module per verb of ``python -m autograder`` (release, collect, grade,
feedback, report) and the grading engine (engine, sandbox, worker, wire,
record, parallel). What a chapter's notebooks are, and the checks their tests
call, is ``chapterkit``'s.
"""

import sys

# jsonschema (under nbformat and nbgrader) imports rfc3987_syntax when it is installed (a
# dependency of jupyter-events), which compiles dozens of grammars: seconds per process, for
# the "iri" string formats that no notebook schema uses. Every grading process pays it, so
# it is kept out; jsonschema then goes without those two format checks.
sys.modules.setdefault("rfc3987_syntax", None)


def _lazy_nbgrader():
    """Register nbgrader's package without running its ``__init__`` until something needs it.

    That ``__init__`` imports nbgrader's Jupyter server extensions (jupyter_server, tornado,
    nbconvert's exporters): seconds, for a grading command that needs only the gradebook's
    models (``nbgrader.api``). Its submodules import as usual; the first attribute of the
    package itself that is not a submodule (``__version__``, its extension points) runs the
    real ``__init__`` then, so nothing is missing, only later.
    """
    import importlib
    import importlib.util

    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or spec.loader is None:
        return
    package = importlib.util.module_from_spec(spec)

    def __getattr__(name):
        if not name.startswith("__") and importlib.util.find_spec(f"nbgrader.{name}") is not None:
            return importlib.import_module(f"nbgrader.{name}")
        del package.__getattr__
        spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = __getattr__
    sys.modules["nbgrader"] = package


_lazy_nbgrader()
