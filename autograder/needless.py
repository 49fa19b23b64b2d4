"""The example cells that cannot change a grade, which grading therefore does not run.

A chapter's example cells (training on the breast-cancer data, cross-validation,
the digits) are the bulk of what a submission computes, and none of it is
graded: the tests call the student's functions with inputs of their own, in
the grader. Such a cell matters only through the names it leaves in the
student's namespace, so grading leaves out a cell when

* it is the course's own cell, and its code is as released (its comments and
  layout may differ): what the course wrote binds names and calls the
  student's functions, nothing else;
* no code that does run reads a name it binds: not the exercises (their
  functions read globals when the tests call them), not the student's own
  cells, not another example cell that runs, and not the grader (which calls
  the exercises by name);
* no code that runs could reach the namespace by other ways than its names:
  ``globals()``, ``eval``, ``sys.modules``, a function's ``__globals__``. A
  submission with such code has every cell run.

A student function whose answers depend on what an example cell made it do
before (a call counter, a cache that changes results) is graded as if those
example cells had not run; so is one that, called from an example cell, would
have spent the submission's time. The cell's place in the graded notebook
says it was not run, and why (``NOT_RUN``).
"""

import ast
import dis
import types

from chapterkit import cells as nbcells

from .worker import plain_python

NOT_RUN = (
    "Not run while grading: no graded code reads what this example cell defines, "
    "so it cannot change your grade. Run it in your own notebook to see its output.\n"
)

# Ways to reach the student's namespace other than by name; code that may use them makes every cell run.
_DYNAMIC_NAMES = {"globals", "vars", "locals", "eval", "exec", "compile", "__import__", "breakpoint", "getattr"}
_DYNAMIC_ATTRIBUTES = {
    "__globals__",
    "f_globals",
    "f_locals",
    "__dict__",
    "__builtins__",
    "modules",
    "__getattribute__",
}
_DYNAMIC_MODULES = {"sys", "inspect", "gc", "builtins", "__main__", "ctypes", "importlib", "types", "operator", "runpy"}


def needless(steps, source_nb, exercises):
    """Indices of the ``steps`` (engine.plan's) that grading can leave out."""
    source_by_id = {c.get("id"): c for c in source_nb.cells if c.get("id")}
    facts = [_facts(cell.source) if where == "sandbox" else None for where, cell in steps]
    candidates = set()
    for index, (where, cell) in enumerate(steps):
        original = source_by_id.get(cell.get("id")) if where == "sandbox" else None
        if original is not None and not nbcells.is_nbgrader(original) and _as_released(cell.source, original.source):
            candidates.add(index)
    running = [i for i, (where, _) in enumerate(steps) if where == "sandbox" and i not in candidates]
    if any(facts[i]["dynamic"] for i in running):
        return set()  # code that may reach names without naming them
    needed = set(exercises)
    for i in running:
        needed |= facts[i]["read"]
    changed = True
    while changed:  # a candidate that binds a needed name runs, and what it reads is needed too
        changed = False
        for i in sorted(candidates):
            if facts[i]["bound"] & needed:
                if facts[i]["dynamic"]:
                    return set()
                candidates.discard(i)
                needed |= facts[i]["read"]
                changed = True
    return candidates


def _as_released(submitted, original):
    """The submitted cell holds the course's code: the same syntax tree, with its ``keep_going()`` wrap or without."""
    try:
        mine, theirs = ast.parse(submitted), ast.parse(original)
    except SyntaxError:
        return False
    return _unwrapped(mine) == _unwrapped(theirs)


def _unwrapped(tree):
    body = tree.body
    if len(body) == 1 and isinstance(body[0], ast.With) and is_keep_going(body[0]):
        body = body[0].body
    return ast.dump(ast.Module(body, []))


def is_keep_going(node):
    """A ``with keep_going():`` statement, which the student's notebook wraps example cells in."""
    call = node.items[0].context_expr if len(node.items) == 1 else None
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "keep_going"


def _facts(source):
    """What a cell's code reads and binds by name, and whether it may reach names otherwise."""
    try:
        code = compile(plain_python(source), "<cell>", "exec")  # magics as the worker runs them: calls that do nothing
    except SyntaxError:
        return {"read": set(), "bound": set(), "dynamic": False}  # it fails before it does anything
    read, bound, attributes, modules = set(), set(), set(), set()
    _scan(code, read, bound, attributes, modules, top=True)
    dynamic = bool(read & _DYNAMIC_NAMES or attributes & _DYNAMIC_ATTRIBUTES or modules & _DYNAMIC_MODULES)
    return {"read": read, "bound": bound, "dynamic": dynamic}


def _scan(code, read, bound, attributes, modules, top):
    for instruction in dis.get_instructions(code):
        name = instruction.opname
        if name in ("LOAD_NAME", "LOAD_GLOBAL"):
            read.add(instruction.argval)
        elif name in ("STORE_GLOBAL", "DELETE_GLOBAL") or (top and name in ("STORE_NAME", "DELETE_NAME")):
            bound.add(instruction.argval)
        elif name == "IMPORT_NAME":
            modules.add(instruction.argval.split(".")[0])
    attributes |= set(code.co_names) | {c for c in code.co_consts if isinstance(c, str) and c in _DYNAMIC_ATTRIBUTES}
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _scan(const, read, bound, attributes, modules, top=False)
