"""A test cell means the same in the student's own kernel as in the sandboxed engine.

A sample of the corpus (per chapter: the reference, the untouched release, and
its first right and first wrong variants) is graded twice, by stock
`nbgrader autograde` (every cell in one kernel, as a student runs it) and by
`grade` (student code sandboxed, checks in the grader): every test cell must
pass or fail alike.
"""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course import Course
from autograder.examples import release_notebook, submission
from autograder.grade import grade
from autograder.release import release
from autograder.report import collect_results
from tests.builders import needs_bubblewrap, submit
from tests.corpus import VARIANTS

pytestmark = [pytest.mark.slow, needs_bubblewrap]


def sample():
    chosen = {}
    for variant in VARIANTS:
        chosen.setdefault((variant["chapter"], variant["kind"]), variant)
    return list(chosen.values())


def fill(course):
    for variant in sample():
        nb = submission(variant["chapter"], {variant["exercise"]: variant["path"].read_text(encoding="utf-8")})
        submit(course, variant["name"], variant["chapter"], nb)
    for chapter in course.chapters():
        submit(course, "reference", chapter, submission(chapter))
        submit(course, "release-untouched", chapter, release_notebook(chapter))


def outcomes(course, chapter):
    return {
        s: {t: message is None for t, (_, _, message) in r["tests"].items()}
        for s, r in collect_results(course, chapter).items()
    }


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("meaning")
    engine, stock = Course(root / "engine"), Course(root / "stock")
    for course in (engine, stock):
        release(course)
        fill(course)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    (root / "stock-run").mkdir()
    (root / "stock-run" / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(stock.root)!r}\n"
    )
    # Stock nbgrader grades every chapter in the background while the engine grades in front:
    # both spend much of their time waiting on kernels and sandboxes.
    nbgrader = shlex.quote(str(Path(sys.executable).parent / "nbgrader"))
    stock_run = subprocess.Popen(
        ["bash", "-eo", "pipefail", "-c", " && ".join(f"{nbgrader} autograde {c} --force" for c in engine.chapters())],
        cwd=root / "stock-run",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for chapter in engine.chapters():
        grade(engine, chapter, jobs=2)
    _, errors = stock_run.communicate(timeout=1800)
    assert stock_run.returncode == 0, errors[-3000:]
    return {chapter: (outcomes(engine, chapter), outcomes(stock, chapter)) for chapter in engine.chapters()}


@pytest.mark.parametrize("chapter", Course.chapters())
def test_every_test_cell_passes_or_fails_alike(both, chapter):
    in_engine, in_kernel = both[chapter]
    assert set(in_engine) == set(in_kernel) and len(in_engine) >= 3
    differences = {
        s: {t: (in_engine[s][t], in_kernel[s].get(t)) for t in in_engine[s] if in_engine[s][t] != in_kernel[s].get(t)}
        for s in in_engine
    }
    assert not any(differences.values()), differences
