"""The attack corpus as one grading batch, shared by the root run (test_attacks.py) and the ordinary user's (test_unprivileged.py).

``prepare`` writes a course folder with every attack of tests/attacks/, its
honest twin and two honest students, and records what must not change;
grading it is the caller's (as root in-process, or as another user); ``outcome``
reads the grade sheet and what changed.
"""

import csv
import hashlib
import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder import sandbox
from autograder.course import Course
from autograder.examples import release_notebook, submission
from autograder.release import release
from chapterkit.sources import dumps
from tests.builders import submit

CHAPTER = "05_vectorization"  # the chapter of an attack without a "# chapter:" line; its exercise is propagate
ATTACKS = sorted((Path(__file__).parent / "attacks").glob("*.py"))
LIMITS = sandbox.Limits(memory_bytes=768 * 2**20, call_seconds=8, wall_seconds=40, cpu_seconds=30)
JOBS = 2


def parse(path):
    text = path.read_text(encoding="utf-8")
    header = dict(re.findall(r"^# (class|notebook): (.+)$", text, re.MULTILINE))
    honest = text.split("# --- honest\n", 1)[1].split("# --- attack\n", 1)[0]
    attack = text.split("# --- attack\n", 1)[1]
    return header["class"], header.get("notebook"), honest, attack


def where(path):
    """(chapter, exercise) an attack is a submission of: its "# chapter:" and "# exercise:" lines, or chapter 5's propagate."""
    header = dict(re.findall(r"^# (chapter|exercise): (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE))
    return header.get("chapter", CHAPTER), header.get("exercise", "propagate")


def chapters():
    """Every chapter the batch grades, chapter 5 first."""
    return [CHAPTER] + sorted({where(p)[0] for p in ATTACKS} - {CHAPTER})


def grade_all(course, grade, feedback, **options):
    """Grade, then write the feedback of, every chapter of the batch."""
    for chapter in chapters():
        grade(course, chapter, **options)
        feedback(course, chapter)


def name(path):
    return path.stem.replace("_", "-")


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
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


@dataclass
class Batch:
    course: Course
    outside: Path  # an instructor's folder beside the course
    canary: Canary
    protected: dict


def prepare(root):
    """The batch's course folder under ``root``, not graded yet; the caller closes ``canary`` after grading."""
    course = Course(root / "course")
    release(course, chapters())
    outside = root / "outside"
    outside.mkdir()
    (outside / "notes.txt").write_text("an instructor's file outside the course folder")
    canary = Canary()
    for path in ATTACKS:
        _, whole, honest, attack = parse(path)
        chapter, exercise = where(path)
        if chapter != CHAPTER:
            _submit(course, f"honest-{name(path)}", dumps(submission(chapter, {exercise: honest})), chapter)
            text = dumps(submission(chapter, {exercise: honest + "\n" + attack}))
            _submit(course, f"attack-{name(path)}", text, chapter)
            continue
        _submit(course, f"honest-{name(path)}", dumps(submission(CHAPTER, {"propagate": honest})))
        if whole == "tamper-tests":
            text = dumps(tamper(submission(CHAPTER, {"propagate": honest})))
        elif whole == "invalid-json":
            text = dumps(submission(CHAPTER, {"propagate": honest}))[:-200]
        elif whole == "not-utf8":
            text = (
                dumps(submission(CHAPTER, {"propagate": honest}))
                .encode("utf-8")
                .replace(b"wrong on purpose", b"wrong \xff\xfe purpose")
            )
        elif whole == "then-big-cell":
            text = dumps(with_big_cell_after(submission(CHAPTER, {"propagate": honest + "\n" + attack}), "propagate"))
        else:
            text = dumps(
                submission(CHAPTER, {"propagate": honest + "\n" + attack.replace("CANARY_PORT", str(canary.port))})
            )
        _submit(course, f"attack-{name(path)}", text)
    _submit(course, "honest-reference", dumps(submission(CHAPTER)))
    _submit(course, "honest-blank", dumps(release_notebook(CHAPTER)))
    return Batch(course, outside, canary, _state(course, outside))


def _state(course, outside):
    state = {
        "source": digest_tree(course.root / "source"),
        "release": digest_tree(course.root / "release"),
        "outside": digest_tree(outside),
    }
    state["honest submissions"] = {
        (chapter, s): hashlib.sha256(course.submitted_path(s, chapter).read_bytes()).hexdigest()
        for chapter in chapters()
        for s in course.students(chapter)
        if s.startswith("honest-")
    }
    return state


def _submit(course, student, text, chapter=CHAPTER):
    submit(course, student, chapter, text)


def outcome(batch):
    """After grading: the sheet's rows of the chapter, and what is protected, before and after."""
    # Each student handed in one chapter: their row is that chapter's.
    handed_in = {s: c for c in chapters() for s in batch.course.students(c)}
    with (batch.course.root / "grades.csv").open() as sheet:
        rows = {r["student_id"]: r for r in csv.DictReader(sheet) if r["assignment"] == handed_in.get(r["student_id"])}
    return {
        "course": batch.course,
        "rows": rows,
        "protected": batch.protected,
        "after": _state(batch.course, batch.outside),
        "canary": batch.canary.received,
    }


def unearned(rows):
    """The attacks that scored more than their honest twins: {name: (attack's score, twin's score)}."""
    scores = {
        name(p): (float(rows[f"attack-{name(p)}"]["score"]), float(rows[f"honest-{name(p)}"]["score"])) for p in ATTACKS
    }
    return {attack: pair for attack, pair in scores.items() if pair[0] > pair[1]}


def honest_intact(rows):
    """Whether the reference has full marks, the blank 0, and every honest twin of a chapter the same score."""
    reference = rows["honest-reference"]
    return (
        float(reference["score"]) == float(reference["max_score"]) > 0
        and float(rows["honest-blank"]["score"]) == 0
        and all(
            len({float(rows[f"honest-{name(p)}"]["score"]) for p in ATTACKS if where(p)[0] == chapter}) == 1
            for chapter in chapters()
        )
    )


def table(rows):
    lines = ["", f"{'class of attack':58s} {'attack':22s} {'honest':>7s} {'attack':>7s}  outcome"]
    for path in ATTACKS:
        attacked, honest = rows[f"attack-{name(path)}"], rows[f"honest-{name(path)}"]
        said = attacked.get("problem") or "graded"
        lines.append(
            f"{parse(path)[0][:58]:58s} {name(path)[:22]:22s} {float(honest['score']):7.1f} {float(attacked['score']):7.1f}  {said[:70]}"
        )
    return lines
