"""Every name a chapter's tests use is defined by the chapter itself, so grading never fetches one from the student."""

import nbformat
import pytest

from autograder.engine import exercise_names, undefined_test_names
from chapterkit.sources import chapter_paths, source_notebook


@pytest.mark.parametrize("path", chapter_paths(), ids=lambda p: p.stem)
def test_a_chapters_tests_use_only_names_the_chapter_defines(path):
    nb = source_notebook(path)
    assert exercise_names(nb), "a chapter with tests declares its exercise functions"
    assert undefined_test_names(nb) == []


def _cell(source, **nbgrader):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {
        "schema_version": 3,
        "task": False,
        "solution": False,
        "grade": False,
        "locked": False,
        **nbgrader,
    }
    return cell


def test_a_name_only_the_students_cells_define_is_found():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _cell("import numpy as np\ndef call(f, *a):\n    return f(*a)", grade_id="testkit", locked=True),
        _cell("def double(x):\n    return 2 * x", grade_id="double", solution=True),
        nbformat.v4.new_code_cell("data = [1, 2, 3]"),  # a demo cell: it runs in the sandbox
        _cell("inputs = np.arange(3)", grade_id="setup", locked=True),
        _cell(
            "for x in inputs:\n    assert call(double, x) == 2 * x\nassert call(double, data) == []",
            grade_id="test_double",
            grade=True,
            locked=True,
            points=1,
        ),
    ]
    assert exercise_names(nb) == ["double"]
    assert undefined_test_names(nb) == [("test_double", ["data"])]
