"""The gradebook on a real PostgreSQL server, through nbgrader's db_url."""

import csv

import pytest

from autograder.__main__ import main
from autograder.course import Course
from autograder.examples import release_notebook, submission
from tests import postgres
from tests.builders import needs_bubblewrap, submit

pytestmark = [
    pytest.mark.slow,
    needs_bubblewrap,
    pytest.mark.skipif(postgres.binaries() is None, reason="PostgreSQL is installed by `make test`"),
]
CHAPTER = "01_one_neuron"
WRONG = "import numpy as np\ndef sigmoid(z):\n    return 1 / (1 + np.exp(np.asarray(z, dtype=float)))\n"


def run_course(root, db_url=None):
    course = Course(root, db_url)
    options = ["--course", str(root)] + (["--db-url", db_url] if db_url else [])
    assert main(["release", "1", *options]) == 0
    for student, nb in [
        ("ada", submission(CHAPTER)),
        ("alan", submission(CHAPTER, {"sigmoid": WRONG})),
        ("blank", release_notebook(CHAPTER)),
    ]:
        submit(course, student, CHAPTER, nb)
    assert main(["grade", "1", *options]) == 0
    assert main(["feedback", "1", *options]) == 0
    with (root / "grades.csv").open() as sheet:
        return {r["student_id"]: (r["score"], r["max_score"]) for r in csv.DictReader(sheet)}


def test_a_postgresql_gradebook_holds_the_same_grades_as_sqlite(tmp_path):
    with postgres.server() as url:
        on_server = run_course(tmp_path / "pg", url)
        from nbgrader.api import Gradebook

        with Gradebook(url) as gradebook:
            assert {s.id for s in gradebook.students} == {"ada", "alan", "blank"}
            assert gradebook.find_submission(CHAPTER, "ada").score == 4.0
    assert on_server == run_course(tmp_path / "sqlite")
    assert not (tmp_path / "pg" / "gradebook.db").exists()
