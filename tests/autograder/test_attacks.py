"""The attack corpus: submissions that try to game the grader or harm the course.

Every attack in tests/attacks/ is graded in one batch (two jobs at once) with its
honest twin and with honest students. For each: no unearned points, the batch
completes, every other student's grade is intact, and nothing outside the
sandbox changed. The table of outcomes is printed at the end of the run.
"""

from pathlib import Path

import nbformat
import pytest

from autograder.feedback import feedback
from autograder.grade import grade
from chapterkit.leaks import HIDDEN_TESTS, html_text, notebook_text, secret_lines, shown
from chapterkit.sources import CHAPTERS, source_notebook
from tests.attack_batch import (
    ATTACKS,
    JOBS,
    LIMITS,
    chapters,
    grade_all,
    honest_intact,
    name,
    outcome,
    parse,
    prepare,
    table,
    unearned,
)
from tests.builders import needs_bubblewrap

pytestmark = [pytest.mark.slow, needs_bubblewrap]

PWNED = [Path("/tmp/pwned-by-a-student"), Path.home() / "pwned", Path("/root/pwned")]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, pytestconfig):
    prepared = prepare(tmp_path_factory.mktemp("attacked"))
    try:
        grade_all(prepared.course, grade, feedback, jobs=JOBS, limits=LIMITS)
    finally:
        prepared.canary.close()
    graded = outcome(prepared)
    pytestconfig.pluginmanager.register(AttackTable(table(graded["rows"])), "attack-table")
    return graded


class AttackTable:
    """The attacks' outcomes, as a report at the end of the run: what each one earned, and what the sheet said."""

    def __init__(self, lines):
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.section("the attack corpus, graded")
        for line in self.lines:
            terminalreporter.write_line(line)


def test_there_are_at_least_thirty_classes_of_attack():
    assert len({parse(p)[0] for p in ATTACKS}) >= 30


def test_the_batch_completes_with_a_row_for_every_student(batch):
    expected = {f"{kind}-{name(p)}" for p in ATTACKS for kind in ("honest", "attack")} | {
        "honest-reference",
        "honest-blank",
    }
    assert expected <= set(batch["rows"])


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
def test_no_unearned_points(batch, attack):
    assert name(attack) not in unearned(batch["rows"]), (
        f"{name(attack)}: (with the attack, without) = {unearned(batch['rows'])[name(attack)]}"
    )


def test_every_other_students_grade_is_intact(batch):
    assert honest_intact(batch["rows"]), (
        "the reference must have full marks, the blank 0, and every honest twin the same score"
    )


def test_nothing_outside_the_sandbox_changed(batch):
    assert batch["after"] == batch["protected"]
    assert not [p for p in PWNED if p.exists()]
    assert batch["canary"] == [], "a student's code reached the network"


def test_no_hidden_test_line_reaches_an_autograded_notebook_or_feedback(batch):
    course = batch["course"]
    for chapter in chapters():
        hidden = secret_lines(source_notebook(CHAPTERS / f"{chapter}.md"), regions=[HIDDEN_TESTS])
        for student in course.students(chapter):
            if not student.startswith("attack-"):
                continue
            for path in [course.autograded_path(student, chapter), course.feedback_path(student, chapter)]:
                if not path.exists():
                    continue
                text = path.read_text(encoding="utf-8")
                # The autograded notebook holds the hidden tests in its sources; only its outputs reach the student.
                text = (
                    notebook_text(nbformat.reads(text, as_version=4), sources=False)
                    if path.suffix == ".ipynb"
                    else html_text(text)
                )
                leaked = shown(hidden, text)
                assert not leaked, f"{student}: {path.name} shows hidden test lines: {leaked[:2]}"
