"""A grading run killed midway resumes: nothing graded twice, nothing lost."""

import csv
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import grade as grade_module
from autograder.examples import submission
from autograder.grade import grade
from chapterkit.sources import ROOT
from tests.builders import course_with, needs_bubblewrap

pytestmark = [pytest.mark.slow, needs_bubblewrap]
CHAPTER = "04_backprop_one_example"
STUDENTS = [f"student{i:02d}" for i in range(16)]


def test_a_killed_grading_run_resumes_without_regrading(tmp_path):
    course = _course_with(tmp_path, CHAPTER, STUDENTS)
    command = [sys.executable, "-m", "autograder", "grade", "4", "--course", str(course.root), "--jobs", "1"]
    first = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(course.autograded_path(s, CHAPTER).exists() for s in STUDENTS) < 4:
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    done_before = {
        s: course.autograded_path(s, CHAPTER).stat().st_mtime_ns
        for s in STUDENTS
        if course.autograded_path(s, CHAPTER).exists()
    }
    assert 4 <= len(done_before) < len(STUDENTS), "the first run should have been stopped midway"

    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)

    for student, stamp in done_before.items():
        assert course.autograded_path(student, CHAPTER).stat().st_mtime_ns == stamp, f"{student} was graded twice"
    with (course.root / "grades.csv").open() as sheet:
        rows = [r for r in csv.DictReader(sheet) if r["assignment"] == CHAPTER]
    assert sorted(r["student_id"] for r in rows) == STUDENTS
    assert all(float(r["score"]) == float(r["max_score"]) > 0 for r in rows), "a submission was lost or half graded"


def _course_with(tmp_path, chapter, students):
    return course_with(tmp_path / "course", chapter, {student: submission(chapter) for student in students})


def _stamps(course, chapter, students):
    return {
        s: course.autograded_path(s, chapter).stat().st_mtime_ns
        for s in students
        if course.autograded_path(s, chapter).exists()
    }


def test_a_change_to_the_chapters_tests_grades_everyone_again(tmp_path):
    chapter = "01_one_neuron"
    course = _course_with(tmp_path, chapter, ["ada", "bo"])
    grade(course, chapter, jobs=1)
    first = _stamps(course, chapter, ["ada", "bo"])
    grade(course, chapter, jobs=1)
    assert _stamps(course, chapter, ["ada", "bo"]) == first, "unchanged: nothing is graded twice"
    source = course.source_path(chapter)
    nb = nbformat.read(source, as_version=4)
    test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    test_cell.source += "\n# a fix to this test"
    nbformat.write(nb, source)
    grade(course, chapter, jobs=1)
    again = _stamps(course, chapter, ["ada", "bo"])
    assert all(again[s] != first[s] for s in first), "the tests changed, so every submission is graded again"


def test_a_submission_the_grader_fails_on_is_a_row_and_is_not_retried_unless_asked(tmp_path, monkeypatch, capsys):
    chapter = "01_one_neuron"
    course = _course_with(tmp_path, chapter, ["ada", "bo"])
    graded = []
    real = grade_module.run_local

    def failing_for_bo(tasks, jobs):
        graded.extend(task[0] for task in tasks)
        honest = [task for task in tasks if task[0] != "bo"]
        yield from real(honest, jobs)
        if len(honest) < len(tasks):
            yield "bo", {"not_graded": "internal error: SystemExit: 3", "internal": "error"}

    monkeypatch.setattr(grade_module, "run_local", failing_for_bo)
    problems = grade(course, chapter, jobs=1)
    assert problems["bo"] == "not graded: internal error: SystemExit: 3" and "ada" not in problems
    assert "1 submission(s) of 01_one_neuron were not graded" in capsys.readouterr().err
    with (course.root / "grades.csv").open() as sheet:
        rows = {r["student_id"]: r for r in csv.DictReader(sheet) if r["assignment"] == chapter}
    assert rows["bo"]["problem"].startswith("not graded: internal error") and float(rows["ada"]["score"]) > 0
    graded.clear()
    assert grade(course, chapter, jobs=1)["bo"].startswith("not graded")
    assert graded == [], "a rerun does not try the failed submission again"
    grade(course, chapter, jobs=1, regrade=True)
    assert sorted(graded) == ["ada", "bo"]
