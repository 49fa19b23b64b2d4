"""Grading from an ordinary account gives the same grades as root, with the account busy.

Run as root (as CI is), the test creates an ordinary user, gives it a course
folder of its own and 30 idle processes, and grades as that user with
``setpriv``. Run as an ordinary user, it grades as that user directly.

Without delegated cgroups the budgets are per process, and ``grade`` says so.
With them (``delegate-cgroups``, run by the test as root) the whole attack
corpus is graded as the user, each sandbox in a cgroup of its own, under an
administrator's cap on all of them together, so the machine is never at risk.
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from autograder import budget
from autograder.examples import release_notebook, submission
from autograder.grade import grade
from chapterkit.sources import ROOT, dumps
from tests import attack_batch
from tests.accounts import USER, give, ordinary_account
from tests.builders import course_with, needs_bubblewrap

pytestmark = [pytest.mark.slow, needs_bubblewrap]

CHAPTER = "05_vectorization"
ZERO_PROPAGATE = (
    "import numpy as np\n\n\ndef propagate(w, b, X, Y):\n"
    "    return {'dw': np.zeros_like(w, dtype=float), 'db': 0.0}, 0.0\n"
)
FORKING_PROPAGATE = (
    ZERO_PROPAGATE
    + "\nimport os\nfor _ in range(12):\n    if os.fork() == 0:\n        import time; time.sleep(20); os._exit(0)\n"
)
IDLE_PROCESSES = 30
PER_PROCESS_NOTE = "limits are per process, not per sandbox"
# The administrator's caps on all of the test user's sandboxes together: the
# machine's safety net, far above what two sandboxes at a time may hold.
ALL_SANDBOXES_MEMORY_GIB, ALL_SANDBOXES_PROCESSES = 3, 64
GRADE_CORPUS = (
    "import sys\n"
    "from autograder.course import Course\nfrom autograder.feedback import feedback\nfrom autograder.grade import grade\n"
    "from tests.attack_batch import JOBS, LIMITS, grade_all\n"
    "course = Course(sys.argv[1])\ngrade_all(course, grade, feedback, jobs=JOBS, limits=LIMITS)\n"
)


@pytest.fixture(scope="module")
def account():
    """(the command prefix that runs as the ordinary user, its uid, its gid)."""
    with ordinary_account() as found:
        yield found


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
    return course_with(
        root,
        CHAPTER,
        {
            "reference": dumps(submission(CHAPTER)),
            "blank": dumps(release_notebook(CHAPTER)),
            "zero": dumps(submission(CHAPTER, {"propagate": ZERO_PROPAGATE})),
            "forking": dumps(submission(CHAPTER, {"propagate": FORKING_PROPAGATE})),
        },
    )


def _scores(course):
    with (course.root / "grades.csv").open() as sheet:
        return {
            r["student_id"]: (float(r["score"]), r["problem"])
            for r in csv.DictReader(sheet)
            if r["assignment"] == CHAPTER
        }


@pytest.fixture(scope="module")
def root_scores(tmp_path_factory):
    course = _make_course(tmp_path_factory.mktemp("as-root") / "course")
    grade(course, CHAPTER, jobs=2)
    return _scores(course)


def _owned_course(uid, gid):
    folder = Path(tempfile.mkdtemp(prefix="autograder-unprivileged-", dir="/tmp"))
    course = _make_course(folder / "course")
    give(folder, uid, gid)
    return course


def _grade_as(prefix, course, *options):
    command = [
        *prefix,
        "env",
        f"HOME={course.root.parent}",
        "TMPDIR=/tmp",
        sys.executable,
        "-m",
        "autograder",
        "grade",
        "5",
        "--course",
        str(course.root),
        *options,
    ]
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
        if os.geteuid() == 0:  # the test's user has no delegated cgroup here
            notes = [line for line in done.stderr.splitlines() if PER_PROCESS_NOTE in line]
            assert len(notes) == 1 and "delegate-cgroups --user" in notes[0], done.stderr[-2000:]
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
        assert not any(course.autograded_path(s, CHAPTER).exists() for s in course.students(CHAPTER))
    finally:
        shutil.rmtree(course.root.parent)


class CgroupWatch:
    """While grading runs, the last seen (memory limit, process limit, peak memory) of every sandbox's cgroup."""

    def __init__(self, folders):
        self.folders = folders
        self.seen = {}
        self.running = True
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self):
        while self.running:
            for group in self.folders["memory"].iterdir():
                try:
                    # A grading process reuses its cgroups' names; the kernel's inode number tells them apart.
                    self.seen[group.name, group.stat().st_ino] = (
                        int((group / "memory.limit_in_bytes").read_text()),
                        int((self.folders["pids"] / group.name / "pids.max").read_text()),
                        int((group / "memory.max_usage_in_bytes").read_text()),
                    )
                except (OSError, ValueError):
                    continue  # not a folder, or the sandbox ended meanwhile
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.thread.join()


def _delegate(*options):
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "delegate-cgroups", "--user", USER, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def corpus_as_user(busy_account):
    """The attack corpus graded as the ordinary user, with cgroups delegated to it for this run only."""
    if os.geteuid() != 0:
        pytest.skip("delegating cgroups to the test's user needs root (CI is root)")
    prefix, uid, gid = busy_account
    root = Path(tempfile.mkdtemp(prefix="autograder-unprivileged-", dir="/tmp"))
    prepared = attack_batch.prepare(root)
    give(root, uid, gid)
    folders = budget.delegated_folders(USER)
    _delegate("--undo")  # what a killed earlier run left
    _delegate("--memory", str(ALL_SANDBOXES_MEMORY_GIB), "--processes", str(ALL_SANDBOXES_PROCESSES))
    watch = CgroupWatch(folders)
    try:
        done = subprocess.run(
            [
                *prefix,
                "env",
                f"HOME={root}",
                "TMPDIR=/tmp",
                sys.executable,
                "-c",
                GRADE_CORPUS,
                str(prepared.course.root),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        left = [g.name for f in folders.values() for g in f.iterdir() if g.is_dir()]
    finally:
        watch.stop()
        prepared.canary.close()
        _delegate("--undo")
    try:
        assert done.returncode == 0, done.stderr[-2000:]
        yield {"done": done, "seen": watch.seen, "left": left, **attack_batch.outcome(prepared)}
    finally:
        shutil.rmtree(root)


def test_as_an_ordinary_user_no_attack_earns_more_than_its_honest_twin(corpus_as_user):
    done, rows = corpus_as_user["done"], corpus_as_user["rows"]
    assert PER_PROCESS_NOTE not in done.stderr, "with delegated cgroups the budgets are per sandbox"
    print("\n".join(attack_batch.table(rows)))
    assert {f"attack-{attack_batch.name(p)}" for p in attack_batch.ATTACKS} <= set(rows)
    assert attack_batch.unearned(rows) == {}
    assert attack_batch.honest_intact(rows)
    assert corpus_as_user["after"] == corpus_as_user["protected"]
    assert corpus_as_user["canary"] == []


def test_each_sandbox_of_an_ordinary_user_has_a_cgroup_that_holds_its_memory(corpus_as_user):
    seen, limits = corpus_as_user["seen"], attack_batch.LIMITS
    assert len(seen) >= len(attack_batch.ATTACKS), f"only {len(seen)} sandbox cgroups seen"
    assert {(limit, processes) for limit, processes, _ in seen.values()} == {(limits.memory_bytes, limits.processes)}
    peaks = sorted(peak for _, _, peak in seen.values())
    print(
        f"{len(seen)} sandbox cgroups; the highest peak {peaks[-1] / 2**20:.0f} MiB of {limits.memory_bytes / 2**20:.0f} MiB"
    )
    # The memory attacks (forked children holding 5 x 600 MB, /tmp files) pressed on their sandbox's limit, which held.
    assert limits.memory_bytes // 2 < peaks[-1] <= limits.memory_bytes, peaks[-5:]
    assert corpus_as_user["left"] == [], "every sandbox's cgroup is removed after it"
