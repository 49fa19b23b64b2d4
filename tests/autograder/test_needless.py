"""Example cells grading leaves out: only those that cannot change a grade, and each says so in the graded notebook."""

import pytest

from autograder.engine import exercise_names, plan
from autograder.examples import submission as chapter_submission
from autograder.needless import NOT_RUN, needless
from autograder.parallel import chapter_imports
from autograder.worker import plain_python
from chapterkit.cells import global_names
from chapterkit.sources import CHAPTERS, source_notebook
from tests.autograder.test_engine import TEST_DOUBLE, cell, grade, score, source_with, submission
from tests.builders import needs_bubblewrap

EXAMPLE = "with keep_going():\n    examples = [double(k) for k in range(3)]\n    print('examples', examples)\n"


def chapter(*examples, solution="def double(x):\n    return 2 * x"):
    """The exercise, then the example cells (id e0, e1, ...), then the test."""
    source = source_with(solution, [TEST_DOUBLE])
    source.cells[2:2] = [cell(code, cell_id=f"e{i}") for i, code in enumerate(examples)]
    return source


def left_out(source, nb):
    steps = plan(source, nb)
    return {steps[i][1].get("id") for i in needless(steps, source, exercise_names(source))}


def changed(nb, cell_id, code):
    next(c for c in nb.cells if c.get("id") == cell_id).source = code
    return nb


def test_an_example_cell_nothing_reads_is_left_out_and_says_so():
    source = chapter(EXAMPLE)
    assert left_out(source, submission("def double(x):\n    return 2 * x", source)) == {"e0"}


@needs_bubblewrap
def test_a_left_out_cell_says_why_and_the_grade_is_as_if_it_ran():
    source = chapter(EXAMPLE)
    result = grade(source, submission("def double(x):\n    return 2 * x", source))
    outputs = {c["id"]: c["outputs"] for c in result["cells"]}
    assert outputs["e0"] == [{"output_type": "stream", "name": "stdout", "text": NOT_RUN}] and score(result) == 2
    # A cell that loops forever or fails is not run either, so it costs the exercise nothing.
    slow = changed(submission("def double(x):\n    return 2 * x", source), "e0", "while True:\n    pass\n")
    assert "e0" not in left_out(source, slow)  # ... unless the student changed it: then it runs, as written


def test_a_cell_runs_when_an_exercise_reads_what_it_defines():
    # The exercise's function reads the example's global when the tests call it.
    source = chapter("scale = 2\n", solution="def double(x):\n    return scale * x")
    assert left_out(source, submission("def double(x):\n    return scale * x", source)) == set()


def test_what_a_needed_cell_reads_is_needed_too():
    source = chapter(
        "base = 2\n", "scale = base\n", "unused = base + 1\n", solution="def double(x):\n    return scale * x"
    )
    assert left_out(source, submission("def double(x):\n    return scale * x", source)) == {"e2"}


def test_a_cell_that_rebinds_an_exercise_runs():
    source = chapter("double = lambda x: 0\n")
    assert left_out(source, submission("def double(x):\n    return 2 * x", source)) == set()


def test_a_cell_the_student_changed_runs_and_so_do_the_cells_it_reads():
    source = chapter("data = [1, 2]\n", EXAMPLE)
    nb = changed(submission("def double(x):\n    return 2 * x", source), "e1", "print(double(data[0]))\n")
    assert left_out(source, nb) == set()


def test_a_comment_or_the_keep_going_wrap_is_no_change():
    source = chapter(EXAMPLE)
    nb = changed(
        submission("def double(x):\n    return 2 * x", source), "e0", "# tried it\n" + EXAMPLE.replace("    ", "  ")
    )
    assert left_out(source, nb) == {"e0"}
    unwrapped = "examples = [double(k) for k in range(3)]\nprint('examples', examples)\n"
    assert left_out(source, changed(nb, "e0", unwrapped)) == {"e0"}


@pytest.mark.parametrize(
    "code",
    [
        "def double(x):\n    return globals()['scale'] * x",
        "def double(x):\n    return eval('scale') * x",
        "import sys\ndef double(x):\n    return sys.modules['__main__'].scale * x",
        "def double(x):\n    return double.__globals__['scale'] * x",
        "def double(x):\n    return vars()['x'] * 2",
        "def double(x):\n    return getattr(double, '__glob' + 'als__')['scale'] * x",
        "def double(x):\n    return object.__getattribute__(double, '__globals__')['scale'] * x",
    ],
)
def test_code_that_can_reach_names_without_naming_them_makes_every_cell_run(code):
    source = chapter("scale = 2\n", EXAMPLE)
    assert left_out(source, submission(code, source)) == set()


@needs_bubblewrap
def test_reaching_a_left_out_name_another_way_earns_what_it_would_with_every_cell_run():
    source = chapter("scale = 2\n")
    nb = submission("def double(x):\n    return globals()['scale'] * x", source)
    assert score(grade(source, nb)) == 2


def test_ipython_syntax_in_a_running_cell_is_read_as_the_worker_runs_it():
    source = chapter(EXAMPLE)
    nb = submission("%time x = 1\ndef double(x):\n    return 2 * x", source)
    assert left_out(source, nb) == {"e0"}


@pytest.mark.parametrize("name", [p.stem for p in sorted(CHAPTERS.glob("0*.md"))])
def test_in_every_chapter_no_cell_that_runs_reads_a_name_a_left_out_cell_binds(name):
    """Checked again with the other scanner of global names (chapterkit.cells'), on a right submission."""
    source = source_notebook(CHAPTERS / f"{name}.md")
    steps = plan(source, chapter_submission(name))
    skipped = needless(steps, source, exercise_names(source))
    names = {
        i: global_names(compile(plain_python(c.source), "<cell>", "exec"))
        for i, (w, c) in enumerate(steps)
        if w == "sandbox"
    }
    read = set(exercise_names(source)).union(*(names[i][0] for i in names if i not in skipped))
    for index in skipped:
        where, step = steps[index]
        assert where == "sandbox" and "nbgrader" not in step.metadata
        assert not names[index][1] & read, (step.source[:80], names[index][1] & read)


def test_a_warm_sandbox_imports_what_the_cells_that_run_import():
    # Chapter 8's first example cell runs (it imports numpy for the exercises) and imports pyplot;
    # chapter 7's scikit-learn cells are all left out, so a fork need not carry scikit-learn.
    def imports(name):
        return chapter_imports(source_notebook(CHAPTERS / f"{name}.md"))

    assert "matplotlib.pyplot" in imports("08_beyond_one_neuron")
    assert "numpy" in imports("07_training") and not any(n.startswith("sklearn") for n in imports("07_training"))
