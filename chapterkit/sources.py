"""Chapter sources (MyST Markdown) to nbgrader source notebooks.

The chapters in ``chapters/`` are the single source of truth: solutions live
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in cells carrying
nbgrader metadata. Two markers are expanded here:

* a code cell with metadata ``testkit: true`` becomes the read-only cell that
  defines the checks the tests call (``chapterkit/testkit.py``);
* a code cell with metadata ``carry: NAME`` becomes a copy of the exercise cell
  whose ``grade_id`` is ``NAME``, from its own chapter, so a later chapter can ask
  for the student's earlier function without restating its solution.

Two things make a notebook check itself in any Jupyter, Colab included: every
test cell's code runs inside the test kit's ``reported(grade_id, points)``,
which prints a failure in full on stderr instead of raising, so that "Run All"
goes on past a failing test everywhere (nbgrader counts a test cell with stderr
as failed; the grader runs the code with a ``reported`` that lets the error
through), and a last cell, tagged ``self-check``, runs every visible test again
through ``check_all`` and prints each verdict in full. Test cells keep the
``raises-exception`` tag, for a stop that is not a test's failure. The example
and figure cells that use the student's functions run inside the test kit's
``keep_going()`` (``keep_going_cells``), which names such a cell's error on
stderr and goes on; the book runs them as written.

The Markdown cells become plain Markdown (``chapterkit.plain``), because the
notebook nbgrader releases is read in JupyterLab, VS Code and Colab; the book
asks for the MyST form, which it renders itself.
"""

import ast
import hashlib
import io
import tokenize
from functools import cache
from pathlib import Path

import nbformat

from . import cells as nbcells
from .cells import CARRIED_PREFIX, SELF_CHECK_TAG, TESTKIT_ID
from .plain import equation_numbers, plain_markdown

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
TESTKIT = Path(__file__).resolve().parent / "testkit.py"
KEEP_GOING_TAG = "raises-exception"


def chapter_paths(folder=CHAPTERS):
    return sorted(Path(folder).glob("[0-9][0-9]_*.md"))


def chapter_name(path):
    return Path(path).stem


def read_chapter(path):
    """The chapter as a notebook, exactly as written (markers not yet expanded)."""
    import jupytext  # here, not above: it imports Jupyter's server, seconds that grading never needs

    return jupytext.read(Path(path), fmt="md:myst")


@cache
def _exercise_index(folder):
    index = {}
    for path in chapter_paths(folder):
        for cell in read_chapter(path).cells:
            grade_id = nbcells.grade_id(cell)
            if nbcells.is_solution(cell) and grade_id:
                if grade_id in index:
                    raise ValueError(f"exercise id {grade_id!r} appears in two chapters")
                index[grade_id] = (chapter_name(path), cell.source)
    return index


def exercise_ids(path):
    """The grade ids of the exercises defined (not carried) in a chapter."""
    return [
        nbcells.grade_id(cell)
        for cell in read_chapter(path).cells
        if nbcells.is_solution(cell) and "carry" not in cell.metadata
    ]


def chapter_number(path):
    return int(chapter_name(path).split("_", 1)[0])


def source_notebook(path, myst=False):
    """The instructor's notebook for one chapter: solutions in, markers expanded.

    This is what nbgrader calls the *source* version of the assignment. Carried
    exercises are looked up among the chapters in the same folder. ``myst``
    keeps the Markdown cells and the test cells as written, for the book.
    """
    path = Path(path).resolve()
    nb = read_chapter(path)
    # A translated chapter (chapterkit.i18n) names its language in its front matter.
    language = nb.metadata.get("course", {}).get("language", "en")
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.metadata.get("testkit"):
            cell = _testkit_cell(language, chapter_name(path))
        elif cell.cell_type == "code" and "carry" in cell.metadata:
            cell = _carried_cell(cell.metadata["carry"], path)
        elif nbcells.is_test(cell):
            cell.metadata.setdefault("tags", []).append(KEEP_GOING_TAG)
        cells.append(cell)
    cells.append(_self_check_cell(cells))
    if not myst:  # the book shows and runs each test as written
        for cell in cells:
            if nbcells.is_test(cell) and cell.cell_type == "code":
                cell.source = reported_form(cell.source, nbcells.grade_id(cell), nbcells.nbgrader(cell)["points"])
    nb.cells = cells
    _number_cells(nb, chapter_name(path))  # before the Markdown and example cells change: the same ids in both forms
    if not myst:
        for cell in keep_going_cells(nb.cells):  # the book runs them as written, and fails on any error
            cell.source = kept_going_form(cell.source)
        numbers = equation_numbers(
            (chapter_number(p), p.read_text(encoding="utf-8")) for p in chapter_paths(path.parent)
        )
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = plain_markdown(cell.source, numbers)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    # A submitted notebook names its own chapter, so `collect` can tell which one it is
    # even when that chapter was never released in the instructor's course folder.
    nb.metadata["course"] = {"chapter": chapter_name(path)}
    if language != "en":  # the test kit's and the feedback's language; English when absent
        nb.metadata["course"]["language"] = language
    nbformat.validate(nb)
    return nb


TESTKIT_CATALOG_LINE = "MESSAGES = {}  # {English template: translation}; empty in the English notebook\n"


def testkit_source(language="en", chapter=None):
    """The test kit as a notebook runs it, with its catalog for ``language`` (visible tests' sentences only)."""
    source = TESTKIT.read_text(encoding="utf-8")
    if language != "en":
        from .i18n import testkit_catalog

        catalog = "".join(f"    {k!r}: {v!r},\n" for k, v in sorted(testkit_catalog(language, chapter).items()))
        if TESTKIT_CATALOG_LINE not in source:
            raise ValueError("chapterkit/testkit.py lost its MESSAGES line")
        source = source.replace(TESTKIT_CATALOG_LINE, f"MESSAGES = {{  # {language}\n{catalog}}}\n")
    return source


def _testkit_cell(language="en", chapter=None):
    cell = nbformat.v4.new_code_cell(
        "# Checks used by the tests below. Run this cell; there is nothing to change in it.\n"
        + testkit_source(language, chapter)
    )
    cell.metadata = {
        "nbgrader": _nbgrader(grade_id=TESTKIT_ID, locked=True),
        "tags": ["remove-cell"],
    }
    return cell


def _carried_cell(grade_id, into_path):
    into_chapter = chapter_name(into_path)
    try:
        home, source = _exercise_index(into_path.parent)[grade_id]
    except KeyError:
        raise ValueError(f"{into_chapter}: carry: {grade_id!r} names no exercise in {into_path.parent.name}/") from None
    if home == into_chapter:
        raise ValueError(f"{into_chapter}: carry: {grade_id!r} is defined in this same chapter")
    number = home.split("_", 1)[0].lstrip("0")
    cell = nbformat.v4.new_code_cell(
        f"# Your `{grade_id}` from chapter {number}: paste your working version here.\n" + source
    )
    cell.metadata = {"nbgrader": _nbgrader(grade_id=CARRIED_PREFIX + grade_id, solution=True)}
    return cell


def _self_check_cell(cells):
    tests = "".join(
        f"    ({nbcells.grade_id(cell)!r}, {nbcells.nbgrader(cell)['points']!r}, {_literal(visible_part(cell.source))}),\n"
        for cell in cells
        if nbcells.is_test(cell)
    )
    cell = nbformat.v4.new_code_cell(
        "# Check yourself: run this cell after the exercises. It runs every visible test above again and\n"
        "# prints each one's result in full, without stopping at a failure. There is nothing to change in it.\n"
        f"check_all([\n{tests}])"
    )
    # Its code folded (JupyterLab, Notebook 7 and VS Code read source_hidden): the report below it is what counts.
    cell.metadata = {
        "nbgrader": _nbgrader(grade_id="check_all", locked=True),
        "tags": [SELF_CHECK_TAG],
        "jupyter": {"source_hidden": True},
    }
    return cell


def _literal(code):
    # A test reads best as itself, in a raw triple-quoted string; repr() where that would change it.
    readable = f"r'''\n{code}'''[1:]"
    try:
        same = ast.literal_eval(readable[:-4]) == "\n" + code
    except SyntaxError:
        same = False
    return readable if same else repr(code)


REPORTED = "reported"  # the test kit's context manager that a test cell's code runs in
KEEP_GOING = "keep_going"  # the test kit's context manager that an example or figure cell runs in
KEEP_GOING_NOTE = "# Runs inside keep_going(): if this cell fails, it says why and the notebook goes on.\n"


def reported_form(test_source, grade_id, points):
    """A test cell's code inside ``with reported(grade_id, points):``, its leading comment kept on top.

    The hidden-test markers move in with the code (nbgrader finds them on any
    line), so the student's copy is the visible part, wrapped the same way.
    """
    wrapped = _wrapped(test_source, f"with {REPORTED}({grade_id!r}, points={points!r}):\n")
    try:
        ast.parse(visible_part(wrapped))  # the student's copy: a hidden part may not be all there is
    except SyntaxError:
        wrapped = None
    if wrapped is None:
        raise ValueError(f"test {grade_id!r}: its code cannot run inside {REPORTED}(...) unchanged")
    return wrapped


def kept_going_form(source):
    """An example or figure cell's code inside ``with keep_going():``, under a comment that says why.

    Its leading comment stays on top. The cell must not end with a bare
    expression other than a print or a show (its value would no longer be
    displayed inside the ``with``).
    """
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and not _prints(last.value):
        raise ValueError(
            f"a cell that uses the student's functions ends with a bare expression, "
            f"{ast.unparse(last)[:60]!r}: inside {KEEP_GOING}() its value would not show; print it"
        )
    wrapped = _wrapped(source, KEEP_GOING_NOTE + f"with {KEEP_GOING}():\n")
    if wrapped is None:
        raise ValueError(f"a cell cannot run inside {KEEP_GOING}() unchanged: {source[:80]!r}")
    return wrapped


def _prints(value):
    # print(...), display(...) and plt.show(): calls that show something and return None.
    function = value.func if isinstance(value, ast.Call) else None
    return (isinstance(function, ast.Name) and function.id in ("print", "display")) or (
        isinstance(function, ast.Attribute) and function.attr == "show"
    )


def _wrapped(source, opening):
    """``source`` after its leading comment, indented under ``opening``; None if that changes its code."""
    lines = source.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].startswith("#") and "HIDDEN TESTS" not in lines[head]:
        head += 1
    strings = _string_continuation_lines(source)
    body = [
        line if (number in strings or not line.strip()) else "    " + line
        for number, line in enumerate(lines[head:], start=head + 1)
    ]
    wrapped = "".join(lines[:head]) + opening + "".join(body)
    try:
        tree = ast.parse(wrapped)
        same = len(tree.body) == 1 and ast.dump(ast.Module(tree.body[0].body, [])) == ast.dump(ast.parse(source))
    except SyntaxError:
        same = False
    return wrapped if same else None


def keep_going_cells(nb_cells):
    """The example and figure cells that use an exercise's function, or what such a cell defined.

    These raise when the student's function is wrong or still a stub; each runs
    inside ``keep_going()`` in the student's notebook. Cells nbgrader knows
    (exercises, tests, the test kit, locked cells) are never among them.
    """
    names = {
        nbcells.carried_name(cell) or nbcells.grade_id(cell)
        for cell in nb_cells
        if cell.cell_type == "code" and nbcells.is_solution(cell)
    }
    chosen = []
    for cell in nb_cells:
        if cell.cell_type != "code" or nbcells.is_nbgrader(cell):
            continue
        try:
            code = compile(cell.source, "<cell>", "exec")
        except SyntaxError:  # IPython syntax (a magic): left as it is
            continue
        read, bound = nbcells.global_names(code)
        if read & names:
            chosen.append(cell)
            names |= bound  # a later cell that uses them fails when this one does
    return chosen


def _string_continuation_lines(source):
    """Line numbers inside a multi-line string: indenting them would change the string."""
    inside = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and token.end[0] > token.start[0]:
            inside.update(range(token.start[0] + 1, token.end[0] + 1))
    return inside


def visible_part(test_source):
    """A test cell's source without its hidden tests, as nbgrader's ClearHiddenTests leaves it."""
    kept, hidden = [], False
    for line in test_source.splitlines(keepends=True):
        if "BEGIN HIDDEN TESTS" in line:
            hidden = True
        elif "END HIDDEN TESTS" in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "".join(kept).rstrip("\n")


def _nbgrader(grade_id, locked=False, solution=False, grade=False, points=None):
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def _number_cells(nb, chapter):
    # Stable ids keep rebuilds incremental and generated notebooks comparable.
    for i, cell in enumerate(nb.cells):
        grade_id = nbcells.grade_id(cell)
        seed = f"{chapter}:{grade_id}" if grade_id else f"{chapter}:{i}:{cell.source[:200]}"
        cell["id"] = hashlib.sha1(seed.encode()).hexdigest()[:12]


def write_if_changed(path, text):
    """Write only on change, so an incremental build sees only what really changed."""
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def dumps(nb):
    """The notebook as nbformat writes it (and so as nbgrader writes its releases)."""
    return nbformat.writes(nb) + "\n"
