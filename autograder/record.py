"""Write one graded submission where nbgrader keeps it: the gradebook and ``autograded/``.

Only the grading command's main process calls this (the gradebook has a single
writer), so ``nbgrader export``, formgrader and ``generate_feedback`` see the
same records as after ``nbgrader autograde``.
"""

import copy
import os
import warnings

import nbformat
from sqlalchemy.exc import SAWarning

from chapterkit import cells as nbcells


def record(course, chapter, student, source_nb, submitted_nb, result, gradebook, mark=None):
    """Store the scores of ``result``, then write the autograded notebook (with ``mark`` in its metadata).

    ``result`` is the engine's (``engine.grade_submission``): its cells, in the
    order they ran, are what the notebook shows. The notebook is written last
    and atomically: once it exists, the submission is graded.
    """
    _store_scores(gradebook, chapter, student, course.submitted_at(student, chapter), result)
    target = course.autograded_path(student, chapter)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    if target.exists():
        os.chmod(target, 0o644)
    nbformat.write(autograded_notebook(source_nb, submitted_nb, result, mark), temporary)
    os.replace(temporary, target)  # never a half-written notebook
    # nbgrader's generate_feedback copies these to the feedback folder, where release_feedback needs them.
    course.copy_submission_files(student, chapter, target.parent)


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


def autograded_notebook(source_nb, submitted_nb, result, mark=None):
    """The submission with the instructor's cells restored and every cell's outputs filled in from ``result``.

    A test cell the student deleted still ran, so it comes back at the end; a
    cell with a grade id the course never had is no grade cell.
    """
    nb = copy.deepcopy(submitted_nb)
    nb.metadata.update(mark or {})
    source_cells = nbcells.by_grade_id(source_nb)
    trusted = set()  # the cells that are the instructor's copies, by object identity
    for i, cell in enumerate(nb.cells):
        grade_id = nbcells.grade_id(cell)
        original = source_cells.get(grade_id)
        if original is None and grade_id is not None:
            del cell.metadata["nbgrader"]
        elif original is not None and (nbcells.is_locked(original) or nbcells.is_test(original)):
            nb.cells[i] = copy.deepcopy(original)
            trusted.add(id(nb.cells[i]))
    present = {nbcells.grade_id(c) for c in nb.cells}
    for entry in result["cells"]:
        if entry["where"] == "trusted" and entry["grade_id"] not in present:
            restored = copy.deepcopy(source_cells[entry["grade_id"]])
            nb.cells.append(restored)
            trusted.add(id(restored))
    # The instructor's cells get outputs by the source's ids only: a student cell
    # that borrows a test's id (or grade id) gets no test's output.
    outputs = {"trusted": {}, "sandbox": {}}
    for entry in result["cells"]:
        outputs[entry["where"]][entry["id"]] = [nbformat.from_dict(o) for o in entry["outputs"]]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = outputs["trusted" if id(cell) in trusted else "sandbox"].get(cell.get("id"), [])
        cell.execution_count = None
    _unique_ids(nb)
    return nb


def _unique_ids(nb):
    """A student cell that reuses an instructor cell's id is renamed, so nbformat stays valid."""
    seen = set()
    for cell in nb.cells:
        while cell.get("id") in seen:
            cell["id"] = f"{cell['id']}-copy"
        seen.add(cell.get("id"))
