"""roster: enrol the class from the learning platform, so that who handed in nothing is listed too.

    python -m autograder roster FILE

``collect`` knows only the students who submitted something. The roster is the
platform's list of the whole class:

* Canvas: the gradebook export (Grades > Export), whose first columns are
  ``Student`` ("Last, First"), ``ID`` (the user id), ``SIS User ID``, ``SIS Login ID``
  and ``Section``; its "Points Possible" row and Canvas's test student are skipped;
* Moodle: an assignment's grading worksheet (Download grading worksheet), with
  ``Identifier`` ("Participant 123456"), ``Full name`` and ``Email address``.

Each student is written to the gradebook under the id ``collect`` gives their
submissions (``canvas-<ID>``, ``moodle-<participant id>``), with the name and email,
so the grade sheet, the report and ``export`` show them as "not submitted".
"""

import re

from .collect import Student, read_csv, remember_students
from .course import CourseError

_CANVAS_TEST_STUDENT = "Student, Test"


def read_roster(path):
    """[Student] of a Canvas gradebook export or a Moodle grading worksheet."""
    rows = read_csv(path, "roster")
    columns = set(rows[0]) if rows else set()
    if {"Student", "ID"} <= columns:
        students = [_canvas(row) for row in rows]
    elif {"Identifier", "Full name"} <= columns:
        students = [_moodle(row) for row in rows]
    else:
        raise CourseError(
            f"{path} is neither Canvas's gradebook export (Student, ID, ...) "
            "nor Moodle's grading worksheet (Identifier, Full name, ...)"
        )
    students = [s for s in students if s is not None]
    if not students:
        raise CourseError(f"{path} lists no students")
    return students


def _canvas(row):
    user_id = (row.get("ID") or "").strip()
    name = (row.get("Student") or "").strip()
    if not user_id.isdigit() or name == _CANVAS_TEST_STUDENT:  # "Points Possible", muted rows, the test student
        return None
    last, _, first = name.partition(", ")
    return Student(f"canvas-{user_id}", first.strip(), last.strip(), platform_id=user_id)


def _moodle(row):
    match = re.fullmatch(r"\D*(\d+)", (row.get("Identifier") or "").strip())
    if not match:
        return None
    first, _, last = (row.get("Full name") or "").strip().rpartition(" ")
    return Student(
        f"moodle-{match.group(1)}",
        first,
        last,
        email=(row.get("Email address") or "").strip(),
        platform_id=match.group(1),
    )


def roster(course, path):
    """Enrol every student of the roster; return them."""
    students = read_roster(path)
    remember_students(course, students)
    return students
