"""Write one graded submission where nbgrader keeps it: the gradebook and ``autograded/``.

Only the grading command's main process calls this (the gradebook has a single
writer), so ``nbgrader export``, formgrader and ``generate_feedback`` see the
same records as after ``nbgrader autograde``.
"""

import copy
import os
import shutil
import warnings
from datetime import datetime

import nbformat
from sqlalchemy.exc import SAWarning

from .engine import plan


def record(course, chapter, student, source_nb, submitted_nb, result, gradebook, mark=None):
    """Store the scores of ``result``, then write the autograded notebook (with ``mark`` in its metadata).

    The notebook is written last and atomically: once it exists, the submission is graded.
    """
    timestamp = _timestamp(course.submitted(student, chapter).parent / "timestamp.txt")
    _store_scores(gradebook, chapter, student, timestamp, result)
    _write_autograded(course, chapter, student, source_nb, submitted_nb, result, mark or {})


def _store_scores(gradebook, chapter, student, timestamp, result):
    with warnings.catch_warnings():
        # nbgrader 0.9.6's gradebook trips SQLAlchemy's autoflush warnings; they are nbgrader's to fix.
        warnings.simplefilter("ignore", SAWarning)
        _store(gradebook, chapter, student, timestamp, result)


def _store(gradebook, chapter, student, timestamp, result):
    gradebook.update_or_create_student(student)
    gradebook.update_or_create_submission(chapter, student, timestamp=timestamp)
    for grade_id, test in result["tests"].items():
        grade = gradebook.find_grade(grade_id, chapter, chapter, student)
        grade.auto_score = test["earned"]
        grade.needs_manual_grade = grade.manual_score is not None
    gradebook.db.commit()


def _write_autograded(course, chapter, student, source_nb, submitted_nb, result, mark):
    """The submission with the instructor's locked cells restored and every cell's outputs filled in."""
    nb = copy.deepcopy(submitted_nb)
    nb.metadata.update(mark)
    source_cells = {c.metadata["nbgrader"]["grade_id"]: c for c in source_nb.cells if "nbgrader" in c.metadata}
    trusted = set()  # the cells that are the instructor's copies, by object identity
    for i, cell in enumerate(nb.cells):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        original = source_cells.get(grade_id)
        if original is None and grade_id is not None:
            del cell.metadata["nbgrader"]  # a cell the course never had: not graded, not a grade cell
        elif original is not None and (original.metadata["nbgrader"].get("locked") or original.metadata["nbgrader"].get("grade")):
            nb.cells[i] = copy.deepcopy(original)
            trusted.add(id(nb.cells[i]))
    present = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells}
    for where, cell in plan(source_nb, nb):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if where == "trusted" and grade_id not in present:
            restored = copy.deepcopy(cell)  # a deleted test cell is graded and shown
            nb.cells.append(restored)
            trusted.add(id(restored))
    # Outputs are keyed by cell id, and the instructor's cells by the source's ids
    # only: a student cell that borrows a test's id (or grade id) gets no test's output.
    outputs = {"trusted": {}, "sandbox": {}}
    for entry in result["cells"]:
        outputs["trusted" if entry.get("grade_id") else "sandbox"][entry.get("id")] = [nbformat.from_dict(o) for o in entry["outputs"]]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = outputs["trusted" if id(cell) in trusted else "sandbox"].get(cell.get("id"), [])
        cell.execution_count = None
    _unique_ids(nb)
    target = course.autograded(student, chapter)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    if target.exists():
        os.chmod(target, 0o644)
    nbformat.write(nb, temporary)
    os.replace(temporary, target)  # never a half-written notebook
    # nbgrader's generate_feedback copies these to the feedback folder, where release_feedback needs them.
    for name in ("timestamp.txt", "submission_secret.txt"):
        kept = course.submitted(student, chapter).parent / name
        if kept.exists():
            shutil.copyfile(kept, target.parent / name)


def _unique_ids(nb):
    """A student cell that reuses an instructor cell's id is renamed, so nbformat stays valid."""
    seen = set()
    for cell in nb.cells:
        while cell.get("id") in seen:
            cell["id"] = f"{cell['id']}-copy"
        seen.add(cell.get("id"))


def _timestamp(path):
    if not path.exists():
        return None
    # collect writes "2026-11-21 10:19:14.307808 UTC"; nbgrader's own files may lack the zone or the fraction.
    text = path.read_text(encoding="utf-8").strip().removesuffix("UTC").removesuffix("+00:00").strip()
    for form in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, form)
        except ValueError:
            continue
    return None

