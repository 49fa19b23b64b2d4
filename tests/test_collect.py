"""Reading learning-platform exports, and checking each submitted file."""

import json

import pytest

from autograder.collect import slug, student_of
from autograder.course import CourseError
from autograder.examples import release_notebook, submission
from autograder.submission import check_submission
from bookbuild.sources import dumps

CHAPTER = "01_one_neuron"


@pytest.mark.parametrize(
    "path, student",
    [
        ("alice/01_one_neuron.ipynb", "alice"),
        ("Jane Doe_123456_assignsubmission_file_/my notebook.ipynb", "jane-doe"),  # Moodle
        ("smithj_late_4821_99231_01_one_neuron.ipynb", "smithj"),  # Canvas, late
        ("smithj_4821_99231_01_one_neuron-1.ipynb", "smithj"),  # Canvas
        ("bob.ipynb", "bob"),
        ("carol_01_one_neuron.ipynb", "carol"),
        ("Élodie Brontë/x.ipynb", "lodie-bront"),
    ],
)
def test_the_student_is_read_from_the_path(path, student):
    assert student_of(path) == student


def test_a_custom_pattern_names_the_student():
    assert student_of("export/s1234567-week1.ipynb", r"export/s(?P<student>\d+)-") == "1234567"
    with pytest.raises(CourseError, match="student"):
        student_of("export/x.ipynb", r"export/(\w+)")


def test_a_name_without_letters_or_digits_is_refused():
    with pytest.raises(CourseError):
        slug("***")


def check(data, filename="x.ipynb"):
    release = release_notebook(CHAPTER)
    others = {"03_cross_entropy": {"loss", "cost", "test_loss_values", "testkit"}}
    return check_submission(data, filename, CHAPTER, release, others)


def test_a_good_notebook_is_gradable():
    checked = check(dumps(submission(CHAPTER)).encode())
    assert checked.gradable and not checked.notes


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"%PDF-1.7 \xff\xfe binary", "not a text file"),
        (dumps(submission(CHAPTER)).encode()[:500], "ends early (truncated?)"),
        (b'{"cells": [}', "invalid JSON"),
        (b'{"hello": "world"}', "not a Jupyter notebook"),
        (json.dumps({"cells": [{"cell_type": "code"}], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}).encode(), "damaged notebook"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, reason):
    checked = check(data)
    assert not checked.gradable and reason in " ".join(checked.problems)


def test_a_notebook_of_another_chapter_is_recognized():
    nb = submission(CHAPTER)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid":
            cell.metadata["nbgrader"]["grade_id"] = "loss"
    for cell in nb.cells:
        if "nbgrader" in cell.metadata and cell.metadata["nbgrader"]["grade_id"] not in {"loss", "testkit"}:
            cell.metadata.pop("nbgrader")
    checked = check(dumps(nb).encode())
    assert checked.problems == ["this is the notebook of 03_cross_entropy, not of 01_one_neuron"]


def test_a_notebook_stripped_of_metadata_is_refused():
    nb = submission(CHAPTER)
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    assert "none of the chapter's exercise cells" in check(dumps(nb).encode()).problems[0]


def test_a_renamed_file_and_extra_cells_are_graded_with_notes():
    import nbformat

    nb = submission(CHAPTER)
    nb.cells.append(nbformat.v4.new_code_cell("print('my own experiment')"))
    checked = check(dumps(nb).encode(), filename="01_one_neuron.ipynb.txt")
    assert checked.gradable
    assert any("not .ipynb" in n for n in checked.notes) and any("extra cells" in n for n in checked.notes)
