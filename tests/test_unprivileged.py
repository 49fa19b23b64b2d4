"""Grading from an ordinary account gives the same grades as root, with the account busy.

Run as root (as CI is), the test creates an ordinary user, gives it a course
folder of its own and 30 idle processes, and grades as that user with
``setpriv``. Run as an ordinary user, it grades as that user directly.
"""

import csv
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder import sandbox
from autograder.course import Course
from autograder.examples import release_notebook, submission
from autograder.grade import grade
from autograder.release import release
from bookbuild.sources import ROOT, dumps

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sandbox.bubblewrap() is None, reason="bubblewrap is installed by `make test`")]

CHAPTER = "05_vectorization"
USER = "autograder-test"
ZERO_PROPAGATE = (
    "import numpy as np\n\n\ndef propagate(w, b, X, Y):\n"
    "    return {'dw': np.zeros_like(w, dtype=float), 'db': 0.0}, 0.0\n"
)
FORKING_PROPAGATE = ZERO_PROPAGATE + "\nimport os\nfor _ in range(12):\n    if os.fork() == 0:\n        import time; time.sleep(20); os._exit(0)\n"
IDLE_PROCESSES = 30


@pytest.fixture(scope="module")
def account():
    """(the command prefix that runs as the ordinary user, its uid, its gid)."""
    if os.geteuid() != 0:
        yield [], os.getuid(), os.getgid()
        return
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        entry = pwd.getpwnam(USER)
    granted = _grant_traversal(entry.pw_name, [Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), ROOT])
    try:
        yield ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups", "--"], entry.pw_uid, entry.pw_gid
    finally:
        for folder in granted:
            subprocess.run(["setfacl", "-x", f"u:{entry.pw_name}", str(folder)], check=True)


def _grant_traversal(user, paths):
    """Let ``user`` pass through the folders leading to ``paths`` (a Python under /root, say); return those changed."""
    granted = []
    for path in paths:
        for folder in [*reversed(path.parents), path]:
            if folder.stat().st_mode & 0o001 == 0 and folder not in granted:
                subprocess.run(["setfacl", "-m", f"u:{user}:x", str(folder)], check=True)
                granted.append(folder)
    return granted


@pytest.fixture(scope="module")
def busy_account(account):
    """The account with idle processes of its own, as any desktop session has."""
    prefix, _, _ = account
    idle = [subprocess.Popen([*prefix, "sleep", "600"]) for _ in range(IDLE_PROCESSES)]
    try:
        yield account
    finally:
        for process in idle:
            process.kill()
            process.wait()


def _make_course(root):
    course = Course(root)
    release(course, [CHAPTER])
    students = {
        "reference": dumps(submission(CHAPTER)),
        "blank": dumps(release_notebook(CHAPTER)),
        "zero": dumps(submission(CHAPTER, {"propagate": ZERO_PROPAGATE})),
        "forking": dumps(submission(CHAPTER, {"propagate": FORKING_PROPAGATE})),
    }
    for student, text in students.items():
        path = course.submitted(student, CHAPTER)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return course


def _scores(course):
    with (course.root / "grades.csv").open() as sheet:
        return {r["student_id"]: (float(r["score"]), r["problem"]) for r in csv.DictReader(sheet) if r["assignment"] == CHAPTER}


@pytest.fixture(scope="module")
def root_scores(tmp_path_factory):
    course = _make_course(tmp_path_factory.mktemp("as-root") / "course")
    grade(course, CHAPTER, jobs=2)
    return _scores(course)


def _owned_course(uid, gid):
    folder = Path(tempfile.mkdtemp(prefix="autograder-unprivileged-", dir="/tmp"))
    course = _make_course(folder / "course")
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, uid, gid)
    return course


def _grade_as(prefix, course, *options):
    command = [*prefix, "env", f"HOME={course.root.parent}", "TMPDIR=/tmp", sys.executable, "-m", "autograder",
               "grade", "5", "--course", str(course.root), *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_ordinary_account_with_many_processes_grades_like_root(busy_account, root_scores, jobs):
    prefix, uid, gid = busy_account
    course = _owned_course(uid, gid)
    try:
        done = _grade_as(prefix, course, "--jobs", str(jobs))
        assert done.returncode == 0, done.stderr[-2000:]
        scores = _scores(course)
        assert scores == root_scores, f"as an ordinary user: {scores}; as root: {root_scores}"
        assert scores["reference"][0] > scores["zero"][0] >= scores["blank"][0] == 0
    finally:
        shutil.rmtree(course.root.parent)


def test_a_sandbox_that_cannot_start_stops_the_run_before_anyone_is_graded(busy_account):
    prefix, uid, gid = busy_account
    course = _owned_course(uid, gid)
    try:
        # 8 MB is too little for Python itself: the instructor's setting, not a student's fault.
        done = _grade_as(prefix, course, "--memory", "0.008")
        assert done.returncode != 0 and "sandbox" in done.stderr
        assert not (course.root / "grades.csv").exists()
        assert not any(course.autograded(s, CHAPTER).exists() for s in course.students(CHAPTER))
    finally:
        shutil.rmtree(course.root.parent)
