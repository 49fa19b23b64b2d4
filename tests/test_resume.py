"""A grading run killed midway resumes: nothing graded twice, nothing lost."""

import csv
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from autograder import sandbox
from autograder.course import Course
from autograder.examples import submission
from autograder.release import release
from bookbuild.sources import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sandbox.bubblewrap() is None, reason="bubblewrap is installed by `make test`")]
CHAPTER = "04_backprop_one_example"
STUDENTS = [f"student{i:02d}" for i in range(16)]


def test_a_killed_grading_run_resumes_without_regrading(tmp_path):
    course = Course(tmp_path / "course")
    release(course, [CHAPTER])
    for student in STUDENTS:
        path = course.submitted(student, CHAPTER)
        path.parent.mkdir(parents=True)
        nbformat.write(submission(CHAPTER), path)
    command = [sys.executable, "-m", "autograder", "grade", "4", "--course", str(course.root), "--jobs", "1"]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(course.autograded(s, CHAPTER).exists() for s in STUDENTS) < 4:
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    done_before = {s: course.autograded(s, CHAPTER).stat().st_mtime_ns for s in STUDENTS if course.autograded(s, CHAPTER).exists()}
    assert 4 <= len(done_before) < len(STUDENTS), "the first run should have been stopped midway"

    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)

    for student, stamp in done_before.items():
        assert course.autograded(student, CHAPTER).stat().st_mtime_ns == stamp, f"{student} was graded twice"
    with (course.root / "grades.csv").open() as sheet:
        rows = [r for r in csv.DictReader(sheet) if r["assignment"] == CHAPTER]
    assert sorted(r["student_id"] for r in rows) == STUDENTS
    assert all(float(r["score"]) == float(r["max_score"]) > 0 for r in rows), "a submission was lost or half graded"
