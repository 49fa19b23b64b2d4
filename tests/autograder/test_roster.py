"""roster: the whole class from the platform, so that who handed in nothing is listed by name."""

import csv

import pytest
from nbgrader.api import Gradebook

from autograder.collect import collect
from autograder.course import Course, CourseError
from autograder.release import release
from autograder.roster import read_roster, roster
from autograder.standing import NOT_SUBMITTED, PENDING, standings
from tests.exports import CHAPTER, CLASS, canvas_zip, email, moodle_worksheet

ABSENT = ("Ana Absent", "10009")


def canvas_gradebook(path):
    """Canvas's gradebook export: a "Points Possible" row, the test student, then the class."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{CHAPTER} (881)"])
        writer.writerow(["    Points Possible", "", "", "", "", "9.00"])
        for name, user_id in [(n, i) for n, i, _ in CLASS] + [ABSENT]:
            first, _, last = name.rpartition(" ")
            writer.writerow([f"{last}, {first}", user_id, f"s{user_id}", f"login{user_id}", "Section 1", ""])
        writer.writerow(["Student, Test", "99999", "", "", "Section 1", ""])
    return path


def test_canvas_roster_lists_who_did_not_submit(tmp_path):
    course = Course(tmp_path / "course")
    release(course, [CHAPTER])
    enrolled = roster(course, canvas_gradebook(tmp_path / "gradebook.csv"))
    assert len(enrolled) == len(CLASS) + 1 and "canvas-99999" not in {s.id for s in enrolled}
    collect(course, CHAPTER, canvas_zip(tmp_path / "submissions.zip"))
    status = {s.student_id: s.status for s in standings(course, [CHAPTER])}
    assert status["canvas-10009"] == NOT_SUBMITTED
    assert all(status[f"canvas-{i}"] == PENDING for _, i, _ in CLASS)  # handed in, not graded yet
    with Gradebook(course.db_url) as gradebook:
        absent = gradebook.find_student("canvas-10009")
        assert (absent.first_name, absent.last_name, absent.lms_user_id) == ("Ana", "Absent", "10009")
        assert gradebook.find_student("canvas-10005").last_name == "张伟"


def test_moodle_worksheet_roster_keeps_emails(tmp_path):
    students = {s.id: s for s in read_roster(moodle_worksheet(tmp_path / "worksheet.csv"))}
    assert set(students) == {f"moodle-{i}" for _, i, _ in CLASS}
    assert students["moodle-10008"].email == email("10008")
    assert students["moodle-10004"].name == "Zhang Wei 张伟"


def test_a_file_that_is_no_roster_is_named(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("name,score\nada,3\n", encoding="utf-8")
    with pytest.raises(CourseError, match="neither Canvas's gradebook export"):
        read_roster(other)
