"""What a feedback page of any chapter is made from shows no hidden test line, by the one leak scan.

The page itself is HTML rendered from this notebook; `feedback` scans it again
(and tests/autograder/test_attacks.py scans real pages end to end).
"""

import copy

import nbformat
import pytest

from autograder.feedback import HideHiddenTests
from chapterkit import cells
from chapterkit.leaks import HIDDEN_TESTS, notebook_text, secret_lines, shown
from chapterkit.sources import chapter_paths, source_notebook


def _graded(source):
    """The chapter as nbgrader autogrades it: every test failed, its traceback quoting the hidden line that failed."""
    nb = copy.deepcopy(source)
    for cell in filter(cells.is_test, nb.cells):
        hidden = sorted(secret_lines(nbformat.v4.new_notebook(cells=[cell]), regions=[HIDDEN_TESTS]))
        quoted = [f"----> 9 {line}" for line in hidden[:1]]
        cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="wrong values", traceback=quoted)]
    return nb


@pytest.mark.parametrize("chapter", chapter_paths(), ids=lambda p: p.stem)
def test_the_feedback_shows_no_hidden_line_and_would_without_the_preprocessor(chapter):
    source = source_notebook(chapter)
    hidden = secret_lines(source, regions=[HIDDEN_TESTS])
    assert shown(hidden, notebook_text(_graded(source))), "the scan finds the hidden lines of an unprotected notebook"
    protected, _ = HideHiddenTests().preprocess(_graded(source), {})
    assert shown(hidden, notebook_text(protected)) == []
