"""record: the engine's result, stored as nbgrader keeps a graded submission."""

import nbformat

from autograder.record import autograded_notebook, record
from tests.tiny_course import (
    CHAPTER,
    HANDED_IN,
    engine_result,
    source_notebook,
    stream,
    submitted_notebook,
    tiny_course,
)


def test_the_scores_and_the_time_reach_the_gradebook_and_the_notebook_is_written(tmp_path):
    course = tiny_course(tmp_path)
    course.store_submission("ada", CHAPTER, submitted_notebook(), HANDED_IN)
    with course.gradebook() as gradebook:
        record(
            course,
            CHAPTER,
            "ada",
            source_notebook(),
            submitted_notebook(),
            engine_result({"test_b": 0}),
            gradebook,
            mark={"autograder": {"grading_sha256": "abc"}},
        )
        submission = gradebook.find_submission(CHAPTER, "ada")
        assert (submission.score, submission.max_score) == (2.0, 3.0)
        assert submission.timestamp == HANDED_IN.replace(tzinfo=None)
    path = course.autograded_path("ada", CHAPTER)
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["autograder"] == {"grading_sha256": "abc"}
    assert [c.outputs[0]["text"] for c in nb.cells] == ["the student's print\n", "test_a ran\n", "test_b ran\n"]
    assert sorted(p.name for p in path.parent.iterdir()) == [
        f"{CHAPTER}.ipynb",
        "submission_secret.txt",
        "timestamp.txt",
    ]


def test_grading_again_replaces_the_scores_and_the_notebook(tmp_path):
    course = tiny_course(tmp_path)
    course.store_submission("ada", CHAPTER, submitted_notebook(), HANDED_IN)
    for earned in ({"test_a": 0, "test_b": 0}, {}):
        with course.gradebook() as gradebook:
            record(course, CHAPTER, "ada", source_notebook(), submitted_notebook(), engine_result(earned), gradebook)
    with course.gradebook() as gradebook:
        assert gradebook.find_submission(CHAPTER, "ada").score == 3.0
    assert not course.autograded_path("ada", CHAPTER).with_suffix(".tmp").exists()


def test_the_instructors_cells_come_from_the_source_and_a_deleted_test_comes_back():
    nb = submitted_notebook()
    nb.cells[1].source = "pass  # the student's edit of test_a"
    nb.cells[1].metadata["nbgrader"]["points"] = 100
    del nb.cells[2]  # test_b deleted
    graded = autograded_notebook(source_notebook(), nb, engine_result())
    assert [c.get("id") for c in graded.cells] == ["double", "test_a", "test_b"]
    assert graded.cells[1].source == source_notebook().cells[1].source
    assert graded.cells[1].metadata["nbgrader"]["points"] == 2.0
    assert graded.cells[2].outputs[0]["text"] == "test_b ran\n"


def test_a_student_cell_that_borrows_a_tests_id_gets_its_own_output_only():
    nb = submitted_notebook()
    impostor = nbformat.v4.new_code_cell("print('mine')")
    impostor["id"] = "test_a"
    impostor.metadata["nbgrader"] = {"grade_id": "not_in_the_course", "grade": True, "points": 50}
    nb.cells.insert(1, impostor)
    result = engine_result()
    result["cells"].insert(1, {"where": "sandbox", "id": "test_a", "outputs": [stream("mine\n")]})
    graded = autograded_notebook(source_notebook(), nb, result)
    (mine,) = [c for c in graded.cells if c.source == "print('mine')"]
    (test,) = [c for c in graded.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "test_a"]
    assert [o["text"] for o in mine.outputs] == ["mine\n"] and "nbgrader" not in mine.metadata
    assert [o["text"] for o in test.outputs] == ["test_a ran\n"]
    assert len({c.get("id") for c in graded.cells}) == len(graded.cells)
    nbformat.validate(graded)


def test_a_cell_that_did_not_run_shows_no_output():
    cells = [{"where": "trusted", "id": "test_a", "grade_id": "test_a", "outputs": [stream("test_a ran\n")]}]
    graded = autograded_notebook(source_notebook(), submitted_notebook(), engine_result(cells=cells))
    assert [len(c.outputs) for c in graded.cells] == [0, 1, 0]
    assert all(c.execution_count is None for c in graded.cells)
