"""The attack corpus: submissions that try to game the grader or harm the course.

Every attack in tests/attacks/ is graded in one batch (two jobs at once) with its
honest twin and with honest students. For each: no unearned points, the batch
completes, every other student's grade is intact, and nothing outside the
sandbox changed. The test prints the table.
"""

import csv
import hashlib
import re
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from autograder import sandbox
from autograder.course import Course
from autograder.examples import release_notebook, submission
from autograder.feedback import feedback
from autograder.grade import grade
from autograder.release import release
from bookbuild.leaks import HIDDEN_TESTS, secret_lines
from bookbuild.sources import CHAPTERS, dumps, source_notebook

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sandbox.bubblewrap() is None, reason="bubblewrap is installed by `make test`")]

CHAPTER = "05_vectorization"
ATTACKS = sorted((Path(__file__).parent / "attacks").glob("*.py"))
PWNED = [Path("/tmp/pwned-by-a-student"), Path.home() / "pwned", Path("/root/pwned")]


def parse(path):
    text = path.read_text(encoding="utf-8")
    header = dict(re.findall(r"^# (class|notebook): (.+)$", text, re.MULTILINE))
    honest = text.split("# --- honest\n", 1)[1].split("# --- attack\n", 1)[0]
    attack = text.split("# --- attack\n", 1)[1]
    return header["class"], header.get("notebook"), honest, attack


class Canary:
    """A listener on loopback that records anything sent to it."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.received = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            with connection:
                self.received.append(connection.recv(1024))

    def close(self):
        self.running = False
        self.thread.join()
        self.server.close()


def tamper(nb):
    """Edit the test cells a student can reach: gut one, raise its points, unmark one, delete one."""
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests[0].source = "pass"
    tests[0].metadata["nbgrader"]["points"] = 1000
    tests[1].metadata["nbgrader"]["grade"] = False
    tests[1].source = "pass"
    tests[2].metadata["nbgrader"]["grade_id"] = "test_renamed"
    nb.cells.remove(tests[3])
    return nb


def with_big_cell_after(nb, grade_id):
    """A 200 KB code cell of the student's own after the exercise cell: more than a pipe holds."""
    position = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    nb.cells.insert(position + 1, nbformat.v4.new_code_cell("# " + "x" * 200_000 + "\npass"))
    return nb


def digest_tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacked")
    course = Course(root / "course")
    release(course, [CHAPTER])
    canary_files = root / "outside"
    canary_files.mkdir()
    (canary_files / "notes.txt").write_text("an instructor's file outside the course folder")
    canary = Canary()
    raw_files = {}
    for path in ATTACKS:
        kind, whole, honest, attack = parse(path)
        name = path.stem.replace("_", "-")
        _submit(course, f"honest-{name}", dumps(submission(CHAPTER, {"propagate": honest})))
        if whole == "tamper-tests":
            text = dumps(tamper(submission(CHAPTER, {"propagate": honest})))
        elif whole == "invalid-json":
            text = dumps(submission(CHAPTER, {"propagate": honest}))[:-200]
        elif whole == "not-utf8":
            text = dumps(submission(CHAPTER, {"propagate": honest})).encode("utf-8").replace(b"wrong on purpose", b"wrong \xff\xfe purpose")
        elif whole == "then-big-cell":
            text = dumps(with_big_cell_after(submission(CHAPTER, {"propagate": honest + "\n" + attack}), "propagate"))
        else:
            text = dumps(submission(CHAPTER, {"propagate": honest + "\n" + attack.replace("CANARY_PORT", str(canary.port))}))
        raw_files[name] = text
        _submit(course, f"attack-{name}", text)
    _submit(course, "honest-reference", dumps(submission(CHAPTER)))
    _submit(course, "honest-blank", dumps(release_notebook(CHAPTER)))
    protected = {"source": digest_tree(course.root / "source"), "release": digest_tree(course.root / "release"),
                 "outside": digest_tree(canary_files)}
    protected["honest submissions"] = {
        s: hashlib.sha256(course.submitted(s, CHAPTER).read_bytes()).hexdigest() for s in course.students(CHAPTER) if s.startswith("honest-")
    }
    limits = sandbox.Limits(memory_bytes=768 * 2**20, call_seconds=8, wall_seconds=40, cpu_seconds=30)
    try:
        problems = grade(course, CHAPTER, jobs=2, limits=limits)
        feedback(course, CHAPTER)
    finally:
        canary.close()
    with (course.root / "grades.csv").open() as sheet:
        rows = {r["student_id"]: r for r in csv.DictReader(sheet) if r["assignment"] == CHAPTER}
    after = {"source": digest_tree(course.root / "source"), "release": digest_tree(course.root / "release"),
             "outside": digest_tree(canary_files)}
    after["honest submissions"] = {s: hashlib.sha256(course.submitted(s, CHAPTER).read_bytes()).hexdigest() for s in protected["honest submissions"]}
    return {"course": course, "rows": rows, "problems": problems, "protected": protected, "after": after,
            "canary": canary.received}


def _submit(course, student, text):
    path = course.submitted(student, CHAPTER)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def test_there_are_at_least_thirty_classes_of_attack():
    assert len({parse(p)[0] for p in ATTACKS}) >= 30


def test_the_batch_completes_with_a_row_for_every_student(batch):
    expected = {f"{kind}-{p.stem.replace('_', '-')}" for p in ATTACKS for kind in ("honest", "attack")} | {"honest-reference", "honest-blank"}
    assert expected <= set(batch["rows"])


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
def test_no_unearned_points(batch, attack):
    name = attack.stem.replace("_", "-")
    attacked = float(batch["rows"][f"attack-{name}"]["score"])
    honest = float(batch["rows"][f"honest-{name}"]["score"])
    assert attacked <= honest, f"{name}: {attacked} points with the attack, {honest} without"


def test_every_other_students_grade_is_intact(batch):
    rows = batch["rows"]
    assert float(rows["honest-reference"]["score"]) == float(rows["honest-reference"]["max_score"]) > 0
    assert float(rows["honest-blank"]["score"]) == 0
    honest_scores = {float(rows[f"honest-{p.stem.replace('_', '-')}"]["score"]) for p in ATTACKS}
    assert len(honest_scores) == 1, "every honest twin submitted the same code and must get the same score"


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
    lines = ["", f"{'class of attack':58s} {'attack':22s} {'honest':>7s} {'attack':>7s}  outcome"]
    for path in ATTACKS:
        kind = parse(path)[0]
        name = path.stem.replace("_", "-")
        attacked, honest = rows[f"attack-{name}"], rows[f"honest-{name}"]
        outcome = rows[f"attack-{name}"].get("problem") or "graded"
        lines.append(f"{kind[:58]:58s} {name[:22]:22s} {float(honest['score']):7.1f} {float(attacked['score']):7.1f}  {outcome[:70]}")
    lines.append(f"batch completed: yes; other grades intact: {float(rows['honest-reference']['score'])}/{rows['honest-reference']['max_score']} "
                 f"for the reference; outside the sandbox unchanged: {batch['after'] == batch['protected']}")
    with capsys.disabled():
        print("\n".join(lines))
    assert len(lines) == len(ATTACKS) + 3

