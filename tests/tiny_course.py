"""A course folder with one small chapter, and engine results made by hand: no sandbox, no release.

The chapter is a real one's name (so ``Course.chapters`` knows it), with three
cells of its own: an exercise, ``double``, and two tests worth 2 and 1.
"""

import atexit
import functools
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from autograder.course import Course

CHAPTER = "01_one_neuron"
POINTS = {"test_a": 2.0, "test_b": 1.0}
HANDED_IN = datetime(2026, 3, 1, 20, 30, 5, 250000, tzinfo=UTC)


def nbgrader_cell(source, grade_id, solution=False, points=None):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {
        "grade_id": grade_id,
        "schema_version": 3,
        "task": False,
        "solution": solution,
        "grade": points is not None,
        "locked": not solution,
    }
    if points is not None:
        cell.metadata["nbgrader"]["points"] = points
    cell["id"] = grade_id
    return cell


def source_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbgrader_cell(
            "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION", "double", solution=True
        ),
        nbgrader_cell(
            "assert double(1) == 2\n### BEGIN HIDDEN TESTS\nassert double(7) == 14\n### END HIDDEN TESTS",
            "test_a",
            points=POINTS["test_a"],
        ),
        nbgrader_cell("assert double(-1) == -2", "test_b", points=POINTS["test_b"]),
    ]
    return nb


def submitted_notebook(code="def double(x):\n    return x + x"):
    nb = nbformat.from_dict(source_notebook())
    nb.cells[0].source = code
    return nb


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def engine_result(earned=None, cells=None):
    """What ``engine.grade_submission`` returns: ``earned`` {test: points}, full marks by default."""
    earned = {**POINTS, **(earned or {})}
    tests = {
        name: {
            "points": points,
            "earned": earned[name],
            "message": None if earned[name] == points else "AssertionError: wrong",
        }
        for name, points in POINTS.items()
    }
    if cells is None:
        cells = [{"where": "sandbox", "id": "double", "outputs": [stream("the student's print\n")]}] + [
            {"where": "trusted", "id": name, "grade_id": name, "outputs": [stream(f"{name} ran\n")]} for name in POINTS
        ]
    return {"tests": tests, "cells": cells, "notes": [], "seconds": 0.1}


def tiny_course(root, students=()):
    """A course whose gradebook knows the chapter's tests and ``students`` ({id: (first, last, email)})."""
    course = Course(root)
    course.root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_released_gradebook(), course.root / "gradebook.db")
    with course.gradebook() as gradebook:
        for student, (first, last, email) in dict(students).items():
            gradebook.update_or_create_student(student, first_name=first, last_name=last, email=email)
    return course


@functools.cache
def _released_gradebook():
    """A gradebook as release leaves it, made once: making one runs nbgrader's alembic, which takes seconds."""
    folder = Path(tempfile.mkdtemp(prefix="tiny-course-"))
    atexit.register(shutil.rmtree, folder, True)
    course = Course(folder)
    with course.gradebook() as gradebook:
        gradebook.update_or_create_assignment(CHAPTER)
        gradebook.update_or_create_notebook(CHAPTER, CHAPTER)
        for name, points in POINTS.items():
            gradebook.update_or_create_grade_cell(name, CHAPTER, CHAPTER, max_score=points, cell_type="code")
    return course.root / "gradebook.db"
