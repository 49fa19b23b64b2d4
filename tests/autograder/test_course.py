"""The course folder: where each thing lives, when a submission was handed in, what each step recorded."""

from datetime import datetime, timedelta, timezone

import pytest

from autograder.course import Course, CourseError
from tests.tiny_course import CHAPTER, HANDED_IN, submitted_notebook


def test_paths_follow_nbgraders_layout(tmp_path):
    course = Course(tmp_path)
    assert course.source_path(CHAPTER) == tmp_path / "source" / CHAPTER / f"{CHAPTER}.ipynb"
    assert course.release_path(CHAPTER) == tmp_path / "release" / CHAPTER / f"{CHAPTER}.ipynb"
    assert course.submitted_path("ada", CHAPTER) == tmp_path / "submitted" / "ada" / CHAPTER / f"{CHAPTER}.ipynb"
    assert course.autograded_path("ada", CHAPTER) == tmp_path / "autograded" / "ada" / CHAPTER / f"{CHAPTER}.ipynb"
    assert course.feedback_path("ada", CHAPTER) == tmp_path / "feedback" / "ada" / CHAPTER / f"{CHAPTER}.html"


def test_chapters_are_found_by_name_or_number(tmp_path):
    course = Course(tmp_path)
    assert course.chapter_names(["1", "01", CHAPTER]) == [CHAPTER] * 3
    assert course.chapter_names([]) == course.chapters() and len(course.chapters()) > 1
    with pytest.raises(CourseError, match="unknown chapter '99'"):
        course.chapter_names(["99"])


def test_a_stored_submission_is_listed_with_its_time_in_utc(tmp_path):
    course = Course(tmp_path)
    paris = timezone(timedelta(hours=1))
    course.store_submission("ada", CHAPTER, submitted_notebook(), HANDED_IN.astimezone(paris))
    assert course.students(CHAPTER) == ["ada"] and course.students("02_sigmoid_derivative") == []
    assert course.submitted_at("ada", CHAPTER) == HANDED_IN.replace(tzinfo=None)
    folder = course.submitted_path("ada", CHAPTER).parent
    secret = (folder / "submission_secret.txt").read_text()
    course.store_submission("ada", CHAPTER, submitted_notebook(), HANDED_IN)
    assert (folder / "submission_secret.txt").read_text() == secret  # a new import keeps the secret nbgrader knows


@pytest.mark.parametrize(
    "written, read",
    [
        ("2026-03-01 20:30:05.250000 UTC", datetime(2026, 3, 1, 20, 30, 5, 250000)),
        ("2026-03-01 20:30:05", datetime(2026, 3, 1, 20, 30, 5)),  # as nbgrader's own submit may write it
        ("2026-03-01 20:30:05.250000+00:00", datetime(2026, 3, 1, 20, 30, 5, 250000)),
        ("yesterday", None),
    ],
)
def test_submission_times_written_by_nbgrader_are_read_too(tmp_path, written, read):
    course = Course(tmp_path)
    folder = course.submitted_path("ada", CHAPTER).parent
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text(written)
    assert course.submitted_at("ada", CHAPTER) == read
    assert course.submitted_at("bo", CHAPTER) is None


def test_the_time_and_secret_go_next_to_what_nbgrader_releases(tmp_path):
    course = Course(tmp_path)
    course.store_submission("ada", CHAPTER, submitted_notebook(), HANDED_IN)
    for student in ("ada", "bo"):  # bo handed in nothing importable
        target = tmp_path / "out" / student
        target.mkdir(parents=True)
        course.copy_submission_files(student, CHAPTER, target, fill_missing=student == "bo")
        assert sorted(p.name for p in target.iterdir()) == ["submission_secret.txt", "timestamp.txt"]
    kept = course.submitted_path("ada", CHAPTER).parent
    assert (tmp_path / "out" / "ada" / "timestamp.txt").read_text() == (kept / "timestamp.txt").read_text()
    unfilled = tmp_path / "out" / "cy"
    unfilled.mkdir()
    course.copy_submission_files("cy", CHAPTER, unfilled)
    assert not any(unfilled.iterdir())


def test_a_later_collect_replaces_a_students_outcome_and_keeps_the_others(tmp_path):
    course = Course(tmp_path)
    assert course.collected(CHAPTER) == {} and course.problems(CHAPTER) == {}
    course.record_collected(
        CHAPTER,
        {
            "ada": {"imported": False, "problems": ["empty"], "notes": []},
            "bo": {"imported": True, "problems": [], "notes": []},
        },
    )
    course.record_collected(CHAPTER, {"ada": {"imported": True, "problems": [], "notes": ["renamed"]}})
    assert course.collected(CHAPTER) == {
        "ada": {"imported": True, "problems": [], "notes": ["renamed"]},
        "bo": {"imported": True, "problems": [], "notes": []},
    }
    assert course.collected("02_sigmoid_derivative") == {}
    course.record_problems(CHAPTER, {"bo": "kept 張伟's file"})
    course.record_grader_failures(CHAPTER, {"bo": {"sha256": "0" * 64, "reason": "not graded: the machine"}})
    assert Course(tmp_path).problems(CHAPTER) == {"bo": "kept 張伟's file"}
    assert Course(tmp_path).grader_failures(CHAPTER)["bo"]["reason"] == "not graded: the machine"
    assert not list(tmp_path.glob("**/*.tmp"))
