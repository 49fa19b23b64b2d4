"""Write one graded submission where nbgrader keeps it: the gradebook and ``autograded/``.

Only the grading command's main process calls this (the gradebook has a single
writer), so ``nbgrader export``, formgrader and ``generate_feedback`` see the
same records as after ``nbgrader autograde``.
"""

import copy
import os
import warnings

import nbformat

from chapterkit import cells as nbcells


def record(course, chapter, student, source_nb, submitted_nb, result, gradebook, mark=None):
    """Store the scores of ``result``, then write the autograded notebook (with ``mark`` in its metadata).

    ``result`` is the engine's (``engine.grade_submission``): its cells, in the
    order they ran, are what the notebook shows. The notebook is written last
    and atomically: once it exists, the submission is graded.
    """
    for _student, error in record_many(course, chapter, source_nb, [(student, submitted_nb, result, mark)], gradebook):
        raise error


def record_many(course, chapter, source_nb, graded, gradebook):
    """``record`` for many submissions, [(student, submitted_nb, result, mark)], in one transaction.

    Returns [(student, error)] for those that could not be recorded; the others
    are. The scores of all are committed at once, then each autograded notebook
    is written: a run stopped in between leaves no notebook, so those
    submissions are graded again. If the batch fails, each is recorded alone,
    so one bad submission costs only its own row.
    """
    rows = [(student, course.submitted_at(student, chapter), result["tests"]) for student, _, result, _ in graded]
    failed = []
    try:
        store_scores(gradebook, chapter, rows)
    except Exception as error:
        gradebook.db.rollback()
        if len(rows) == 1:
            return [(rows[0][0], error)]
        kept = []
        for entry, row in zip(graded, rows):
            try:
                store_scores(gradebook, chapter, [row])
            except Exception as error:
                gradebook.db.rollback()
                failed.append((entry[0], error))
            else:
                kept.append(entry)
        graded = kept
    for student, submitted_nb, result, mark in graded:
        try:
            text = result.get("autograded")
            if text is None:
                text = autograded_text(source_nb, submitted_nb, result, mark)
            _write_notebook(course, chapter, student, text)
        except Exception as error:
            failed.append((student, error))
    return failed


def autograded_text(source_nb, submitted_nb, result, mark=None):
    """The autograded notebook as the JSON text ``nbformat.write`` writes.

    Grading processes make it beside the result, so the one process that writes
    the gradebook only writes the file.
    """
    text = nbformat.writes(autograded_notebook(source_nb, submitted_nb, result, mark))
    return text if text.endswith("\n") else text + "\n"


def ensure_students(gradebook, students):
    """``Gradebook.update_or_create_student`` for each of ``students``, in one transaction."""
    from nbgrader.api import Student

    db = gradebook.db
    students = sorted(set(students))
    known = {s.id for s in db.query(Student.id).filter(Student.id.in_(students))} if students else set()
    db.add_all(Student(id=student) for student in students if student not in known)
    db.commit()


def _write_notebook(course, chapter, student, text):
    target = course.autograded_path(student, chapter)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    if target.exists():
        os.chmod(target, 0o644)
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)  # never a half-written notebook
    # nbgrader's generate_feedback copies these to the feedback folder, where release_feedback needs them.
    course.copy_submission_files(student, chapter, target.parent)


def store_scores(gradebook, chapter, rows):
    """Store [(student, timestamp, tests)] in the gradebook, in one transaction, as nbgrader's API would.

    The rows are those that ``Gradebook.update_or_create_student``,
    ``update_or_create_submission`` and ``find_grade`` followed by setting
    ``auto_score`` and ``needs_manual_grade`` make, one commit per call: the
    same objects, made by nbgrader's own model classes (so their defaults and
    generated ids are nbgrader's), looked up with a few queries for the whole
    batch and committed once. ``tests`` is the engine's {grade_id: {"earned", ...}}.
    """
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        # nbgrader 0.9.6's gradebook trips SQLAlchemy's autoflush warnings; they are nbgrader's to fix.
        warnings.simplefilter("ignore", SAWarning)
        _store(gradebook, chapter, rows)


def _store(gradebook, chapter, rows):
    from nbgrader.api import (
        Assignment,
        Comment,
        Grade,
        MissingEntry,
        Student,
        SubmittedAssignment,
        SubmittedNotebook,
    )
    from nbgrader.utils import parse_utc

    db = gradebook.db
    if len({student for student, _, _ in rows}) != len(rows):
        raise ValueError("a student appears twice in one batch")
    assignment = db.query(Assignment).filter(Assignment.name == chapter).one_or_none()
    if assignment is None:
        raise MissingEntry(f"No such assignment: {chapter}")
    ids = [student for student, _, _ in rows]
    with db.no_autoflush:
        students = {s.id: s for s in db.query(Student).filter(Student.id.in_(ids))}
        for student in ids:
            if student not in students:
                students[student] = Student(id=student)
                db.add(students[student])
        submissions = {
            s.student_id: s
            for s in db.query(SubmittedAssignment).filter(
                SubmittedAssignment.assignment_id == assignment.id, SubmittedAssignment.student_id.in_(ids)
            )
        }
        notebooks = list(assignment.notebooks)
        # A grade is found by its cell's name in the notebook named as the chapter, a grade
        # cell's before a task cell's of the same name (find_grade).
        named = {
            cell.id: (cell.name, rank)
            for nb in notebooks
            if nb.name == chapter
            for rank, cells in enumerate([nb.grade_cells, nb.task_cells])
            for cell in cells
        }
        grades = {}  # (student, (cell name, rank)) -> Grade
        if submissions:
            for grade, student in (
                db.query(Grade, SubmittedAssignment.student_id)
                .join(SubmittedNotebook, SubmittedNotebook.id == Grade.notebook_id)
                .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)
                .filter(SubmittedAssignment.id.in_([s.id for s in submissions.values()]))
            ):
                if grade.cell_id in named:
                    grades[student, named[grade.cell_id]] = grade
        for student, timestamp, _ in rows:
            submission = submissions.get(student)
            if submission is not None:
                submission.timestamp = parse_utc(timestamp)
                continue
            # add_submission's objects, in its order.
            submission = SubmittedAssignment(
                assignment=assignment, student=students[student], timestamp=parse_utc(timestamp)
            )
            for notebook in notebooks:
                nb = SubmittedNotebook(notebook=notebook, assignment=submission)
                for grade_cell in notebook.grade_cells:
                    grade = Grade(cell_id=grade_cell.id, notebook=nb)
                    if grade_cell.id in named:
                        grades[student, named[grade_cell.id]] = grade
                for solution_cell in notebook.solution_cells:
                    Comment(cell_id=solution_cell.id, notebook=nb)
                for task_cell in notebook.task_cells:
                    Comment(cell_id=task_cell.id, notebook=nb)
                    grade = Grade(cell_id=task_cell.id, notebook=nb)
                    if task_cell.id in named:
                        grades[student, named[task_cell.id]] = grade
            db.add(submission)
        for student, _, tests in rows:
            for grade_id, test in tests.items():
                grade = grades.get((student, (grade_id, 0))) or grades.get((student, (grade_id, 1)))
                if grade is None:
                    raise MissingEntry(f"No such grade: {chapter}/{chapter}/{grade_id} for {student}")
                grade.auto_score = test["earned"]
                grade.needs_manual_grade = grade.manual_score is not None
    db.commit()


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
