"""The attack corpus: submissions that try to game the grader or harm the course.

Every attack in tests/attacks/ is graded in one batch (two jobs at once) with its
honest twin and with honest students. For each: no unearned points, the batch
completes, every other student's grade is intact, and nothing outside the
sandbox changed. The test prints the table.
"""

from pathlib import Path

import nbformat
import pytest

from autograder.feedback import feedback
from autograder.grade import grade
from bookbuild.leaks import HIDDEN_TESTS, secret_lines
from bookbuild.sources import CHAPTERS, source_notebook
from tests.attack_batch import ATTACKS, CHAPTER, JOBS, LIMITS, honest_intact, name, outcome, parse, prepare, table, unearned
from tests.builders import needs_bubblewrap

pytestmark = [pytest.mark.slow, needs_bubblewrap]

PWNED = [Path("/tmp/pwned-by-a-student"), Path.home() / "pwned", Path("/root/pwned")]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    prepared = prepare(tmp_path_factory.mktemp("attacked"))
    try:
        grade(prepared.course, CHAPTER, jobs=JOBS, limits=LIMITS)
        feedback(prepared.course, CHAPTER)
    finally:
        prepared.canary.close()
    return outcome(prepared)


def test_there_are_at_least_thirty_classes_of_attack():
    assert len({parse(p)[0] for p in ATTACKS}) >= 30


def test_the_batch_completes_with_a_row_for_every_student(batch):
    expected = {f"{kind}-{name(p)}" for p in ATTACKS for kind in ("honest", "attack")} | {"honest-reference", "honest-blank"}
    assert expected <= set(batch["rows"])


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
def test_no_unearned_points(batch, attack):
    assert name(attack) not in unearned(batch["rows"]), f"{name(attack)}: (with the attack, without) = {unearned(batch['rows'])[name(attack)]}"


def test_every_other_students_grade_is_intact(batch):
    assert honest_intact(batch["rows"]), "the reference must have full marks, the blank 0, and every honest twin the same score"


def test_nothing_outside_the_sandbox_changed(batch):
    assert batch["after"] == batch["protected"]
    assert not [p for p in PWNED if p.exists()]
    assert batch["canary"] == [], "a student's code reached the network"


def test_no_hidden_test_line_reaches_an_autograded_notebook_or_feedback(batch):
    course = batch["course"]
    hidden = secret_lines(source_notebook(CHAPTERS / f"{CHAPTER}.md"), regions=[HIDDEN_TESTS])
    for student in course.students(CHAPTER):
        if not student.startswith("attack-"):
            continue
        for path in [course.autograded(student, CHAPTER), course.feedback(student, CHAPTER)]:
            if not path.exists():
                continue
            shown = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":
                nb = nbformat.reads(shown, as_version=4)
                shown = "\n".join(o.get("text", "") + o.get("evalue", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
            leaked = [line for line in hidden if line in shown]
            assert not leaked, f"{student}: {path.name} shows hidden test lines: {leaked[:2]}"


def test_print_the_attack_table(batch, capsys):
    rows = batch["rows"]
    lines = table(rows)
    lines.append(f"batch completed: yes; other grades intact: {float(rows['honest-reference']['score'])}/{rows['honest-reference']['max_score']} "
                 f"for the reference; outside the sandbox unchanged: {batch['after'] == batch['protected']}")
    with capsys.disabled():
        print("\n".join(lines))
    assert len(lines) == len(ATTACKS) + 3
