"""Builders the grading tests share: course folders with submissions in them, and the sandbox's skip."""

import copy

import nbformat
import pytest

from autograder import sandbox
from autograder.course import Course
from autograder.release import release
from chapterkit import cells
from chapterkit.student import student_notebook

needs_bubblewrap = pytest.mark.skipif(sandbox.bubblewrap() is None, reason="bubblewrap is installed by `make test`")


def submit(course, student, chapter, notebook):
    """Leave ``notebook`` (a notebook, or the text or bytes a student handed in) where collect puts their file."""
    path = course.submitted_path(student, chapter)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(notebook, bytes):
        path.write_bytes(notebook)
    elif isinstance(notebook, str):
        path.write_text(notebook, encoding="utf-8")
    else:
        nbformat.write(notebook, path)
    return path


def course_with(root, chapter, submissions):
    """A course at ``root`` with ``chapter`` released and ``submissions`` ({student: notebook}) handed in."""
    course = Course(root)
    release(course, [chapter])
    for student, notebook in submissions.items():
        submit(course, student, chapter, notebook)
    return course


def visible_only(source_nb):
    """The source with each test cell as the student sees it: the grader's verdict on the visible tests alone.

    At home only the visible part of a test cell runs; a hidden part may fail where it passes.
    """
    released = cells.by_grade_id(student_notebook(source_nb))
    visible = copy.deepcopy(source_nb)
    for cell in visible.cells:
        if cells.is_test(cell) and not cells.is_solution(cell):
            cell.source = released[cells.grade_id(cell)].source
    return visible


class SandboxBox:
    """One sandbox and the wire to its worker, for the sandbox tests: ``run`` executes code there."""

    def __init__(self, limits=None):
        from autograder import sandbox, wire

        self.box = sandbox.start(sandbox.Limits() if limits is None else limits)
        self.box.wait_ready(20)
        self.channel = wire.Channel(self.box.from_worker, self.box.to_worker)

    def run(self, source):
        self.channel.send({"op": "exec", "source": source, "index": 0})
        return self.channel.wait_for_reply()

    def close(self):
        self.box.kill()
