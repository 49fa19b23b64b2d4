"""The grade sheet, from what the course recorded: every student's status, score and problem."""

import csv

from autograder.grade import GRADER_FAILED, SHEET_COLUMNS, write_grade_sheet
from autograder.record import record
from tests.tiny_course import CHAPTER, HANDED_IN, engine_result, source_notebook, submitted_notebook, tiny_course

CLASS = {
    "ada": ("Ada", "Lovelace", "ada@example.org"),
    "bo": ("Bo", "Li", ""),
    "cy": ("Cy", "Young", ""),
    "dee": ("Dee", "Pending", ""),
}


def sheet(course):
    with write_grade_sheet(course).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == SHEET_COLUMNS
    return {row[3]: dict(zip(SHEET_COLUMNS, row)) for row in rows[1:]}


def graded(course, student, earned):
    course.store_submission(student, CHAPTER, submitted_notebook(), HANDED_IN)
    with course.gradebook() as gradebook:
        record(course, CHAPTER, student, source_notebook(), submitted_notebook(), engine_result(earned), gradebook)


def test_each_student_has_one_row_that_says_where_they_stand(tmp_path):
    course = tiny_course(tmp_path, CLASS)
    graded(course, "ada", {"test_b": 0})
    course.store_submission("dee", CHAPTER, submitted_notebook(), HANDED_IN)  # collected, not graded yet
    course.record_collected(CHAPTER, {"bo": {"imported": False, "problems": ["bo.pdf is not a notebook"], "notes": []}})
    course.record_problems(CHAPTER, {"bo": "bo.pdf is not a notebook"})
    rows = sheet(course)
    assert set(rows) == set(CLASS)
    ada, bo, cy, dee = (rows[s] for s in ("ada", "bo", "cy", "dee"))
    assert (ada["status"], ada["score"], ada["raw_score"], ada["max_score"]) == ("graded", "2", "2", "3")
    assert ada["timestamp"].startswith("2026-03-01 20:30:05") and ada["email"] == "ada@example.org"
    assert (bo["status"], bo["score"], bo["problem"]) == ("not gradable", "0", "bo.pdf is not a notebook")
    assert (cy["status"], cy["score"], cy["problem"]) == ("not submitted", "", "")  # never a bare 0
    assert (dee["status"], dee["score"]) == ("not graded yet", "")
    assert {row["assignment"] for row in rows.values()} == {CHAPTER}  # chapters nobody handed in are left out


def test_a_submission_the_grader_failed_on_is_not_gradable_with_the_reason(tmp_path):
    course = tiny_course(tmp_path, CLASS)
    graded(course, "ada", {})
    reason = f"{GRADER_FAILED}: internal error: the grading process died"
    course.record_problems(CHAPTER, {"ada": reason})
    ada = sheet(course)["ada"]
    assert (ada["status"], ada["score"], ada["problem"]) == ("not gradable", "0", reason)
    course.record_problems(CHAPTER, {})  # graded again, and this time it worked
    ada = sheet(course)["ada"]
    assert (ada["status"], ada["score"], ada["problem"]) == ("graded", "3", "")
