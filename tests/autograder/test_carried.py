"""An earlier chapter's mistake costs points only there: wrong or unpasted carried functions."""

import pytest

from autograder.engine import grade_submission
from autograder.examples import solution_cells, submission
from chapterkit.sources import CHAPTERS, source_notebook
from tests.builders import needs_bubblewrap

pytestmark = [pytest.mark.slow, needs_bubblewrap]

WRONG_SIGMOID = "import numpy as np\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(np.asarray(z, dtype=float)))  # the sign of the exponent\n"


def _grade(chapter, replace=None, blank=()):
    return grade_submission(source_notebook(CHAPTERS / f"{chapter}.md"), submission(chapter, replace, blank=blank))


def _score(result):
    return sum(t["earned"] for t in result["tests"].values()), sum(t["points"] for t in result["tests"].values())


@pytest.mark.parametrize("chapter", ["05_vectorization", "07_training"])
def test_a_wrong_carried_sigmoid_costs_nothing_here_and_is_named(chapter):
    result = _grade(chapter, {"carried_sigmoid": WRONG_SIGMOID})
    earned, total = _score(result)
    assert earned == total, {k: v["message"] for k, v in result["tests"].items() if v["message"]}
    assert len(result["notes"]) == 1 and "`sigmoid` from chapter 1" in result["notes"][0]
    shown = [o["text"] for c in result["cells"] for o in c["outputs"] if o.get("name") == "stdout"]
    assert any("graded in chapter 1" in text for text in shown)  # under the carried cell, in the feedback


def test_an_unpasted_carried_function_is_replaced_and_said_so():
    result = _grade("07_training", blank=("carried_propagate",))  # the release notebook's stub, as downloaded
    earned, total = _score(result)
    assert earned == total
    assert any("not pasted in yet" in note and "`propagate` from chapter 5" in note for note in result["notes"])


def test_a_right_carried_function_is_used_as_it_is():
    naive = "import numpy as np\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))\n"
    result = _grade("05_vectorization", {"carried_sigmoid": naive})
    assert result["notes"] == [] and _score(result)[0] == _score(result)[1]


def test_the_exercise_itself_is_still_graded():
    wrong_propagate = solution_cells("05_vectorization")["propagate"].replace("dZ = A - Y", "dZ = Y - A")
    result = _grade("05_vectorization", {"carried_sigmoid": WRONG_SIGMOID, "propagate": wrong_propagate})
    earned, total = _score(result)
    assert earned < total and all(
        not t["message"] or name.startswith("test_propagate") for name, t in result["tests"].items()
    )


@pytest.mark.parametrize("exercise", ["carried_sigmoid", "propagate"])
def test_a_process_that_ends_itself_is_the_students_row_not_a_grader_error(exercise):
    # The probe of a carried function, and the references standing in, must not turn the
    # student's stopped process into an error of the grader.
    ends = (
        "import os\n\ndef sigmoid(z):\n    os._exit(0)\n"
        if exercise == "carried_sigmoid"
        else ("import os\n\ndef propagate(w, b, X, Y):\n    os._exit(0)\n")
    )
    replace = {exercise: ends}
    if exercise == "propagate":
        replace["carried_sigmoid"] = WRONG_SIGMOID  # a reference stands in when the process ends
    result = _grade("05_vectorization", replace)
    messages = [t["message"] for t in result["tests"].values() if t["message"]]
    assert messages and any("ended its own process" in m for m in messages)


def test_a_cell_that_claims_to_be_carried_is_judged_by_the_source():
    # A student cell whose metadata names a carried cell the chapter does not have changes nothing.
    nb = submission("05_vectorization")
    demo = next(c for c in nb.cells if c.cell_type == "code" and "nbgrader" not in c.metadata)
    demo.metadata["nbgrader"] = {"grade_id": "carried_nothing", "solution": True, "grade": False, "locked": False}
    result = grade_submission(source_notebook(CHAPTERS / "05_vectorization.md"), nb)
    assert _score(result)[0] == _score(result)[1] and result["notes"] == []
