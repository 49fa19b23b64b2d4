"""grade: grade every submission of a chapter safely, then write the grade sheet.

Each submission runs in its own sandbox (``sandbox.py``), and every check runs
in the grader (``engine.py``). Submissions are graded side by side (``--jobs``,
all cores by default) or on a Dask cluster (``--scheduler``); this process alone
writes the gradebook. A submission already graded, unchanged since, is not
graded again, so a grading run that was stopped resumes where it was; a
change to the chapter's tests grades everyone again. A submission the grader
itself failed on (an internal error) gets a "not graded" row, and is not tried
again until ``--regrade``.

The sheet, ``grades.csv``, has nbgrader's CSV export columns and two more:
``status`` (graded, not gradable, not submitted, not graded yet) and ``problem``, which says
why a student's row is zero or what was odd about it.
"""

import csv
import hashlib
import json
import os
import sys
import threading
import time

import nbformat

from . import budget, sandbox
from .course import CourseError
from .limits import Limits
from .parallel import run_dask, run_local
from .progress import progress
from .record import ensure_students, record_many
from .standing import assigned_chapters, standings

GRADER_FAILED = "not graded"  # the grader or the machine failed, not the student
NOT_READ = "the submitted notebook cannot be read"
MARK = "autograder"  # the autograded notebook's metadata key that records what was graded
# Graded submissions are recorded in batches, each one transaction: a batch is written when it
# holds BATCH, or when a result arrives BATCH_SECONDS or more after its oldest, and at the end. A
# run stopped in between grades the waiting ones again the next time.
BATCH, BATCH_SECONDS = 64, 1.0
TIMINGS = "AUTOGRADER_TIMINGS"  # a file to append each submission's engine timing to (benchmarks/bench_grading.py)


def grade(course, chapter, jobs=None, scheduler=None, unsafe=False, limits=Limits(), regrade=False):
    """Grade a chapter's submissions; return {student: problem or ""} for the sheet."""
    (chapter,) = course.chapter_names([chapter])
    if not course.release_path(chapter).exists() or not course.source_path(chapter).exists():
        raise CourseError(f"{chapter} has not been released in {course.root}; run `release {chapter}` first")
    if unsafe:
        print(
            "WARNING: --unsafe: student code runs WITHOUT a sandbox, with your user's rights. "
            "Use it only for code you trust.",
            file=sys.stderr,
        )
    # The sandbox probe starts a real sandbox, once there is something to grade: it runs while the
    # other submissions are read, and is waited for before the first is graded.
    probe = None
    source_json = course.source_path(chapter).read_text(encoding="utf-8")
    source_nb = nbformat.reads(source_json, as_version=4)
    not_graded = {} if regrade else course.grader_failures(chapter)
    problems, tasks, submitted = {}, [], {}
    for student in course.students(chapter):
        path = course.submitted_path(student, chapter)
        try:
            text = path.read_bytes().decode("utf-8")
            nb = nbformat.reads(text, as_version=4)
        except Exception as error:  # unreadable: this student gets a reason, the others are graded
            problems[student] = (
                f"{NOT_READ}: {str(error).splitlines()[0][:160] if str(error) else type(error).__name__}"
            )
            continue
        # The tests are part of what was graded: after a fix to the chapter, everyone is graded again.
        digest = hashlib.sha256(f"{len(source_json)}:{source_json}{text}".encode()).hexdigest()
        earlier = not_graded.pop(student, None)
        if earlier is not None and earlier["sha256"] == digest:
            problems[student] = earlier["reason"]  # the grader failed on it before: not again unless --regrade
            not_graded[student] = earlier
            continue
        if not regrade and _already_graded(course, chapter, student, digest):
            continue
        if probe is None and not unsafe:
            probe = _Probe(limits)
        submitted[student] = (nb, digest)
        tasks.append((student, source_json, text, limits, unsafe, _mark(digest)))
    if probe is not None:
        probe.wait()
        note = budget.shortfall() if scheduler is None else None  # a cluster's workers have cgroups of their own
        if note:
            print(note, file=sys.stderr)
        if sandbox.cold_note():
            print(sandbox.cold_note(), file=sys.stderr)
    runner = run_dask(tasks, scheduler) if scheduler else run_local(tasks, jobs or os.cpu_count() or 1)
    timings = os.environ.get(TIMINGS)
    pending = []  # graded, not yet recorded: written in one transaction per batch

    def finish(student, result, digest):
        if "not_graded" in result:
            problems[student] = f"{GRADER_FAILED}: {result['not_graded']}"
            if result.get("internal") == "error":
                not_graded[student] = {"sha256": digest, "reason": problems[student]}

    def flush():
        started = time.perf_counter()
        entries = [
            (student, submitted[student][0], result, _mark(submitted[student][1])) for student, result in pending
        ]
        failures = dict(record_many(course, chapter, source_nb, entries, gradebook))
        seconds = (time.perf_counter() - started) / len(pending)
        for student, result in pending:
            if student in failures:
                error = failures[student]
                result = {
                    "not_graded": f"internal error while recording: {type(error).__name__}: {str(error)[:200]}",
                    "internal": "error",
                }
            elif timings:
                _log_timing(timings, chapter, student, result, seconds)
            finish(student, result, submitted[student][1])
        pending.clear()

    with course.gradebook() as gradebook:
        oldest = None
        for student, result in progress(runner, desc=f"grade {chapter}", unit="submission", total=len(tasks)):
            if "not_graded" in result:
                finish(student, result, submitted[student][1])
                continue
            pending.append((student, result))
            oldest = oldest if len(pending) > 1 else time.monotonic()
            if len(pending) >= BATCH or time.monotonic() - oldest >= BATCH_SECONDS:
                flush()
        if pending:
            flush()
    course.record_grader_failures(chapter, not_graded)
    for student, outcome in course.collected(chapter).items():
        said = "; ".join(outcome["problems"] + outcome["notes"])
        if said:
            problems[student] = "; ".join(filter(None, [problems.get(student, ""), said]))
    with course.gradebook() as gradebook:
        ensure_students(gradebook, problems)
    course.record_problems(chapter, problems)
    write_grade_sheet(course)
    failed = sum(text.startswith(f"{GRADER_FAILED}:") for text in problems.values())
    if failed:
        print(
            f"{failed} submission(s) of {chapter} were not graded because of the grader or the machine, "
            "not the students' code: see the problem column of grades.csv",
            file=sys.stderr,
        )
    return problems


class _Probe(threading.Thread):
    """``sandbox.check_available`` in the background; ``wait`` raises its failure as a CourseError."""

    def __init__(self, limits):
        super().__init__(daemon=True)
        self.limits, self.error = limits, None
        self.start()

    def run(self):
        try:
            sandbox.check_available(self.limits)
        except Exception as error:
            self.error = error

    def wait(self):
        self.join()
        if isinstance(self.error, sandbox.SandboxUnavailable):
            raise CourseError(str(self.error)) from None
        if self.error is not None:
            raise self.error


def _mark(digest):
    return {MARK: {"grading_sha256": digest}}


def _log_timing(path, chapter, student, result, record_seconds):
    with open(path, "a", encoding="utf-8") as log_file:
        print(
            json.dumps(
                {
                    "chapter": chapter,
                    "student": student,
                    "seconds": result["seconds"],
                    "record_seconds": record_seconds,
                    **result["timing"],
                }
            ),
            file=log_file,
        )


def _already_graded(course, chapter, student, digest):
    path = course.autograded_path(student, chapter)
    if not path.exists():
        return False
    try:  # the mark alone: no need to parse and validate the whole notebook
        mark = json.loads(path.read_bytes())["metadata"][MARK]["grading_sha256"]
    except Exception:
        return False
    return mark == digest


def write_grade_sheet(course):
    """One row per student and assigned chapter: nbgrader's export columns, then ``status`` and ``problem``.

    A student who did not submit has an empty score and the status "not
    submitted", never a bare 0; chapters nobody handed in are left out. The
    problems are each chapter's last grading's, as the course recorded them.
    """
    chapters = assigned_chapters(course)
    problems = {(chapter, student): text for chapter in chapters for student, text in course.problems(chapter).items()}
    failed = {key for key, text in problems.items() if text.startswith((GRADER_FAILED, NOT_READ))}
    path = course.grade_sheet_path()
    with path.open("w", newline="", encoding="utf-8") as sheet:
        writer = csv.writer(sheet, lineterminator="\n")
        writer.writerow(SHEET_COLUMNS)
        for s in standings(course, chapters, failed):
            writer.writerow(
                [
                    s.chapter,
                    s.duedate,
                    s.timestamp,
                    s.student_id,
                    s.last_name,
                    s.first_name,
                    s.email,
                    _number(s.score),
                    _number(s.late_penalty),
                    _number(s.score),
                    _number(s.max_score),
                    s.status,
                    problems.get((s.chapter, s.student_id), ""),
                ]
            )
    return path


SHEET_COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
    "status",
    "problem",
]


def _number(value):
    return "" if value is None else f"{value:g}"
