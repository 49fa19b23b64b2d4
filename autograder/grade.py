"""grade: grade every submission of a chapter safely, then write the grade sheet.

Each submission runs in its own sandbox (``sandbox.py``), and every check runs
in the grader (``engine.py``). Submissions are graded side by side (``--jobs``,
all cores by default) or on a Dask cluster (``--scheduler``); this process alone
writes the gradebook. A submission already graded, unchanged since, is not
graded again, so a grading run that was stopped resumes where it was.

The sheet, ``grades.csv``, has nbgrader's CSV export columns and two more:
``status`` (graded, not gradable, not submitted, not graded yet) and ``problem``, which says
why a student's row is zero or what was odd about it.
"""

import csv
import hashlib
import os
import sys
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from . import sandbox
from .collect import recorded_outcomes
from .course import CourseError
from .parallel import run_dask, run_local
from .progress import progress
from .record import record
from .standing import assigned_chapters, standings

GRADER_FAILED = "the grader could not run this submission"
NOT_READ = "the submitted notebook cannot be read"
MARK = "autograder"  # the autograded notebook's metadata key that records what was graded


def grade(course, chapter, jobs=None, scheduler=None, unsafe=False, limits=sandbox.Limits(), regrade=False, log=None):
    """Grade a chapter's submissions; return {student: problem or ""} for the sheet."""
    (chapter,) = course.resolve([chapter])
    if not course.release(chapter).exists() or not course.source(chapter).exists():
        raise CourseError(f"{chapter} has not been released in {course.root}; run `release {chapter}` first")
    if unsafe:
        print("WARNING: --unsafe: student code runs WITHOUT a sandbox, with your user's rights. "
              "Use it only for code you trust.", file=sys.stderr)
    else:
        try:
            sandbox.check_available()
        except sandbox.SandboxUnavailable as error:
            raise CourseError(str(error)) from None
    source_json = course.source(chapter).read_text(encoding="utf-8")
    source_nb = nbformat.reads(source_json, as_version=4)
    problems, tasks, submitted = {}, [], {}
    for student in course.students(chapter):
        path = course.submitted(student, chapter)
        try:
            text = path.read_bytes().decode("utf-8")
            nb = nbformat.reads(text, as_version=4)
        except Exception as error:  # unreadable: this student gets a reason, the others are graded
            problems[student] = f"{NOT_READ}: {str(error).splitlines()[0][:160] if str(error) else type(error).__name__}"
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if not regrade and _already_graded(course, chapter, student, digest):
            continue
        submitted[student] = (nb, digest)
        tasks.append((student, source_json, text, limits, unsafe))
    runner = run_dask(tasks, scheduler) if scheduler else run_local(tasks, jobs or os.cpu_count() or 1)
    with Gradebook(course.db_url) as gradebook:
        for student, result in progress(runner, desc=f"grade {chapter}", unit="submission", total=len(tasks)):
            nb, digest = submitted[student]
            if "error" in result:
                problems[student] = f"{GRADER_FAILED}: {result['error']}"
                continue
            record(course, chapter, student, source_nb, nb, result, gradebook, mark={MARK: {"submission_sha256": digest}})
            if log is not None:
                log(student, result)
    for student, outcome in recorded_outcomes(course, chapter).items():
        said = "; ".join(outcome["problems"] + outcome["notes"])
        if said:
            problems[student] = "; ".join(filter(None, [problems.get(student, ""), said]))
    with Gradebook(course.db_url) as gradebook:
        for student in problems:
            gradebook.update_or_create_student(student)
    write_grade_sheet(course, {chapter: problems})
    return problems


def _already_graded(course, chapter, student, digest):
    path = course.autograded(student, chapter)
    if not path.exists():
        return False
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return False
    return nb.metadata.get(MARK, {}).get("submission_sha256") == digest


def write_grade_sheet(course, problems_by_chapter):
    """One row per student and assigned chapter: nbgrader's export columns, then ``status`` and ``problem``.

    A student who did not submit has an empty score and the status "not
    submitted", never a bare 0; chapters nobody handed in are left out.
    """
    path = course.root / "grades.csv"
    previous = _read_problems(path)
    for chapter, problems in problems_by_chapter.items():
        previous = {key: value for key, value in previous.items() if key[0] != chapter}
        previous.update({(chapter, student): text for student, text in problems.items()})
    failed = {key for key, text in previous.items() if text.startswith((GRADER_FAILED, NOT_READ))}
    with path.open("w", newline="", encoding="utf-8") as sheet:
        writer = csv.writer(sheet, lineterminator="\n")
        writer.writerow(SHEET_COLUMNS)
        for s in standings(course, assigned_chapters(course), failed):
            writer.writerow([s.chapter, s.duedate, s.timestamp, s.student_id, s.last_name, s.first_name, s.email,
                             _number(s.score), _number(s.late_penalty), _number(s.score), _number(s.max_score),
                             s.status, previous.get((s.chapter, s.student_id), "")])
    return path


SHEET_COLUMNS = [
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
    "email", "raw_score", "late_submission_penalty", "score", "max_score", "status", "problem",
]


def _number(value):
    return "" if value is None else f"{value:g}"


def _read_problems(path):
    if not Path(path).exists():
        return {}
    with Path(path).open(encoding="utf-8") as sheet:
        return {(row["assignment"], row["student_id"]): row.get("problem", "") for row in csv.DictReader(sheet) if row.get("problem")}
