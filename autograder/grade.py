"""grade: autograde every submission of a chapter, then write the grade sheet.

Grading goes through nbgrader's own autograder (one kernel per submission), so
the gradebook, ``nbgrader export`` and formgrader see the usual records. The
sheet, ``grades.csv``, is nbgrader's CSV export with one more column,
``problem``, which says why a student's row is zero or what was odd about it.
"""

import csv
import io
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.plugins.export import CsvExportPlugin

from .collect import recorded_outcomes
from .course import CourseError, quiet_nbgrader
from .progress import progress


def grade(course, chapter):
    """Autograde all of a chapter's submissions; return {student: problem or ""} for this chapter."""
    (chapter,) = course.resolve([chapter])
    if not course.release(chapter).exists():
        raise CourseError(f"{chapter} has not been released in {course.root}; run `release {chapter}` first")
    api = course.api()
    problems = {}
    for student in progress(course.students(chapter), desc=f"grade {chapter}", unit="submission"):
        with quiet_nbgrader():
            result = api.autograde(chapter, student, force=True, create=True)
        if not result["success"]:
            problems[student] = "the notebook could not be graded: " + _last_line(result.get("error") or result.get("log"))
    for student, outcome in recorded_outcomes(course, chapter).items():
        said = "; ".join(outcome["problems"] + outcome["notes"])
        if said:
            problems[student] = "; ".join(filter(None, [problems.get(student, ""), said]))
    with Gradebook(course.db_url) as gradebook:
        for student in problems:
            gradebook.update_or_create_student(student)
    write_grade_sheet(course, {chapter: problems})
    return problems


def write_grade_sheet(course, problems_by_chapter):
    """nbgrader's CSV export of the whole gradebook, plus the ``problem`` column."""
    path = course.root / "grades.csv"
    previous = _read_problems(path)
    for chapter, problems in problems_by_chapter.items():
        previous = {key: value for key, value in previous.items() if key[0] != chapter}
        previous.update({(chapter, student): text for student, text in problems.items()})
    exported = course.root / ".grades-export.csv"
    with Gradebook(course.db_url) as gradebook, quiet_nbgrader():
        CsvExportPlugin(to=str(exported)).export(gradebook)
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    exported.unlink()
    with path.open("w", newline="", encoding="utf-8") as sheet:
        fields = [*(rows[0].keys() if rows else _NBGRADER_COLUMNS), "problem"]
        writer = csv.DictWriter(sheet, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "problem": previous.get((row["assignment"], row["student_id"]), "")})
    return path


_NBGRADER_COLUMNS = [
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
    "email", "raw_score", "late_submission_penalty", "score", "max_score",
]


def _read_problems(path):
    if not Path(path).exists():
        return {}
    with Path(path).open(encoding="utf-8") as sheet:
        return {(row["assignment"], row["student_id"]): row.get("problem", "") for row in csv.DictReader(sheet) if row.get("problem")}


def _last_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "unknown error"
